package dev.companion.app.browser;

import static dev.companion.app.browser.AgentAnswers.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.companion.app.follow.ApplyResult;
import dev.companion.app.follow.film.FilmReading;
import dev.companion.app.follow.film.FilmRequest;
import dev.companion.app.privacy.Sites;
import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.Codec;
import dev.companion.p2p.protocol.Ink;
import dev.companion.p2p.protocol.Messages.Expect;
import dev.companion.p2p.protocol.Messages.PageState;
import dev.companion.p2p.protocol.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.cef.browser.CefBrowser;
import org.cef.browser.CefFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Java end of the page agent for one view: injects the agent into frames, receives its messages
 * (through the message router), sends it actions to apply, and asks the top frame's agent for a
 * snapshot of the page or to restore one (catch-up).
 *
 * <p>Frames are known by the path the agent reports ("" top, "0.1" ...). A call for a frame whose
 * agent has not reported ready yet waits (within the 5 s budget) until it does.
 *
 * <p>A little over our usual size: the agent's message kinds are routed in one switch, so the page
 * agent's Java end can be read in one place ({@link AgentAnswers} already reads its answers,
 * {@link AgentCall} is one call waiting for its answer).
 */
final class AgentBridge {
    private static final Logger LOG = LoggerFactory.getLogger(AgentBridge.class);
    /** How long a snapshot, restore or eval may take. */
    static final long APPLY_TIMEOUT_MS = 5_000;
    /**
     * How long applying an action may take: the page agent waits up to 5 s for a target that is not
     * there yet (its CONTENT_WAIT_MS), then answers; this leaves room for the frame to get ready.
     */
    static final long ACTION_TIMEOUT_MS = 8_000;
    private static final int MAX_MESSAGE_CHARS = 64 * 1024;
    /** Picking waits for the person: the agent gives up after 60 s, this a little later. */
    static final long PICK_TIMEOUT_MS = 65_000;

    /** What the bridge needs from its view. */
    interface Owner {
        CefBrowser browser();

        void actionCaptured(Action action);

        void pageReady(String url, String frame);

        /** A field got the focus in frame (field null: none has it any more). */
        void fieldFocused(String frame, FocusedField field);

        /** Presses the left button at (x, y) of the view (CSS pixels of the top page times dpr), as a person would. */
        void press(double x, double y, double dpr);

        /** The person drew a stroke on the top page in draw mode. */
        void strokeDrawn(Stroke stroke);

        /** The person left draw mode on the page (Esc). */
        void drawModeEnded();
    }

    private final Owner owner;
    private final AgentScript script;
    private final BrowserEngine engine;
    /** The frames whose agent reported ready. */
    private final AgentFrames frames = new AgentFrames();
    private final Map<String, AgentCall> calls = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<String>> evals = new ConcurrentHashMap<>();
    private final List<AgentCall> waiting = new ArrayList<>(); // guarded by itself
    private volatile boolean closed;
    /** The follow benchmark's DOM-press peer row only: see {@link #domPressForBenchmark}. */
    private volatile boolean domPress;

    AgentBridge(Owner owner, BrowserEngine engine) {
        this.owner = owner;
        this.engine = engine;
        this.script = engine.agentScript();
    }

    // ---- injection and frame lifecycle (CEF UI thread) ------------------------------------------

    /** Runs the agent in frame, with the privacy rules of the frame's sites. */
    void inject(CefFrame frame) {
        if (frame != null && frame.isValid()) {
            frame.executeJavaScript(script.source(PrivacyConfig.forFrame(frame, engine.privacy())), "companion-agent.js", 1);
        }
    }

    /** Hands every frame's agent its privacy rules again (after the user changed them). On the CEF thread. */
    void refreshPrivacy() {
        PrivacyConfig.refresh(owner.browser(), script, engine.privacy());
    }

    /** A frame starts a new document: its agent is gone until the new one reports ready. */
    void frameLoadStarted(CefFrame frame) {
        if (frame.isMain()) {
            frames.clear();
        } else {
            frames.forget(frame.getIdentifier());
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
            case "ready" -> ready(frameId, text(msg, "url"), text(msg, "frame"), text(msg, "name"));
            case "action" -> action(frameId, msg.get("a"));
            case "result", "state", "film", "checked", "picked", "shown", "drawn" -> answer(text(msg, "id"), text(msg, "t"), msg);
            case "focus" -> focus(frame, frameId, msg);
            case "waiting" -> waiting(text(msg, "id"), text(msg, "detail"));
            case "press" -> press(frameId, msg);
            case "stroke", "draw-off" -> drawing(frameId, text(msg, "t"), msg);
            case "eval" -> evalResult(text(msg, "id"), msg.path("ok").asBoolean(false), text(msg, "v"), text(msg, "err"));
            default -> LOG.debug("unknown agent message type");
        }
    }

    private void ready(String frameId, String url, String path, String name) {
        if (path == null || url == null || frameId == null) {
            return;
        }
        frames.ready(frameId, path, url, name == null || name.length() > 256 ? null : name);
        List<AgentCall> now;
        synchronized (waiting) {
            now = new ArrayList<>(waiting); // each looks again for its frame
            waiting.clear();
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
        String known = frames.pathOf(frameId);
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

    /** A stroke or the end of draw mode, taken from the top frame only (frames are not drawn in). */
    private void drawing(String frameId, String type, JsonNode msg) {
        if (!"".equals(frames.pathOf(frameId))) {
            return;
        }
        if ("draw-off".equals(type)) {
            owner.drawModeEnded();
            return;
        }
        Stroke stroke = AgentAnswers.stroke(msg);
        if (stroke != null) {
            owner.strokeDrawn(stroke);
        } else {
            LOG.debug("agent stroke rejected");
        }
    }

    private void focus(CefFrame frame, String frameId, JsonNode msg) {
        String path = frames.pathOf(frameId);
        if (path == null) {
            path = text(msg, "frame");
        }
        if (path != null && frame != null) {
            owner.fieldFocused(path, AgentAnswers.focusedField(msg, Sites.siteOf(frame.getURL()), path));
        }
    }

    private void answer(String id, String type, JsonNode msg) {
        AgentCall p = id == null ? null : calls.get(id);
        if (p != null && p.answerType.equals(type)) {
            p.answer.complete(msg);
        }
    }

    private void waiting(String id, String detail) {
        AgentCall p = id == null ? null : calls.get(id);
        if (p != null && p.waiting != null && !p.answer.isDone()) {
            p.waiting.accept(AgentAnswers.clip(detail == null ? "" : detail));
        }
    }

    /**
     * The agent asks for the real press of the click it applies (61-press.js): honoured once, only for
     * a click call that is under way and only from the frame it was sent to.
     */
    private void press(String frameId, JsonNode msg) {
        String id = text(msg, "id");
        AgentCall p = id == null ? null : calls.get(id);
        if (p == null || !(p.action instanceof Action.Click) || !p.dispatched || p.answer.isDone()) {
            return;
        }
        if (!p.frame.equals(frames.pathOf(frameId)) || !p.takePress()) {
            return;
        }
        owner.press(msg.path("x").asDouble(Double.NaN), msg.path("y").asDouble(Double.NaN),
                msg.path("dpr").asDouble(Double.NaN));
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

    // ---- apply and eval (any thread) --------------------------------------------------------------

    /**
     * Benchmarks only: on, applied clicks are DOM clicks as before real input (no paint wait, no
     * covered check, no press; the owner-only check stays), so the follow benchmark measures real
     * press against DOM press in one run. Reached only through {@link BrowserView#domPressForBenchmark},
     * which only the test hook calls (tools/testkit, never shipped); no setting, option or message.
     */
    void domPressForBenchmark(boolean on) {
        domPress = on;
    }

    /** Applies action in its frame; waiting (may be null) hears why the agent waits for the target. */
    CompletableFuture<ApplyResult> apply(Action action, Consumer<String> waiting) {
        if (closed) {
            return CompletableFuture.completedFuture(ApplyResult.failed(ApplyResult.NO_PAGE));
        }
        return call(action, id -> script.applyCall(AgentScript.json(action), id, domPress), "result", ACTION_TIMEOUT_MS, waiting).answer
                .handle((msg, e) -> e == null ? AgentAnswers.applyResult(msg) : AgentAnswers.failure(e));
    }

    /**
     * A snapshot of the top page; null when it is not an http(s) page or the view is closed. Fails with
     * a TimeoutException when the agent does not answer within 5 s, an IllegalStateException when its
     * answer is not a valid PageState.
     */
    CompletableFuture<PageState> snapshot() {
        CompletableFuture<PageState> out = new CompletableFuture<>();
        if (closed) {
            out.complete(null);
            return out;
        }
        CefThread.run(() -> {
            CefFrame main = owner.browser().getMainFrame();
            String url = main == null ? null : main.getURL();
            if (main != null) {
                main.dispose();
            }
            if (url == null || !Action.isWebUrl(url)) {
                out.complete(null); // about:blank, an error page...: nothing to share
                return;
            }
            call("", script::snapshotCall, "state").answer.whenComplete((msg, e) -> {
                if (e != null) {
                    out.completeExceptionally(AgentAnswers.unwrap(e)); // TimeoutException or NoAgentException, with a message
                    return;
                }
                try {
                    out.complete(AgentAnswers.pageState(msg));
                } catch (RuntimeException bad) {
                    out.completeExceptionally(bad);
                }
            });
        });
        return out;
    }

    /** Hands state to the top frame's agent to restore; answers like apply (see BrowserView#restore). */
    CompletableFuture<ApplyResult> restore(PageState state) {
        if (closed) {
            return CompletableFuture.completedFuture(ApplyResult.failed(ApplyResult.NO_PAGE));
        }
        String stateJson = AgentScript.json(state);
        return call("", id -> script.restoreCall(stateJson, id), "result").answer
                .handle((msg, e) -> e == null ? AgentAnswers.applyResult(msg) : AgentAnswers.failure(e));
    }

    /**
     * Film night: reads (and, with a command, steers) a film of the top page; see BrowserView#film.
     * Fails like snapshot when the agent does not answer.
     */
    CompletableFuture<FilmReading> film(FilmRequest request) {
        if (closed) {
            return CompletableFuture.completedFuture(FilmReading.notFound("no-page"));
        }
        String json = AgentScript.json(request);
        return call("", id -> script.filmCall(json, id), "film").answer
                .thenApply(msg -> AgentAnswers.filmReading(msg.get("film")));
    }

    /**
     * Asks the top frame's agent (once one is ready: after a navigation, the new page's) whether the
     * page shows expect's element and text, waiting up to its 5 s; false when it does not, when the
     * agent refused the selector, or when no answer came within 8 s. Only matched or not comes back.
     */
    CompletableFuture<Boolean> check(Expect expect) {
        if (closed) {
            return CompletableFuture.completedFuture(false);
        }
        Map<String, String> parts = new java.util.LinkedHashMap<>();
        if (expect.element() != null) {
            parts.put("element", expect.element());
        }
        if (expect.text() != null) {
            parts.put("text", expect.text());
        }
        String json = AgentScript.json(parts);
        return call("", id -> script.checkCall(json, id), "checked", ACTION_TIMEOUT_MS).answer
                .handle((msg, e) -> e == null && msg.path("matched").asBoolean(false));
    }

    /**
     * Lets the person pick an element of the top page (see BrowserView#pickTarget): its evidence, or
     * null when they cancelled, did not pick within the agent's minute, or the evidence is not valid.
     */
    CompletableFuture<Target> pickTarget() {
        if (closed) {
            return CompletableFuture.completedFuture(null);
        }
        return call("", script::pickCall, "picked", PICK_TIMEOUT_MS).answer
                .handle((msg, e) -> e == null ? AgentAnswers.target(msg.get("target")) : null);
    }

    /** Finds and outlines a member's point on the top page (see BrowserView#showPoint). */
    CompletableFuture<ApplyResult> showPoint(Target target) {
        if (closed) {
            return CompletableFuture.completedFuture(ApplyResult.failed(ApplyResult.NO_PAGE));
        }
        String json = AgentScript.json(target);
        return call("", id -> script.pointCall(json, id), "shown").answer
                .handle((msg, e) -> e != null ? AgentAnswers.failure(e) : msg.path("found").asBoolean(false)
                        ? ApplyResult.ok() : AgentAnswers.applyResult(msg));
    }

    /** Turns draw mode on or off in the top frame (see BrowserView#drawMode). */
    void drawMode(boolean on) {
        mainFrame(script.drawModeCall(on));
    }

    /** Removes every drawing from the top frame (see BrowserView#clearDrawings). */
    void clearDrawings() {
        mainFrame(script.clearDrawingsCall());
    }

    /** Finds a drawing's element on the top page and paints it (see BrowserView#showDrawing). */
    CompletableFuture<ApplyResult> showDrawing(Target target, Ink color, int lifeMs, List<Double> xy) {
        if (closed) {
            return CompletableFuture.completedFuture(ApplyResult.failed(ApplyResult.NO_PAGE));
        }
        Map<String, Object> drawing = new java.util.LinkedHashMap<>();
        drawing.put("target", target);
        drawing.put("color", color.wire());
        drawing.put("lifeMs", lifeMs);
        drawing.put("xy", xy);
        String json = AgentScript.json(drawing);
        return call("", id -> script.drawCall(json, id), "drawn").answer
                .handle((msg, e) -> e != null ? AgentAnswers.failure(e) : msg.path("found").asBoolean(false)
                        ? ApplyResult.ok() : AgentAnswers.applyResult(msg));
    }

    /** Runs trusted code of this app in the top frame, no answer awaited. */
    private void mainFrame(String code) {
        if (closed) {
            return;
        }
        CefThread.run(() -> {
            CefFrame main = owner.browser().getMainFrame();
            if (main != null) {
                main.executeJavaScript(code, "companion-call.js", 1);
                main.dispose();
            }
        });
    }

    /**
     * Sends code (made for the call's id) to the agent of frame once that agent is ready, and waits
     * up to 5 s for an answer of answerType.
     */
    private AgentCall call(String frame, Function<String, String> code, String answerType) {
        return call(frame, code, answerType, APPLY_TIMEOUT_MS);
    }

    private AgentCall call(String frame, Function<String, String> code, String answerType, long timeoutMs) {
        String id = AgentScript.random(12);
        return call(new AgentCall(id, frame, null, code.apply(id), answerType, null), timeoutMs);
    }

    /** An action's call: its frame is chosen by evidence when it is dispatched (AgentFrames). */
    private AgentCall call(Action action, Function<String, String> code, String answerType, long timeoutMs,
                         Consumer<String> onWaiting) {
        String id = AgentScript.random(12);
        return call(new AgentCall(id, action.frame(), action, code.apply(id), answerType, onWaiting), timeoutMs);
    }

    private AgentCall call(AgentCall p, long timeoutMs) {
        String id = p.id;
        String frame = p.frame;
        if (closed) {
            p.answer.completeExceptionally(new AgentAnswers.NoAgentException("view closed"));
            return p;
        }
        calls.put(id, p);
        ScheduledFuture<?> timeout = engine.timer().schedule(
                () -> p.answer.completeExceptionally(p.dispatched
                        ? new TimeoutException("no answer from the page agent within " + timeoutMs + " ms")
                        : new AgentAnswers.NoAgentException("no page agent ready in frame '" + frame + "' within "
                                + timeoutMs + " ms")),
                timeoutMs, TimeUnit.MILLISECONDS);
        p.answer.whenComplete((r, e) -> {
            timeout.cancel(false);
            calls.remove(id);
            synchronized (waiting) {
                waiting.remove(p);
            }
        });
        CefThread.run(() -> dispatch(p));
        return p;
    }

    private void dispatch(AgentCall p) {
        if (p.answer.isDone()) {
            return;
        }
        if (p.action != null && !p.action.frame().isEmpty()) {
            AgentFrames.Choice choice = frames.choose(p.action);
            if (choice.ambiguity() != null) {
                p.answer.complete(AgentAnswers.notApplied(ApplyResult.AMBIGUOUS_TARGET, choice.ambiguity()));
                return;
            }
            if (choice.path() == null) {
                synchronized (waiting) {
                    waiting.add(p);
                }
                return;
            }
            if (!choice.path().equals(p.frame)) {
                p.reroute(choice.path(), script.applyCall(AgentScript.json(AgentAnswers.inFrame(p.action, choice.path())), p.id, domPress));
            }
        }
        String frameId = frames.idAt(p.frame);
        CefFrame frame = frameId == null ? null : owner.browser().getFrameByIdentifier(frameId);
        try {
            if (frame == null || !frame.isValid()) {
                synchronized (waiting) {
                    waiting.add(p);
                }
                return;
            }
            synchronized (p) {
                if (p.answer.isDone()) {
                    return;
                }
                p.dispatched = true;
            }
            frame.executeJavaScript(p.code, "companion-call.js", 1);
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
        CefThread.run(() -> {
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
        calls.values().forEach(p -> p.answer.completeExceptionally(new AgentAnswers.NoAgentException("view closed")));
        evals.values().forEach(f -> f.completeExceptionally(new IllegalStateException("view closed")));
    }
}
