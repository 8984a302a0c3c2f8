package dev.companion.bench.app;

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

/**
 * Client of the app's test hook (dev.companion.app.testhook.TestHook; the same protocol as the
 * app's e2e HookClient): the token as the first line, then one JSON request per line.
 */
public final class Hook implements Terminal, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Socket socket;
    private final BufferedReader in;
    private final PrintWriter out;

    public Hook(int port, String token) throws IOException {
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

    @Override
    public void setText(String id, String text) {
        call(cmd("setText").put("id", id).put("text", text));
    }

    @Override
    public JsonNode eval(String js) {
        String raw = call(cmd("eval").put("js", js)).asText();
        try {
            return raw == null || raw.isEmpty() ? JSON.nullNode() : JSON.readTree(raw);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + raw, e);
        }
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

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
