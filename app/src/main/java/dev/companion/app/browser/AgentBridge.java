package dev.companion.app.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.Codec;
import java.awt.EventQueue;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.cef.browser.CefBrowser;
import org.cef.browser.CefFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Java end of the page agent for one view: injects the agent into frames, receives its messages
 * (through the message router) and sends it actions to apply.
 *
 * <p>Frames are known by the path the agent reports ("" top, "0.1" ...). An action for a frame whose
 * agent has not reported ready yet waits (within the 5 s budget) until it does.
 */
final class AgentBridge {
    private static final Logger LOG = LoggerFactory.getLogger(AgentBridge.class);
    static final long APPLY_TIMEOUT_MS = 5_000;
    private static final int MAX_MESSAGE_CHARS = 64 * 1024;

    /** What the bridge needs from its view. */
    interface Owner {
        CefBrowser browser();

        void actionCaptured(Action action);

        void pageReady(String url, String frame);

        void applyStarted();

        void applyEnded();
    }

    private final Owner owner;
    private final AgentScript script;
    private final BrowserEngine engine;
    /** CEF frame identifier → frame path, for frames whose agent reported ready. */
    private final Map<String, String> pathOfFrame = new ConcurrentHashMap<>();
    /** frame path → CEF frame identifier. */
    private final Map<String, String> frameOfPath = new ConcurrentHashMap<>();
    private final Map<String, PendingApply> applies = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<String>> evals = new ConcurrentHashMap<>();
    private final List<PendingApply> waiting = new ArrayList<>(); // guarded by itself
    private volatile boolean closed;

    AgentBridge(Owner owner, BrowserEngine engine) {
        this.owner = owner;
        this.engine = engine;
        this.script = engine.agentScript();
    }

    // ---- injection and frame lifecycle (CEF UI thread) ------------------------------------------

    void inject(CefFrame frame) {
        if (frame != null && frame.isValid()) {
            frame.executeJavaScript(script.source(), "companion-agent.js", 1);
        }
    }

    /** A frame starts a new document: its agent is gone until the new one reports ready. */
    void frameLoadStarted(CefFrame frame) {
        if (frame.isMain()) {
            pathOfFrame.clear();
            frameOfPath.clear();
        } else {
            String path = pathOfFrame.remove(frame.getIdentifier());
            if (path != null) {
                frameOfPath.remove(path, frame.getIdentifier());
            }
        }
    }

    // ---- messages from the agent (CEF UI thread) ------------------------------------------------

    void onMessage(CefFrame frame, String request) {
        if (request == null || request.length() > MAX_MESSAGE_CHARS) {
            return;
        }
        JsonNode msg;
        try {
            msg = Codec.mapper().readTree(request);
        } catch (Exception e) {
            LOG.debug("unreadable agent message");
            return;
        }
        if (msg == null || !msg.isObject() || !script.tokenMatches(text(msg, "k"))) {
            LOG.debug("agent message without the token: ignored");
            return;
        }
        String frameId = frame == null ? null : frame.getIdentifier();
        switch (String.valueOf(text(msg, "t"))) {
            case "ready" -> ready(frameId, text(msg, "url"), text(msg, "frame"));
            case "action" -> action(frameId, msg.get("a"));
            case "result" -> result(text(msg, "id"), msg.path("applied").asBoolean(false), text(msg, "reason"));
            case "eval" -> evalResult(text(msg, "id"), msg.path("ok").asBoolean(false), text(msg, "v"), text(msg, "err"));
            default -> LOG.debug("unknown agent message type");
        }
    }

    private void ready(String frameId, String url, String path) {
        if (path == null || url == null || frameId == null) {
            return;
        }
        pathOfFrame.put(frameId, path);
        frameOfPath.put(path, frameId);
        List<PendingApply> now = new ArrayList<>();
        synchronized (waiting) {
            for (Iterator<PendingApply> it = waiting.iterator(); it.hasNext(); ) {
                PendingApply p = it.next();
                if (p.action.frame().equals(path)) {
                    it.remove();
                    now.add(p);
                }
            }
        }
        now.forEach(this::dispatch);
        if (!url.startsWith("about:")) {
            owner.pageReady(url, path);
        }
    }

    private void action(String frameId, JsonNode node) {
        if (!(node instanceof ObjectNode obj)) {
            return;
        }
        // The frame path comes from what Java knows about the sending frame when it can.
        String known = frameId == null ? null : pathOfFrame.get(frameId);
        if (known != null) {
            obj.put("frame", known);
        }
        Action action;
        try {
            action = Codec.mapper().treeToValue(obj, Action.class);
        } catch (Exception e) {
            LOG.debug("agent action rejected: {}", e.getMessage());
            return;
        }
        owner.actionCaptured(action);
    }

    private void result(String id, boolean applied, String reason) {
        PendingApply p = id == null ? null : applies.get(id);
        if (p != null) {
            p.future.complete(applied ? ApplyResult.ok() : ApplyResult.failed(reason == null ? ApplyResult.ERROR : reason));
        }
    }

    private void evalResult(String id, boolean ok, String value, String error) {
        CompletableFuture<String> f = id == null ? null : evals.remove(id);
        if (f != null) {
            if (ok) {
                f.complete(value == null ? "null" : value);
            } else {
                f.completeExceptionally(new IllegalStateException("page threw: " + error));
            }
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    // ---- apply and eval (any thread) --------------------------------------------------------------

    CompletableFuture<ApplyResult> apply(Action action) {
        if (closed) {
            return CompletableFuture.completedFuture(ApplyResult.failed(ApplyResult.NO_PAGE));
        }
        String id = AgentScript.random(12);
        PendingApply p = new PendingApply(id, action, new CompletableFuture<>());
        applies.put(id, p);
        ScheduledFuture<?> timeout = engine.timer().schedule(
                () -> p.future.complete(ApplyResult.failed(p.dispatched ? ApplyResult.TIMEOUT : ApplyResult.NO_PAGE)),
                APPLY_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        p.future.whenComplete((r, e) -> {
            timeout.cancel(false);
            applies.remove(id);
            synchronized (waiting) {
                waiting.remove(p);
            }
            synchronized (p) {
                if (p.dispatched) {
                    owner.applyEnded();
                }
            }
        });
        onAwt(() -> dispatch(p));
        return p.future;
    }

    private void dispatch(PendingApply p) {
        if (p.future.isDone()) {
            return;
        }
        String frameId = frameOfPath.get(p.action.frame());
        CefFrame frame = frameId == null ? null : owner.browser().getFrameByIdentifier(frameId);
        try {
            if (frame == null || !frame.isValid()) {
                synchronized (waiting) {
                    waiting.add(p);
                }
                return;
            }
            synchronized (p) {
                if (p.future.isDone()) {
                    return;
                }
                p.dispatched = true;
                owner.applyStarted(); // navigations from now until shortly after the answer are its doing
            }
            frame.executeJavaScript(script.applyCall(AgentScript.json(p.action), p.id), "companion-apply.js", 1);
        } finally {
            if (frame != null) {
                frame.dispose(); // ours, fetched above (frames handed to callbacks are CEF's)
            }
        }
    }

    CompletableFuture<String> eval(String expression) {
        CompletableFuture<String> f = new CompletableFuture<>();
        if (closed) {
            f.completeExceptionally(new IllegalStateException("view closed"));
            return f;
        }
        String id = AgentScript.random(12);
        evals.put(id, f);
        ScheduledFuture<?> timeout = engine.timer().schedule(
                () -> f.completeExceptionally(new TimeoutException("eval took over 5 s")),
                APPLY_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        f.whenComplete((r, e) -> {
            timeout.cancel(false);
            evals.remove(id);
        });
        onAwt(() -> {
            CefFrame main = owner.browser().getMainFrame();
            if (main == null) {
                f.completeExceptionally(new IllegalStateException("no page"));
                return;
            }
            main.executeJavaScript(script.evalCall(expression, id), "companion-eval.js", 1);
            main.dispose();
        });
        return f;
    }

    void close() {
        closed = true;
        applies.values().forEach(p -> p.future.complete(ApplyResult.failed(ApplyResult.NO_PAGE)));
        evals.values().forEach(f -> f.completeExceptionally(new IllegalStateException("view closed")));
    }

    private static void onAwt(Runnable r) {
        if (EventQueue.isDispatchThread()) {
            r.run();
        } else {
            EventQueue.invokeLater(r);
        }
    }

    private static final class PendingApply {
        final String id;
        final Action action;
        final CompletableFuture<ApplyResult> future;
        volatile boolean dispatched;

        PendingApply(String id, Action action, CompletableFuture<ApplyResult> future) {
            this.id = id;
            this.action = action;
            this.future = future;
        }
    }
}
