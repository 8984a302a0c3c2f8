package dev.companion.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.Codec;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * One test class's browser: a local HTTP server for the pages under test resources {@code /browser},
 * the engine (started before the JavaFX toolkit), a stage showing one view, and a listener that
 * records what the agent reports.
 */
final class BrowserFixture {
    static final long WAIT_S = 15;

    final HttpServer server;
    final BrowserEngine engine;
    final Stage stage;
    final BrowserView view;
    final Recorder recorder = new Recorder();
    final Path profile;

    private BrowserFixture(String startPath) throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            try (InputStream in = BrowserFixture.class.getResourceAsStream("/browser" + path)) {
                byte[] body = in == null ? "not found".getBytes() : in.readAllBytes();
                exchange.getResponseHeaders().set("Content-Type", in == null ? "text/plain" : "text/html; charset=utf-8");
                exchange.getResponseHeaders().set("Cache-Control", "no-store");
                exchange.sendResponseHeaders(in == null ? 404 : 200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.start();
        profile = Files.createTempDirectory("companion-browser-test");
        engine = BrowserEngine.start(profile);
        stage = FxToolkit.registerPrimaryStage();
        view = WaitForAsyncUtils.asyncFx(() -> {
            BrowserView v = engine.createView(url(startPath));
            v.setListener(recorder);
            stage.setScene(new Scene(new StackPane(v.node()), 1000, 700));
            stage.setX(0);
            stage.setY(0);
            stage.show();
            stage.toFront();
            v.node().requestFocus();
            return v;
        }).get(WAIT_S, TimeUnit.SECONDS);
    }

    static BrowserFixture start(String startPath) throws Exception {
        BrowserFixture f = new BrowserFixture(startPath);
        f.recorder.awaitReady(f.url(startPath), "");
        return f;
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Evaluates an expression in the top frame; the JSON result. */
    String eval(String js) throws Exception {
        return view.eval(js).get(WAIT_S, TimeUnit.SECONDS);
    }

    /** Evaluates an expression that yields a string; the string. */
    String evalString(String js) throws Exception {
        JsonNode n = Codec.mapper().readTree(eval(js));
        return n.isNull() ? null : n.asText();
    }

    /** Loads a page as the user and waits until its agent is ready. */
    void loadAndWait(String path) throws Exception {
        recorder.clearReady();
        view.load(url(path));
        recorder.awaitReady(url(path), "");
    }

    /** Loads an absolute URL (e.g. the demo shop's) as the user and waits until its agent is ready. */
    void loadUrlAndWait(String absoluteUrl) throws Exception {
        recorder.clearReady();
        view.load(absoluteUrl);
        recorder.awaitReady(absoluteUrl, "");
    }

    /**
     * The screen point at the centre of the element the expression yields (an Element in the top
     * document, or in a same-origin frame when frameSelector is given).
     */
    Point2D screenPointOf(String frameSelector, String elementExpression) throws Exception {
        String js = "(() => { let dx = 0, dy = 0, doc = document;"
                + (frameSelector == null ? "" : " const f = document.querySelector(" + AgentScript.json(frameSelector) + ");"
                + " const fr = f.getBoundingClientRect(); dx = fr.left + f.clientLeft; dy = fr.top + f.clientTop; doc = f.contentDocument;")
                + " const el = (function(document){ return " + elementExpression + "; })(doc);"
                + " el.scrollIntoView({block: 'center'}); const r = el.getBoundingClientRect();"
                + " return [dx + r.left + r.width / 2, dy + r.top + r.height / 2]; })()";
        JsonNode xy = Codec.mapper().readTree(eval(js));
        return WaitForAsyncUtils.asyncFx(() -> view.node().localToScreen(xy.get(0).asDouble(), xy.get(1).asDouble()))
                .get(WAIT_S, TimeUnit.SECONDS);
    }

    Point2D screenPointOf(String selector) throws Exception {
        return screenPointOf(null, "document.querySelector(" + AgentScript.json(selector) + ")");
    }

    void close() throws Exception {
        view.close();
        view.close(); // safe twice
        engine.close();
        engine.close();
        FxToolkit.cleanupStages();
        server.stop(0);
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    /** Records listener calls in arrival order. */
    static final class Recorder implements AgentListener {
        record Ready(String url, String frame, long nanos) { }

        record Captured(Action action, long nanos, String thread) { }

        final LinkedBlockingQueue<Captured> actions = new LinkedBlockingQueue<>();
        final LinkedBlockingQueue<Ready> readies = new LinkedBlockingQueue<>();
        final LinkedBlockingQueue<Stroke> strokes = new LinkedBlockingQueue<>();
        final LinkedBlockingQueue<String> drawModeEnded = new LinkedBlockingQueue<>();

        @Override
        public void onStroke(Stroke stroke) {
            strokes.add(stroke);
        }

        @Override
        public void onDrawModeEnded() {
            drawModeEnded.add("ended");
        }

        @Override
        public void onAction(Action action) {
            actions.add(new Captured(action, System.nanoTime(), Thread.currentThread().getName()));
        }

        @Override
        public void onPageReady(String url, String frame) {
            readies.add(new Ready(url, frame, System.nanoTime()));
        }

        void clearReady() {
            readies.clear();
        }

        Ready awaitReady(String url, String frame) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
            while (System.nanoTime() < deadline) {
                Ready r = readies.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (r != null && r.url().equals(url) && r.frame().equals(frame)) {
                    return r;
                }
            }
            throw new AssertionError("no ready for " + url + " frame '" + frame + "'");
        }

        /** The next action matching, skipping others (which are returned in skipped if given). */
        Captured await(Predicate<Action> match, List<Action> skipped) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
            while (System.nanoTime() < deadline) {
                Captured c = actions.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (c == null) {
                    break;
                }
                if (match.test(c.action())) {
                    return c;
                }
                if (skipped != null) {
                    skipped.add(c.action());
                }
            }
            throw new AssertionError("no matching action; skipped " + skipped);
        }

        Captured await(Predicate<Action> match) throws InterruptedException {
            return await(match, new ArrayList<>());
        }

        /** The next action of type that matches, skipping others (which are returned in skipped if given). */
        <T extends Action> T await(Class<T> type, Predicate<? super T> match, List<Action> skipped)
                throws InterruptedException {
            return type.cast(await(a -> type.isInstance(a) && match.test(type.cast(a)), skipped).action());
        }

        <T extends Action> T await(Class<T> type, Predicate<? super T> match) throws InterruptedException {
            return await(type, match, new ArrayList<>());
        }

        <T extends Action> T await(Class<T> type) throws InterruptedException {
            return await(type, a -> true);
        }

        /** Everything that arrives within the given time (to show that nothing does). */
        List<Action> drain(long millis) throws InterruptedException {
            List<Action> out = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return out;
                }
                Captured c = actions.poll(left, TimeUnit.NANOSECONDS);
                if (c != null) {
                    out.add(c.action());
                }
            }
        }
    }

    static void assertNotFxThread(Recorder.Captured c) {
        assertThat(c.thread()).doesNotContain("JavaFX Application Thread").doesNotContain("AWT-EventQueue");
    }
}
