package dev.companion.testkit.hook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.companion.app.browser.BrowserView;
import dev.companion.app.session.SessionService;
import dev.companion.app.ui.AppViewModel;
import dev.companion.app.ui.flows.FlowLibrary;
import dev.companion.p2p.protocol.Outcome;
import dev.companion.testkit.Fx;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.SingleSelectionModel;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.util.StringConverter;

/**
 * Lets an end-to-end test drive a Companion process it started: press buttons and fill fields by
 * fx:id (through the same handlers a click uses), evaluate JavaScript in the page, read state.
 * Off unless started with --test-hook-port; listens on 127.0.0.1 only and requires the token in
 * the COMPANION_TEST_HOOK_TOKEN environment variable as the first line. One JSON request per line.
 * Not in the app: the app finds it through {@link HookFactory} when this module is on its class path.
 */
public final class TestHook implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ServerSocket server;
    private final byte[] token;
    private final Scene scene;
    private final BrowserView view;
    private final SessionService session;
    private final AppViewModel model;
    private final FlowLibrary flows;
    private final Counts counts = new Counts();

    /** How many actions this terminal sent and applied (for tests that check nothing echoes or loops). */
    private static final class Counts implements dev.companion.app.follow.FollowListener {
        final java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong();
        final java.util.concurrent.atomic.AtomicLong applied = new java.util.concurrent.atomic.AtomicLong();

        @Override
        public void onSent(long seq, java.util.List<dev.companion.p2p.protocol.Action> actions, int recipients) {
            sent.addAndGet(actions.size());
        }

        @Override
        public void onApplied(String from, long seq, dev.companion.p2p.protocol.Action action, Outcome outcome,
                              String reason) {
            if (outcome == Outcome.APPLIED) {
                applied.incrementAndGet();
            }
        }
    }

    private TestHook(ServerSocket server, byte[] token, Scene scene, BrowserView view, SessionService session, AppViewModel model,
                     FlowLibrary flows) {
        this.server = server;
        this.flows = flows;
        this.token = token;
        this.scene = scene;
        this.view = view;
        this.session = session;
        this.model = model;
    }

    public static TestHook start(int port, Scene scene, BrowserView view, SessionService session, AppViewModel model,
                                 FlowLibrary flows) {
        String tok = System.getenv("COMPANION_TEST_HOOK_TOKEN");
        if (tok == null || tok.length() < 16) {
            throw new IllegalStateException("the test hook needs COMPANION_TEST_HOOK_TOKEN (16+ characters)");
        }
        try {
            ServerSocket ss = new ServerSocket(port, 4, InetAddress.getLoopbackAddress());
            TestHook hook = new TestHook(ss, tok.getBytes(StandardCharsets.UTF_8), scene, view, session, model, flows);
            session.addFollowListener(hook.counts);
            Thread t = new Thread(hook::acceptLoop, "test-hook");
            t.setDaemon(true);
            t.start();
            return hook;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the test hook on port " + port, e);
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread t = new Thread(() -> serve(s), "test-hook-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s; BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(new OutputStreamWriter(s.getOutputStream(), StandardCharsets.UTF_8), true)) {
            String first = in.readLine();
            if (first == null || !MessageDigest.isEqual(first.trim().getBytes(StandardCharsets.UTF_8), token)) {
                out.println("{\"ok\":false,\"error\":\"bad token\"}");
                return;
            }
            out.println("{\"ok\":true}");
            String line;
            while ((line = in.readLine()) != null) {
                ObjectNode reply = JSON.createObjectNode();
                try {
                    reply.set("result", handle(JSON.readTree(line)));
                    reply.put("ok", true);
                } catch (Exception e) {
                    reply.put("ok", false);
                    reply.put("error", String.valueOf(e.getMessage()));
                }
                out.println(JSON.writeValueAsString(reply));
            }
        } catch (IOException e) {
            // connection ended
        }
    }

    private JsonNode handle(JsonNode req) throws Exception {
        String cmd = req.path("cmd").asText();
        String id = req.path("id").asText();
        return switch (cmd) {
            case "eval" -> JSON.valueToTree(view.eval(req.path("js").asText()).get(10, TimeUnit.SECONDS));
            case "load" -> onFx(() -> {
                view.load(req.path("url").asText());
                return JSON.nullNode();
            });
            case "fire" -> onFx(() -> {
                if (!(lookup(id) instanceof ButtonBase b) || b.isDisabled()) {
                    throw new IllegalStateException("no enabled button #" + id);
                }
                b.fire();
                return JSON.nullNode();
            });
            case "setText" -> onFx(() -> {
                if (!(lookup(id) instanceof TextInputControl c)) {
                    throw new IllegalStateException("no text field #" + id);
                }
                c.setText(req.path("text").asText());
                return JSON.nullNode();
            });
            case "select" -> onFx(() -> {
                select(lookup(id), req.path("value").asText());
                return JSON.nullNode();
            });
            case "text" -> onFx(() -> {
                Node n = lookup(id);
                if (n instanceof Labeled l) {
                    return JSON.valueToTree(l.getText());
                }
                if (n instanceof TextInputControl c) {
                    return JSON.valueToTree(c.getText());
                }
                throw new IllegalStateException("no text at #" + id);
            });
            case "exists" -> onFx(() -> JSON.valueToTree(lookup(id) != null));
            case "userClick" -> userClick(req.path("selector").asText());
            case "domPressForBenchmark" -> {
                view.domPressForBenchmark(req.path("on").asBoolean());
                yield JSON.nullNode();
            }
            case "userDrag" -> userDrag(req.path("selector").asText());
            case "userType" -> {
                view.userType(req.path("text").asText());
                yield JSON.nullNode();
            }
            case "state" -> onFx(this::state);
            case "pixel" -> onFx(() -> JSON.valueToTree(view.node().snapshot(null, null).getPixelReader()
                    .getArgb(req.path("x").asInt(), req.path("y").asInt())));
            case "exportFlow" -> exportFlow(req.path("name").asText(), java.nio.file.Path.of(req.path("file").asText()));
            case "importFlow" -> JSON.valueToTree(flows.importFile(java.nio.file.Path.of(req.path("file").asText()))
                    .get(10, TimeUnit.SECONDS).flow().steps().size());
            case "threads" -> {
                var names = JSON.createArrayNode();
                Thread.getAllStackTraces().keySet().forEach(t -> names.add(t.getName()));
                yield names;
            }
            case "quit" -> onFx(() -> {
                Platform.exit();
                return JSON.nullNode();
            });
            default -> throw new IllegalArgumentException("unknown command " + cmd);
        };
    }

    /**
     * Sets a choice the way a user would: a ChoiceBox or ComboBox to the item whose value (or shown
     * text) is value, a CheckBox or toggle to value true or false. Refused when disabled or absent.
     */
    public static void select(Node n, String value) {
        if (n == null || n.isDisabled()) {
            throw new IllegalStateException("no enabled choice for " + value);
        }
        switch (n) {
            case ChoiceBox<?> c -> selectItem(c.getItems(), c.getSelectionModel(), c.getConverter(), value);
            case ComboBox<?> c -> selectItem(c.getItems(), c.getSelectionModel(), c.getConverter(), value);
            case CheckBox c -> c.setSelected(Boolean.parseBoolean(value));
            case ToggleButton c -> c.setSelected(Boolean.parseBoolean(value));
            default -> throw new IllegalStateException("not a choice: " + n.getClass().getSimpleName());
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void selectItem(java.util.List<?> items, SingleSelectionModel<?> selection, StringConverter converter,
                                   String value) {
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            if (String.valueOf(item).equals(value) || (converter != null && value.equals(converter.toString(item)))) {
                selection.select(i);
                return;
            }
        }
        throw new IllegalStateException("no item " + value + " among " + items);
    }

    /**
     * A person's drag across the element matching selector (scrolled into view): a straight line
     * through its middle from 10% to 90% of its width, with real (trusted) input.
     */
    private JsonNode userDrag(String selector) throws Exception {
        String js = "(() => { const e = document.querySelector(" + JSON.writeValueAsString(selector) + ");"
                + " if (!e) return null; e.scrollIntoView({block: 'center', behavior: 'instant'}); const r = e.getBoundingClientRect();"
                + " return [r.left, r.top, r.width, r.height]; })()";
        JsonNode box = JSON.readTree(view.eval(js).get(10, TimeUnit.SECONDS));
        if (box == null || !box.isArray()) {
            throw new IllegalStateException("nothing matches " + selector);
        }
        double[] xy = new double[34];
        for (int i = 0; i < 17; i++) {
            xy[2 * i] = box.get(0).asDouble() + box.get(2).asDouble() * (0.1 + 0.05 * i);
            xy[2 * i + 1] = box.get(1).asDouble() + box.get(3).asDouble() / 2;
        }
        view.userDrag(xy);
        return box;
    }

    /**
     * A person's click on the element matching selector: scrolled into view, clicked in its middle
     * with real (trusted) input, so the page agent captures it like any click.
     */
    private JsonNode userClick(String selector) throws Exception {
        String js = "(() => { const e = document.querySelector(" + JSON.writeValueAsString(selector) + ");"
                + " if (!e) return null; e.scrollIntoView({block: 'center', behavior: 'instant'}); const r = e.getBoundingClientRect();"
                + " return [r.left + r.width / 2, r.top + r.height / 2]; })()";
        JsonNode at = JSON.readTree(view.eval(js).get(10, TimeUnit.SECONDS));
        if (at == null || !at.isArray()) {
            throw new IllegalStateException("nothing matches " + selector);
        }
        view.userClick(at.get(0).asDouble(), at.get(1).asDouble());
        // A text field must end up focused, as under a person's click. Right after a page load
        // Chromium may drop the first input; a person would click again, and so does this (never for
        // buttons and links, where a second click would be a second action).
        String field = "(() => { const e = document.querySelector(" + JSON.writeValueAsString(selector) + ");"
                + " return !!e && /^(INPUT|TEXTAREA|SELECT)$/.test(e.tagName); })()";
        String focused = "(() => document.activeElement === document.querySelector(" + JSON.writeValueAsString(selector)
                + "))()";
        if (JSON.readTree(view.eval(field).get(10, TimeUnit.SECONDS)).asBoolean()) {
            for (int attempt = 0; attempt < 3; attempt++) {
                long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(700);
                while (System.nanoTime() < end) {
                    if (JSON.readTree(view.eval(focused).get(10, TimeUnit.SECONDS)).asBoolean()) {
                        return at;
                    }
                    Thread.sleep(50); // polling the page for focus with a deadline
                }
                view.userClick(at.get(0).asDouble(), at.get(1).asDouble());
            }
            throw new IllegalStateException(selector + " did not take the focus");
        }
        return at;
    }

    /**
     * What the flow library's Export… does once the file dialog named file: the newest flow called
     * name, written by the library (FlowFormat, whole or not at all). Refused when no flow has that name.
     */
    private JsonNode exportFlow(String name, java.nio.file.Path file) throws Exception {
        FlowLibrary.Entry entry = flows.list().get(10, TimeUnit.SECONDS).stream().filter(e -> e.name().equals(name))
                .max(java.util.Comparator.comparingLong(FlowLibrary.Entry::updatedAt))
                .orElseThrow(() -> new IllegalStateException("no flow named " + name));
        flows.exportFile(entry.id(), file).get(10, TimeUnit.SECONDS);
        return JSON.valueToTree(entry.steps());
    }

    private Node lookup(String id) {
        return scene.lookup("#" + id);
    }

    private JsonNode state() {
        ObjectNode o = JSON.createObjectNode();
        o.put("user", model.user.get());
        o.put("signedIn", model.signedIn.get());
        o.put("controlCenterOnline", model.controlCenterOnline.get());
        o.put("url", view.urlProperty().get());
        var g = model.group.get();
        if (g != null) {
            o.put("group", g.group());
            o.put("leader", g.leader());
            o.put("version", g.version());
            o.put("mode", g.mode().wire());
            o.put("following", g.following().wire());
            o.put("scope", g.scope().wire());
            var states = o.putObject("states");
            g.members().forEach(m -> states.put(m.user(), m.state().wire()));
            var members = o.putArray("members");
            g.members().forEach(m -> members.add(m.user()));
        }
        var linked = o.putArray("linked");
        model.linked.forEach(linked::add);
        var contacts = o.putArray("contacts");
        model.contacts.forEach(c -> contacts.add(c.user() + ":" + c.state().wire() + ":" + (c.online() ? "online" : "offline")));
        var invitations = o.putArray("invitations");
        model.invitations.forEach(i -> invitations.add(i.from()));
        o.put("groupNotice", model.groupNotice.get());
        o.put("filmNotice", model.filmNotice.get());
        var activity = o.putArray("activity");
        model.activity.stream().limit(50).forEach(activity::add);
        o.put("isLeader", session.isLeader());
        o.put("sent", counts.sent.get());
        o.put("appliedCount", counts.applied.get());
        var statuses = o.putObject("statuses");
        var engine = session.engine();
        if (engine != null) {
            engine.statuses().forEach(s -> statuses.put(s.user(), s.seq() + ":" + s.outcome().wire()));
            o.set("film", JSON.valueToTree(engine.filmNight()));
        }
        o.put("paused", model.paused.get());
        o.put("held", model.held.size());
        var step = model.pendingStep.get();
        o.put("pendingStep", step == null ? null : step.from() + ":" + step.seq());
        var proposal = model.leadProposal.get();
        o.put("leadProposal", proposal == null ? null : proposal.kind().wire() + ":" + proposal.from());
        return o;
    }

    private static JsonNode onFx(Callable<JsonNode> work) throws Exception {
        return Fx.call(work, Duration.ofSeconds(10));
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing
        }
    }
}
