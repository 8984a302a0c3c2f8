package dev.companion.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * Drives a Companion process through its test hook (dev.companion.testkit.hook.TestHook): the token
 * as the first line, then one JSON request per line.
 */
public final class HookClient implements Terminal, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Socket socket;
    private final BufferedReader in;
    private final PrintWriter out;

    public HookClient(int port, String token) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(30_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = new PrintWriter(new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8), true);
        out.println(token);
        String hello = in.readLine();
        if (hello == null || !JSON.readTree(hello).path("ok").asBoolean()) {
            socket.close();
            throw new IOException("test hook refused the token");
        }
    }

    public synchronized JsonNode call(ObjectNode req) {
        try {
            out.println(JSON.writeValueAsString(req));
            String line = in.readLine();
            if (line == null) {
                throw new IllegalStateException("test hook closed");
            }
            JsonNode reply = JSON.readTree(line);
            if (!reply.path("ok").asBoolean()) {
                throw new IllegalStateException(req.path("cmd").asText() + " failed: " + reply.path("error").asText());
            }
            return reply.path("result");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode cmd(String name) {
        return JSON.createObjectNode().put("cmd", name);
    }

    @Override
    public JsonNode state() {
        return call(cmd("state"));
    }

    @Override
    public void fire(String id) {
        call(cmd("fire").put("id", id));
    }

    /** The text of the labelled control or text field with this fx:id. */
    public String text(String id) {
        return call(cmd("text").put("id", id)).asText();
    }

    @Override
    public void setText(String id, String text) {
        call(cmd("setText").put("id", id).put("text", text));
    }

    /** Evaluates a JavaScript expression in the page; the result as JSON (parsed). */
    @Override
    public JsonNode eval(String js) {
        String raw = call(cmd("eval").put("js", js)).asText();
        try {
            return raw == null || raw.isEmpty() ? JSON.nullNode() : JSON.readTree(raw);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + raw, e);
        }
    }

    /** Sets a ChoiceBox/ComboBox (by value or shown text) or a CheckBox ("true"/"false") by fx:id. */
    public void select(String id, String value) {
        call(cmd("select").put("id", id).put("value", value));
    }

    /** A person's click (real input) on the page element matching selector. */
    public void userClick(String selector) {
        call(cmd("userClick").put("selector", selector));
    }

    /** A person's drag across the middle of the page element matching selector (real input, 10% to 90% of its width). */
    public void userDrag(String selector) {
        call(cmd("userDrag").put("selector", selector));
    }

    /** A person's typing (real key presses) into the focused page element; "\n" is Enter. */
    public void userType(String text) {
        call(cmd("userType").put("text", text));
    }

    /** Whether a node with fx:id id is in the window now. */
    public boolean exists(String id) {
        return call(cmd("exists").put("id", id)).asBoolean();
    }

    /** The colour (ARGB) the page view shows at (x, y) in page pixels, as drawn now. */
    public int pixel(int x, int y) {
        return call(cmd("pixel").put("x", x).put("y", y)).asInt();
    }

    /**
     * Exports the flow called name from the app's flow library to file, as Export… does after its file
     * dialog; returns its number of steps.
     */
    public int exportFlow(String name, java.nio.file.Path file) {
        return call(cmd("exportFlow").put("name", name).put("file", file.toAbsolutePath().toString())).asInt();
    }

    /** Imports a flow file into the app's flow library (what Import… does once its file dialog answered); its number of steps. */
    public int importFlow(java.nio.file.Path file) {
        return call(cmd("importFlow").put("file", file.toAbsolutePath().toString())).asInt();
    }

    /** The names of the app's live threads. */
    public java.util.List<String> threads() {
        java.util.List<String> names = new java.util.ArrayList<>();
        call(cmd("threads")).forEach(n -> names.add(n.asText()));
        return names;
    }

    /** Benchmarks only: applied clicks as DOM clicks (on) or real presses (off); BrowserView#domPressForBenchmark. */
    public void domPressForBenchmark(boolean on) {
        call(cmd("domPressForBenchmark").put("on", on));
    }

    public void load(String url) {
        call(cmd("load").put("url", url));
    }

    public void quit() {
        try {
            call(cmd("quit"));
        } catch (RuntimeException e) {
            // the process is going away
        }
    }

    /** Polls until the condition holds on the state (the hook has no push channel), or fails after timeout. */
    public JsonNode awaitState(Predicate<JsonNode> condition, Duration timeout, String what) {
        return await(this::state, condition, timeout, what);
    }

    public JsonNode awaitEval(String js, Predicate<JsonNode> condition, Duration timeout, String what) {
        return await(() -> eval(js), condition, timeout, what);
    }

    public static JsonNode await(java.util.function.Supplier<JsonNode> probe, Predicate<JsonNode> condition, Duration timeout, String what) {
        Instant end = Instant.now().plus(timeout);
        JsonNode last = null;
        while (Instant.now().isBefore(end)) {
            try {
                last = probe.get();
                if (condition.test(last)) {
                    return last;
                }
            } catch (RuntimeException e) {
                last = JSON.valueToTree(String.valueOf(e.getMessage()));
            }
            try {
                Thread.sleep(100); // polling interval of a probe with a deadline, not a wait for an event
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; last: " + last);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
