package dev.companion.fidelity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves the fidelity corpus (one folder per page, docs: tools/fidelity/README.md) on 127.0.0.1. The
 * same URL shows each user their own version of a page:
 *
 * <ul>
 *   <li>who: the {@code fid-as} query parameter, else the {@code fid-user} cookie that
 *       {@code /fidelity/login?as=USER&to=PATH} sets. Cookies belong to a host, so a leader on
 *       {@code 127.0.0.1} and a follower on {@code localhost} are two users in one browser;
 *   <li>{@code NAME.USER.EXT} is served instead of {@code NAME.EXT} to that user when it exists, and
 *       every page can read {@code fidelity.user} (from {@code /fidelity/fidelity.js}, added to the
 *       head of every HTML page);
 *   <li>pages report what a press meant with {@code fidelity.set(key, value)} (a synchronous POST to
 *       {@code /fidelity/set}: done when the page's handler returns), or a form POST to
 *       {@code /fidelity/do} with {@code key}, {@code value} and {@code back} (then a redirect);
 *       fields, the page's path and client-side routes are reported by fidelity.js itself.
 * </ul>
 *
 * A path with no file falls back to the folder's {@code index.html} (client-side routing).
 */
public final class CorpusServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HELPER = "/dev/companion/fidelity/fidelity.js";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Path root;
    private final Events events = new Events();
    private final byte[] helper;

    private CorpusServer(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        try (InputStream in = CorpusServer.class.getResourceAsStream(HELPER)) {
            if (in == null) {
                throw new IOException("missing " + HELPER);
            }
            helper = in.readAllBytes();
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /** Serves the corpus folder root on 127.0.0.1, on a free port. */
    public static CorpusServer start(Path root) throws IOException {
        CorpusServer s = new CorpusServer(root);
        s.server.start();
        return s;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** What the pages reported. */
    public Events events() {
        return events;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            try {
                route(ex);
            } catch (RuntimeException e) { // (inside: the exchange must still be open to answer)
                send(ex, 400, "text/plain; charset=utf-8", String.valueOf(e.getMessage()).getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private void route(HttpExchange ex) throws IOException {
        URI uri = ex.getRequestURI();
        String path = uri.getPath();
        Map<String, String> query = form(uri.getRawQuery());
        switch (path) {
            case "/fidelity/fidelity.js" -> send(ex, 200, "text/javascript; charset=utf-8", helper);
            case "/fidelity/login" -> login(ex, query);
            case "/fidelity/set" -> set(ex);
            case "/fidelity/do" -> doForm(ex, query);
            default -> file(ex, path, userOf(ex, query));
        }
    }

    private void login(HttpExchange ex, Map<String, String> query) throws IOException {
        String user = name(query.get("as"));
        String to = query.getOrDefault("to", "/");
        if (!to.startsWith("/") || to.startsWith("//")) {
            throw new IllegalArgumentException("to must be a path");
        }
        ex.getResponseHeaders().add("Set-Cookie", "fid-user=" + user + "; Path=/; SameSite=Lax");
        ex.getResponseHeaders().set("Location", to);
        send(ex, 302, "text/plain", new byte[0]);
    }

    private void set(HttpExchange ex) throws IOException {
        JsonNode body = JSON.readTree(ex.getRequestBody().readNBytes(64 * 1024));
        events.add(name(body.path("user").asText()), body.path("key").asText(), body.path("value").asText());
        send(ex, 204, "text/plain", null);
    }

    private void doForm(HttpExchange ex, Map<String, String> query) throws IOException {
        Map<String, String> fields = new HashMap<>(query);
        if ("POST".equals(ex.getRequestMethod())) {
            fields.putAll(form(new String(ex.getRequestBody().readNBytes(64 * 1024), StandardCharsets.UTF_8)));
        }
        events.add(userOf(ex, fields), fields.getOrDefault("key", ""), fields.getOrDefault("value", ""));
        String back = fields.getOrDefault("back", ex.getRequestHeaders().getFirst("Referer"));
        ex.getResponseHeaders().set("Location", back == null || back.isBlank() ? "/" : back);
        send(ex, 303, "text/plain", new byte[0]);
    }

    private void file(HttpExchange ex, String path, String user) throws IOException {
        Path file = resolve(path, user);
        if (file == null) {
            send(ex, 404, "text/plain; charset=utf-8", "not found".getBytes(StandardCharsets.UTF_8));
            return;
        }
        byte[] body = Files.readAllBytes(file);
        String name = file.getFileName().toString();
        if (name.endsWith(".html")) {
            String html = new String(body, StandardCharsets.UTF_8);
            String tag = "<script src=\"/fidelity/fidelity.js\"></script>";
            int head = html.toLowerCase(Locale.ROOT).indexOf("<head>");
            html = head >= 0 ? html.substring(0, head + 6) + tag + html.substring(head + 6) : tag + html;
            send(ex, 200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
        } else {
            send(ex, 200, name.endsWith(".js") ? "text/javascript; charset=utf-8"
                    : name.endsWith(".css") ? "text/css; charset=utf-8" : "application/octet-stream", body);
        }
    }

    /** The file for path as user sees it: NAME.USER.EXT before NAME.EXT; else the folder's index.html. */
    Path resolve(String path, String user) {
        String clean = URLDecoder.decode(path, StandardCharsets.UTF_8);
        Path p = root.resolve(clean.substring(1)).normalize();
        if (!p.startsWith(root) || clean.contains("\0")) {
            return null;
        }
        if (Files.isDirectory(p)) {
            p = p.resolve("index.html");
        }
        Path mine = variant(p, user);
        if (mine != null && Files.isRegularFile(mine)) {
            return mine;
        }
        if (Files.isRegularFile(p)) {
            return p;
        }
        // client-side routing: the first folder's index.html serves every path under it
        Path rel = root.relativize(p);
        if (rel.getNameCount() > 1) {
            Path index = root.resolve(rel.getName(0)).resolve("index.html");
            Path indexMine = variant(index, user);
            return indexMine != null && Files.isRegularFile(indexMine) ? indexMine
                    : Files.isRegularFile(index) ? index : null;
        }
        return null;
    }

    private static Path variant(Path p, String user) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 || user == null ? null : p.resolveSibling(name.substring(0, dot) + "." + user + name.substring(dot));
    }

    private static String userOf(HttpExchange ex, Map<String, String> query) {
        String as = query.get("fid-as");
        if (as != null) {
            return name(as);
        }
        String cookies = ex.getRequestHeaders().getFirst("Cookie");
        if (cookies != null) {
            for (String c : cookies.split(";")) {
                String[] kv = c.trim().split("=", 2);
                if (kv.length == 2 && kv[0].equals("fid-user")) {
                    return name(kv[1]);
                }
            }
        }
        return "anonymous";
    }

    private static String name(String user) {
        if (user == null || !user.matches("[a-z][a-z0-9-]{0,31}")) {
            throw new IllegalArgumentException("a user is [a-z][a-z0-9-]{0,31}");
        }
        return user;
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return out;
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.sendResponseHeaders(status, body == null || body.length == 0 ? -1 : body.length);
        if (body != null && body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
