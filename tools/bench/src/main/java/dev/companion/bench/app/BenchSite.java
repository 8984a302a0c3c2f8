package dev.companion.bench.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The benchmark pages, served on 127.0.0.1 (a free port): {@code /follow.html} (counter button,
 * text field, tall page), {@code /paint.html} (a full-page colour that reports its paint timing),
 * {@code /animated.html} (requestAnimationFrame animation) and {@code /static.html}. Pages report
 * what they measured with {@code navigator.sendBeacon('/mark', json)}: the marks arrive in a queue,
 * each stamped with the server's receive time ({@code "rx"}, epoch µs). One thread; close() twice is fine.
 */
public final class BenchSite implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RES = "/dev/companion/bench/site/";
    private final HttpServer server;
    private final ExecutorService executor;
    private final BlockingQueue<JsonNode> marks = new LinkedBlockingQueue<>();
    private final BlockingQueue<Long> requests = new LinkedBlockingQueue<>();
    private boolean closed;

    private BenchSite(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static BenchSite start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        ExecutorService ex = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "bench-site");
            t.setDaemon(true);
            return t;
        });
        BenchSite site = new BenchSite(server, ex);
        server.createContext("/", site::handle);
        server.setExecutor(ex);
        server.start();
        return site;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private void handle(HttpExchange x) throws IOException {
        long rx = Clocks.epochMicros();
        try (x) {
            String path = x.getRequestURI().getPath();
            if ("/mark".equals(path) && "POST".equals(x.getRequestMethod())) {
                byte[] body = x.getRequestBody().readAllBytes();
                try {
                    JsonNode m = JSON.readTree(body);
                    if (m.isObject()) {
                        ((com.fasterxml.jackson.databind.node.ObjectNode) m).put("rx", rx);
                        marks.add(m);
                    }
                } catch (IOException e) {
                    // not a mark
                }
                x.sendResponseHeaders(204, -1);
                return;
            }
            String name = path.equals("/") ? "follow.html" : path.substring(1);
            InputStream in = name.matches("[a-z]+\\.html") ? BenchSite.class.getResourceAsStream(RES + name) : null;
            if (in == null) {
                x.sendResponseHeaders(404, -1);
                return;
            }
            if (name.equals("paint.html")) {
                requests.add(rx);
            }
            byte[] page;
            try (in) {
                page = in.readAllBytes();
            }
            x.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            x.getResponseHeaders().set("Cache-Control", "no-store");
            x.sendResponseHeaders(200, page.length);
            x.getResponseBody().write(page);
        }
    }

    /** The next mark that matches, dropping the ones before it; null after timeout. */
    public JsonNode awaitMark(Predicate<JsonNode> match, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            JsonNode m = marks.poll(left, TimeUnit.NANOSECONDS);
            if (m == null) {
                return null;
            }
            if (match.test(m)) {
                return m;
            }
        }
    }

    /** The next mark within timeout, whatever it is; null if none came. */
    public JsonNode nextMark(Duration timeout) throws InterruptedException {
        return marks.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    public void clearMarks() {
        marks.clear();
        requests.clear();
    }

    /** When /paint.html was last requested (epoch µs), waiting up to timeout; null if it was not. */
    public Long awaitPaintPageRequest(Duration timeout) throws InterruptedException {
        return requests.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.stop(0);
        executor.shutdownNow();
    }
}
