package dev.companion.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.app.StoredFlows;
import dev.companion.app.browser.BrowserEngine;
import dev.companion.app.browser.BrowserView;
import dev.companion.app.flow.Recording;
import dev.companion.app.follow.MemberStatus;
import dev.companion.app.privacy.RecordingStore;
import dev.companion.app.privacy.SitePrivacy;
import dev.companion.app.session.Classrooms;
import dev.companion.app.session.ControlCenterState;
import dev.companion.app.similar.SiteRules;
import dev.companion.app.store.LocalStore;
import dev.companion.app.ui.flows.FlowOffers;
import dev.companion.app.ui.flows.FlowsPane;
import dev.companion.app.ui.lan.Nearby;
import dev.companion.p2p.link.LinkPath;
import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.ActionKind;
import dev.companion.p2p.protocol.ContactState;
import dev.companion.p2p.protocol.Following;
import dev.companion.p2p.protocol.MemberState;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Mode;
import dev.companion.p2p.protocol.NavigationCause;
import dev.companion.p2p.protocol.Outcome;
import dev.companion.p2p.protocol.Role;
import dev.companion.p2p.protocol.Scope;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javafx.event.Event;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real main window (real Chromium in the centre) signed in, in a group of three with the group
 * panel full, at 1280×800 and 1920×1080, in English and Chinese, in normal and large text: no label
 * is cut short ("Large t…"), nothing sticks out of the window, every control is reached by Tab and
 * shown when it has the focus. Checked with the collapsible sections closed and again opened; a
 * screenshot of each is saved under target/window-checks/. The view model is fed as the session would
 * feed it (no control center: the window is about layout).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class WindowFitTest extends FxRobot {
    private static final String CJK_FONT = "Noto Sans CJK SC";
    private static final String LONG_PAGE =
            "https://shop.example/catalogue/teas/green/sencha-from-shizuoka-first-flush-2026?ref=newsletter&utm_source=mail";
    /** An address as a person would read it: with a scheme, or a host followed by a path, a port or "…". */
    private static final Pattern ADDRESS = Pattern.compile("\\S*(://|\\.[a-z]{2,}[/:…])\\S*");
    private static Path profile;
    private static LocalStore store;
    private static BrowserEngine engine;
    private static BrowserView view;
    private static Stage stage;

    record Case(int width, int height, Locale locale, boolean large) {
        @Override
        public String toString() {
            return width + "x" + height + "-" + locale.toLanguageTag() + (large ? "-large" : "");
        }
    }

    static Stream<Case> cases() {
        List<Case> all = new ArrayList<>();
        for (int[] size : new int[][] {{1280, 800}, {1920, 1080}}) {
            for (Locale l : List.of(Locale.ENGLISH, MainWindow.ZH)) {
                for (boolean large : new boolean[] {false, true}) {
                    all.add(new Case(size[0], size[1], l, large));
                }
            }
        }
        return all.stream();
    }

    @BeforeAll
    static void browser() throws Exception {
        profile = Files.createTempDirectory("companion-window-test");
        engine = BrowserEngine.start(profile); // Chromium before the JavaFX toolkit
        stage = FxToolkit.registerPrimaryStage();
        view = WaitForAsyncUtils.asyncFx(() -> engine.createView("about:blank")).get(15, TimeUnit.SECONDS);
        store = LocalStore.open(profile.resolve("store")); // the flows section's library: a real, empty profile
    }

    @AfterAll
    static void close() throws Exception {
        FxToolkit.cleanupStages();
        if (store != null) {
            store.close();
        }
        if (view != null) {
            view.close();
        }
        if (engine != null) {
            engine.close();
        }
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    /** No guide is started in this test (the layout is what is checked). */
    static final dev.companion.app.ui.flows.Guiding NO_GUIDE = new dev.companion.app.ui.flows.Guiding() {
        @Override
        public CompletableFuture<Void> guide(long flowId) {
            return CompletableFuture.failedFuture(new IllegalStateException("no guide is started in this test"));
        }

        @Override
        public CompletableFuture<Void> stop() {
            return CompletableFuture.completedFuture(null);
        }
    };

    /** The flows section over the real (empty) profile: Record, the library, no offers; sharing sends nothing. */
    private static FlowsPane.Parts flows(AppViewModel model) {
        StoredFlows library = new StoredFlows(store.flows(), Background.executor());
        return new FlowsPane.Parts(new Recording(() -> false, System::currentTimeMillis), library,
                new FlowOffers(model, library), (to, flow) -> CompletableFuture.completedFuture(null), NO_GUIDE);
    }

    /** The classroom sections, nothing hosted or heard here (their texts before anyone starts are what is checked). */
    private static Classrooms classrooms() {
        return new Classrooms(new Classrooms.Parts() {
            @Override
            public dev.companion.p2p.lan.LanDiscovery discovery() {
                throw new IllegalStateException("nothing is heard on the LAN in this test");
            }

            @Override
            public java.util.List<dev.companion.p2p.lan.LanInterfaces.Lan> lans() {
                return java.util.List.of(); // nothing hosted here: no list shown
            }

            @Override
            public dev.companion.scc.classroom.Classroom host(dev.companion.p2p.lan.LanInterfaces.Lan lan, String room,
                                                              String teacher, String password,
                                                              java.util.Map<String, String> roster) {
                throw new IllegalStateException("nothing is hosted in this test");
            }
        }, store, null, Background.executor());
    }

    /** The pairing section, not started here (its texts before anyone looks for people nearby are what is checked). */
    private static Nearby nearby() {
        return new Nearby(Nearby.everyInterface(name -> {
            throw new IllegalStateException("nothing is started on the LAN in this test");
        }), Background.executor());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theSidebarFits(Case c) throws Exception {
        if (c.locale().equals(MainWindow.ZH)) {
            String family = WaitForAsyncUtils.asyncFx(() -> Font.font(CJK_FONT, 14).getFamily()).get(10, TimeUnit.SECONDS);
            Assumptions.assumeTrue(CJK_FONT.equals(family), "case " + c + " NOT CHECKED: the font " + CJK_FONT
                    + " is missing here (install fonts-noto-cjk; `fc-list :lang=zh` lists none), so Chinese would not render");
        }
        AppViewModel model = new AppViewModel(new Texts(c.locale()));
        Scene scene = WaitForAsyncUtils.asyncFx(() -> {
            fill(model);
            SitePrivacy privacy = new SitePrivacy(SitePrivacy.Rules.NONE, new RecordingStore());
            MainWindow window = new MainWindow(model, new AppActions(null, model), view,
                    new UiSettings(c.large(), (k, v) -> { }), privacy, SiteRules.inMemory(), site -> 0,
                    "127.0.0.1:7443", "alice", flows(model), nearby(), classrooms());
            Scene s = new Scene(window.root(), c.width(), c.height());
            stage.setScene(s);
            stage.setX(0);
            stage.setY(0);
            stage.show();
            return s;
        }).get(15, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        BorderPane root = (BorderPane) scene.getRoot();
        assertThat(root.getStyleClass().contains("large-text")).isEqualTo(c.large());
        assertThat(lookup("#whoami").queryLabeled().getText()).contains("alice");
        if (c.locale().equals(MainWindow.ZH)) {
            assertThat(lookup("#whoami").queryLabeled().getFont().getFamily()).as("Chinese text in a CJK font").isEqualTo(CJK_FONT);
        }
        check(c, scene, root, "closed", c + "");
        // each member on one line that shows at least who, their state and their step
        assertThat(drawn("member-alice")).startsWith("• alice");
        assertThat(drawn("member-bob")).startsWith("• bob · " + model.texts().get("group.member.state.here") + " · ")
                .contains("42");
        assertThat(drawn("member-carol")).startsWith("• carol · " + model.texts().get("group.member.state.paused") + " · ")
                .contains("40");
        // the collapsible sections opened: everything in them must fit too
        WaitForAsyncUtils.asyncFx(() -> titledPanes(root.getRight()).forEach(p -> {
            p.setAnimated(false);
            p.setExpanded(true);
        })).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(WaitForAsyncUtils.asyncFx(() -> titledPanes(root.getRight()).size()).get(10, TimeUnit.SECONDS))
                .as("settings, group settings and privacy are collapsible sections").isGreaterThanOrEqualTo(3);
        check(c, scene, root, "open", c + "-open");
    }

    /**
     * Screenshots (the window as opened, and the whole sidebar however long), truncation and clipping
     * on the FX thread, then every control reached by Tab.
     */
    private void check(Case c, Scene scene, BorderPane root, String state, String shot) throws Exception {
        ScrollPane sidebar = (ScrollPane) root.getRight();
        WaitForAsyncUtils.asyncFx(() -> sidebar.setVvalue(0)).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        Snapshot.save(scene.getRoot(), shot);
        Snapshot.save(sidebar.getContent(), shot + "-sidebar");
        List<String> problems = WaitForAsyncUtils.asyncFx(() -> layoutProblems(scene, root)).get(10, TimeUnit.SECONDS);
        assertThat(problems).as(c + " sections " + state + ": cut short or outside the window").isEmpty();
        tabReachesEveryControl(c, scene, (ScrollPane) root.getRight(), state);
    }

    /** The text a member row draws (its start when elided). */
    private String drawn(String id) throws Exception {
        Labeled l = lookup("#" + id).queryLabeled();
        return WaitForAsyncUtils.asyncFx(() -> l.getChildrenUnmodifiable().stream().filter(n -> n instanceof Text)
                .map(n -> ((Text) n).getText()).findFirst().orElse("")).get(10, TimeUnit.SECONDS);
    }

    // ---- the model as the session fills it ---------------------------------------------------------

    /** alice leads bob and carol step by step, partial scope; both follow over links, with long page addresses. */
    private static void fill(AppViewModel model) {
        model.signedIn("alice");
        model.onControlCenter(ControlCenterState.of(ControlCenterState.Status.ONLINE, null));
        model.onContacts(List.of(new Messages.Contact("bob", true, ContactState.CONTACT),
                new Messages.Contact("carol", true, ContactState.CONTACT),
                new Messages.Contact("dave", false, ContactState.CONTACT),
                new Messages.Contact("erin", true, ContactState.PENDING_IN)));
        model.onInvitation(new Messages.Invitation("inv-1", "frank", "g9", System.currentTimeMillis() + 60_000));
        model.onGroup(new Messages.GroupState("g1", 5, "alice", Mode.LEADER_FOLLOWER, Following.MANUAL, Scope.PARTIAL,
                List.of(ActionKind.values()).subList(0, 3), List.of("https://shop.example/catalogue/teas/*", LONG_PAGE),
                List.of(member("alice", Role.LEADER, MemberState.HERE), member("bob", Role.FOLLOWER, MemberState.HERE),
                        member("carol", Role.FOLLOWER, MemberState.PAUSED))), null, null);
        model.onLink("bob", true);
        model.onLinkPath("bob", LinkPath.DIRECT, 7);
        model.onLink("carol", true);
        model.onLinkPath("carol", LinkPath.RELAYED, 142);
        model.onMemberStatus(new MemberStatus("bob", 42, Outcome.APPLIED, LONG_PAGE, 0, null));
        model.onMemberStatus(new MemberStatus("carol", 40, Outcome.FAILED, LONG_PAGE, 2,
                "failed: not found form#buy input[name=\"size\"][value=\"250g\"]", "#add-to-cart"));
        model.onHeld(StepTextTest.sampleStep());
        model.onApplied("bob", 42, Action.navigate(LONG_PAGE, NavigationCause.PAGE), Outcome.APPLIED, null);
        model.onApplied("carol", 40, StepTextTest.click("#add-to-cart"), Outcome.FAILED, "not found " + LONG_PAGE);
    }

    private static Messages.Member member(String user, Role role, MemberState state) {
        return new Messages.Member(user, user + "-pc", role, state, 1);
    }

    // ---- what is checked -----------------------------------------------------------------------------

    private static List<String> layoutProblems(Scene scene, BorderPane root) {
        List<String> problems = new ArrayList<>();
        ScrollPane scroll = (ScrollPane) root.getRight();
        Bounds viewport = scroll.localToScene(scroll.getViewportBounds());
        double viewportLeft = scroll.localToScene(scroll.getBoundsInLocal()).getMinX();
        if (scroll.getContent().getLayoutBounds().getWidth() > scroll.getViewportBounds().getWidth() + 0.5) {
            problems.add("the sidebar is wider than its viewport: " + scroll.getContent().getLayoutBounds().getWidth()
                    + " > " + scroll.getViewportBounds().getWidth());
        }
        if (scroll.localToScene(scroll.getBoundsInLocal()).getMaxY() > scene.getHeight() + 0.5) {
            problems.add("the sidebar goes below the window");
        }
        for (Node n : shown(scroll.getContent())) {
            Bounds b = n.localToScene(n.getLayoutBounds());
            if (n instanceof Control && (b.getMinX() < viewportLeft - 0.5 || b.getMaxX() > viewportLeft + viewport.getWidth() + 0.5)) {
                problems.add("clipped at the sides: " + describe(n) + " x " + (int) b.getMinX() + ".." + (int) b.getMaxX()
                        + " outside " + (int) viewportLeft + ".." + (int) (viewportLeft + viewport.getWidth()));
            }
            truncation(n).ifPresent(problems::add);
        }
        for (Node n : shown(root.getTop())) {
            Bounds b = n.localToScene(n.getLayoutBounds());
            if (n instanceof Control && (b.getMinX() < -0.5 || b.getMaxX() > scene.getWidth() + 0.5)) {
                problems.add("outside the window: " + describe(n));
            }
            truncation(n).ifPresent(problems::add);
        }
        return problems;
    }

    /**
     * A label whose text is drawn shorter than it is ("Large t…"), allowed only for an elided text whose
     * tooltip holds it all; a member's line drawn over more than one line; an address wrapped over more than two lines.
     */
    private static java.util.Optional<String> truncation(Node n) {
        if (n instanceof Labeled l && l.getText() != null && !l.getText().isEmpty()) {
            Text oneLine = new Text("Xg");
            oneLine.setFont(l.getFont());
            double room = l.getWidth() - l.snappedLeftInset() - l.snappedRightInset()
                    - (l.getGraphic() == null ? 0 : l.getGraphic().getLayoutBounds().getWidth() + l.getGraphicTextGap());
            Matcher address = ADDRESS.matcher(l.getText());
            while (l.isWrapText() && address.find()) {
                Text token = new Text(address.group());
                token.setFont(l.getFont());
                if (token.getLayoutBounds().getWidth() > 2 * room + 0.5) {
                    return java.util.Optional.of("an address over more than two lines: " + describe(l) + " '" + address.group() + "'");
                }
            }
            for (Node child : l.getChildrenUnmodifiable()) {
                if (child instanceof Text drawn && l.getId() != null && l.getId().startsWith("member-")
                        && drawn.getLayoutBounds().getHeight() > 1.5 * oneLine.getLayoutBounds().getHeight()) {
                    return java.util.Optional.of("a member on more than one line: " + describe(l));
                }
                if (child instanceof Text drawn && child.isVisible() && !l.getText().equals(drawn.getText())
                        && !(l.getStyleClass().contains("elided") && l.getTooltip() != null
                        && l.getText().equals(l.getTooltip().getText()))) {
                    return java.util.Optional.of("cut short: " + describe(l) + " shows '" + drawn.getText() + "' of '" + l.getText() + "'");
                }
            }
        }
        if (n instanceof TextField f && f.getText().isEmpty() && f.getPromptText() != null && !f.getPromptText().isEmpty()) {
            Text prompt = new Text(f.getPromptText());
            prompt.setFont(f.getFont());
            double room = f.getWidth() - f.snappedLeftInset() - f.snappedRightInset();
            if (prompt.getLayoutBounds().getWidth() > room + 0.5) {
                return java.util.Optional.of("prompt cut short: " + describe(f) + " '" + f.getPromptText() + "'");
            }
        }
        return java.util.Optional.empty();
    }

    /** Nodes a person can see: visible with every ancestor, with a size (a closed section's content has none). */
    private static List<Node> shown(Node top) {
        List<Node> out = new ArrayList<>();
        collect(top, out);
        return out;
    }

    private static void collect(Node n, List<Node> out) {
        if (n == null || !n.isVisible() || n.getLayoutBounds().getWidth() <= 0 || n.getLayoutBounds().getHeight() <= 0) {
            return;
        }
        if (n instanceof ListCell<?> cell && cell.isEmpty()) {
            return;
        }
        out.add(n);
        if (n instanceof TitledPane p && !p.isExpanded()) {
            // only the header: the content of a closed section is not shown
            p.getChildrenUnmodifiable().stream().filter(ch -> !ch.getStyleClass().contains("content")).forEach(ch -> collect(ch, out));
            return;
        }
        if (n instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                collect(child, out);
            }
        }
    }

    private static List<TitledPane> titledPanes(Node top) {
        List<TitledPane> out = new ArrayList<>();
        List<Node> all = new ArrayList<>();
        collectAll(top, all);
        for (Node n : all) {
            if (n instanceof TitledPane p) {
                out.add(p);
            }
        }
        return out;
    }

    private static void collectAll(Node n, List<Node> out) {
        out.add(n);
        if (n instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(ch -> collectAll(ch, out));
        }
    }

    private static String describe(Node n) {
        Node named = n;
        while (named != null && named.getId() == null) {
            named = named.getParent();
        }
        return n.getClass().getSimpleName() + (n.getId() != null ? "#" + n.getId()
                : named != null ? " in #" + named.getId() : "") + (n instanceof Labeled l ? " '" + l.getText() + "'" : "");
    }

    /**
     * Starting at the sidebar's first control, Tab visits every control the sidebar shows (a button in
     * a list's row is reached through its list: Enter on the row), and the sidebar scrolls so the focused
     * one is in view.
     */
    private void tabReachesEveryControl(Case c, Scene scene, ScrollPane scroll, String state) throws Exception {
        List<Node> controls = WaitForAsyncUtils.asyncFx(() -> shown(scroll.getContent()).stream()
                .filter(n -> n instanceof Control && n.isFocusTraversable() && !n.isDisabled() && inListRow(n) == null)
                .toList()).get(10, TimeUnit.SECONDS);
        assertThat(controls).isNotEmpty();
        WaitForAsyncUtils.asyncFx(() -> controls.get(0).requestFocus()).get(10, TimeUnit.SECONDS);
        Set<Node> reached = new LinkedHashSet<>();
        List<String> hidden = new ArrayList<>();
        for (int i = 0; i < controls.size() * 2 && !reached.containsAll(controls); i++) {
            WaitForAsyncUtils.waitForFxEvents();
            Node owner = scene.getFocusOwner();
            if (owner == null || !isInside(owner, scroll)) {
                break; // Tab left the sidebar (the browser comes next)
            }
            reached.add(owner);
            String seen = WaitForAsyncUtils.asyncFx(() -> inView(owner, scroll) ? null : describe(owner)).get(10, TimeUnit.SECONDS);
            if (seen != null) {
                hidden.add(seen);
            }
            WaitForAsyncUtils.asyncFx(() -> Event.fireEvent(owner,
                    new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.TAB, false, false, false, false))).get(10, TimeUnit.SECONDS);
        }
        List<String> missed = controls.stream().filter(n -> !reached.contains(n)).map(WindowFitTest::describe).toList();
        assertThat(missed).as(c + " sections " + state + ": controls Tab never reached").isEmpty();
        assertThat(hidden).as(c + " sections " + state + ": focused but scrolled out of view").isEmpty();
    }

    private static ListView<?> inListRow(Node n) {
        for (Node p = n.getParent(); p != null; p = p.getParent()) {
            if (p instanceof ListView<?> l) {
                return l;
            }
        }
        return null;
    }

    private static boolean isInside(Node n, Node ancestor) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (p == ancestor) {
                return true;
            }
        }
        return false;
    }

    /** The focused control is in view (a section: its title, where the focus shows; its content may be taller than the window). */
    private static boolean inView(Node focused, ScrollPane scroll) {
        Node n = focused instanceof TitledPane p ? p.lookup(".title") : focused;
        Bounds b = n.localToScene(n.getLayoutBounds());
        Bounds v = scroll.localToScene(scroll.getLayoutBounds());
        return b.getMinY() >= v.getMinY() - 0.5 && b.getMaxY() <= v.getMaxY() + 0.5;
    }

    /** Saves what the window shows as a PNG under target/window-checks/ for a person to look at. */
    private static final class Snapshot {
        static void save(Node node, String name) throws Exception {
            WritableImage image = WaitForAsyncUtils.asyncFx(() -> node.snapshot(null, null)).get(10, TimeUnit.SECONDS);
            int w = (int) image.getWidth();
            int h = (int) image.getHeight();
            int[] argb = new int[w * h];
            image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
            BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
            out.setRGB(0, 0, w, h, argb, 0, w);
            Path dir = Path.of("target", "window-checks");
            Files.createDirectories(dir);
            assertThat(ImageIO.write(out, "png", dir.resolve(name + ".png").toFile())).isTrue();
        }
    }

    /**
     * A new user with a keyboard: the window opens with the keys in the sign-in form's password (the
     * name is given); in the page Tab belongs to the page and never leaves it, so F6 and Ctrl+Tab go to
     * the sidebar, the address bar and back to the page (Shift the other way); switching the language
     * rebuilds the sidebar and leaves the settings open with the keys on the language choice.
     */
    @org.junit.jupiter.api.Test
    void theKeyboardGetsOutOfThePageAndKeepsItsPlace() throws Exception {
        AppViewModel model = new AppViewModel(new Texts(Locale.ENGLISH)); // signed out
        Scene scene = WaitForAsyncUtils.asyncFx(() -> {
            MainWindow window = new MainWindow(model, new AppActions(null, model), view,
                    new UiSettings(false, (k, v) -> { }), new SitePrivacy(SitePrivacy.Rules.NONE, new RecordingStore()),
                    SiteRules.inMemory(), site -> 0, "127.0.0.1:7443", "alice", flows(model), nearby(), classrooms());
            Scene s = new Scene(window.root(), 1280, 800);
            stage.setScene(s);
            stage.show();
            return s;
        }).get(15, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        BorderPane root = (BorderPane) scene.getRoot();
        assertThat(focusId(scene)).as("the keys start where a new user types first").isEqualTo("loginPassword");
        WaitForAsyncUtils.asyncFx(() -> model.signedIn("alice")).get(10, TimeUnit.SECONDS); // Enter in the password, accepted
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(focusId(scene)).as("signed in: the keys go on to the friends, where Invite is").isEqualTo("contactsList");

        WaitForAsyncUtils.asyncFx(() -> view.node().requestFocus()).get(10, TimeUnit.SECONDS);
        press(scene, KeyCode.TAB, false, false);
        assertThat(scene.getFocusOwner()).as("Tab in the page is the page's").isSameAs(view.node());
        press(scene, KeyCode.F6, false, false);
        assertThat(isInside(scene.getFocusOwner(), root.getRight())).as("F6: from the page to the sidebar").isTrue();
        assertThat(focusId(scene)).isEqualTo("windowSettings");
        assertThat(titleRing("#windowSettings")).as("a focused section's title shows a ring").isEqualTo(FOCUS_RING);
        assertThat(titleRing("#lanSection")).as("an unfocused one none").isNull();
        press(scene, KeyCode.F6, false, false);
        assertThat(focusId(scene)).as("F6: then the address bar").isEqualTo("address");
        press(scene, KeyCode.F6, false, false);
        assertThat(scene.getFocusOwner()).as("F6: then the page again").isSameAs(view.node());
        press(scene, KeyCode.TAB, false, true);
        assertThat(isInside(scene.getFocusOwner(), root.getRight())).as("Ctrl+Tab leaves the page too").isTrue();
        press(scene, KeyCode.F6, true, false);
        assertThat(scene.getFocusOwner()).as("Shift+F6 goes back").isSameAs(view.node());
        press(scene, KeyCode.F6, true, false);
        assertThat(focusId(scene)).as("Shift+F6 from the page: the address bar").isEqualTo("address");

        Node before = lookup("#languageChoice").query();
        WaitForAsyncUtils.asyncFx(() -> {
            TitledPane settings = lookup("#windowSettings").query();
            settings.setExpanded(true);
            before.requestFocus();
            ((javafx.scene.control.ChoiceBox<Locale>) before).setValue(MainWindow.ZH);
        }).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        Node after = lookup("#languageChoice").query();
        assertThat(after).as("the sidebar was rebuilt in Chinese").isNotSameAs(before);
        assertThat(lookup("#windowSettings").queryAs(TitledPane.class).isExpanded()).as("the settings stay open").isTrue();
        assertThat(scene.getFocusOwner()).as("the keys stay on the language").isSameAs(after);
        assertThat(lookup("#keysHint").queryLabeled().getText()).contains("F6");
    }

    private static final javafx.scene.paint.Color FOCUS_RING = javafx.scene.paint.Color.web("#1d5fbf");

    /** The outermost ring of the section's title: its first two background fills when they are one colour, else null. */
    private javafx.scene.paint.Paint titleRing(String section) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            javafx.scene.layout.Region title = (javafx.scene.layout.Region) lookup(section).query().lookup(".title");
            title.applyCss();
            javafx.scene.layout.Background b = title.getBackground();
            if (b == null || b.getFills().size() < 2) {
                return null;
            }
            javafx.scene.paint.Paint outer = b.getFills().get(0).getFill();
            return outer.equals(b.getFills().get(1).getFill()) ? outer : null;
        }).get(10, TimeUnit.SECONDS);
    }

    private static String focusId(Scene scene) {
        Node n = scene.getFocusOwner();
        return n == null ? null : n.getId();
    }

    /** A key pressed and released where the keys go, as the window's input would bring it. */
    private static void press(Scene scene, KeyCode key, boolean shift, boolean ctrl) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            Node target = scene.getFocusOwner() != null ? scene.getFocusOwner() : scene.getRoot();
            Event.fireEvent(target, new KeyEvent(KeyEvent.KEY_PRESSED, "", "", key, shift, ctrl, false, false));
            Node now = scene.getFocusOwner() != null ? scene.getFocusOwner() : scene.getRoot();
            Event.fireEvent(now, new KeyEvent(KeyEvent.KEY_RELEASED, "", "", key, shift, ctrl, false, false));
        }).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
