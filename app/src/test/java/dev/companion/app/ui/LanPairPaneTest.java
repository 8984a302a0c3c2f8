package dev.companion.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.app.follow.ApplyResult;
import dev.companion.app.follow.FollowTarget;
import dev.companion.app.session.LanSession;
import dev.companion.app.store.LanPeers;
import dev.companion.app.store.LocalStore;
import dev.companion.app.ui.lan.LanPairPane;
import dev.companion.app.ui.lan.Nearby;
import dev.companion.p2p.lan.LanDiscovery;
import dev.companion.p2p.link.LinkManager;
import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.LanBeacon;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.tls.Identity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.text.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * "Pair with someone nearby" with two real Companions side by side in one window, each its own
 * profile, identity, {@link LanSession} and {@link LanDiscovery} on 127.0.0.1 (beacons sent to the
 * discovery's port directly, as loopback carries no multicast): the list shows the terminal heard,
 * both screens show one code, a decline leaves no group, a certificate that changed since the
 * pairing shows the warning and Confirm works only once it is ticked — on the asked side and on the
 * asking side — and the texts fit in large text, in English and 简体中文.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LanPairPaneTest extends FxRobot {
    private static final long WAIT = 20;

    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    /** One Companion: its profile, the pane's parts, and the pane. */
    private final class Side implements Nearby.Parts {
        final String name;
        final LocalStore store;
        final Nearby nearby;
        LanPairPane pane;
        volatile LanDiscovery discovery;

        Side(String name) {
            this.name = name;
            this.store = LocalStore.open(dir.resolve(name));
            this.nearby = new Nearby(this, Background.executor());
            open.add(store);
            open.add(nearby);
        }

        @Override
        public LanSession session(String as) {
            try {
                Identity id = Identity.loadOrCreate(dir.resolve(name).resolve("identity.p12"), as);
                return LanSession.start(as, id, store, new Recorder(), scheduler, "127.0.0.1", LinkManager.Timing.DEFAULT);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public LanDiscovery discovery() throws IOException {
            discovery = LanDiscovery.start(List.of(), 0, System::nanoTime, LanDiscovery.EXPIRY);
            return discovery;
        }

        @Override
        public void announce(LanSession session) {
            // loopback carries no multicast: the test sends each beacon to the other's discovery port itself
        }

        LanSession session() {
            return nearby.session();
        }
    }

    /** A page that takes every action (nothing is followed in these tests; the group is what counts). */
    private static final class Recorder implements FollowTarget {
        @Override
        public void load(String url) {
        }

        @Override
        public CompletableFuture<ApplyResult> apply(Action action) {
            return CompletableFuture.completedFuture(new ApplyResult(true, null));
        }

        @Override
        public CompletableFuture<Messages.PageState> snapshot() {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<ApplyResult> restore(Messages.PageState state) {
            return CompletableFuture.completedFuture(new ApplyResult(false, "no page"));
        }
    }

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
        scheduler.shutdownNow();
    }

    private void show(Locale locale, boolean large, Side... sides) throws Exception {
        Texts t = new Texts(locale);
        FxToolkit.setupStage(stage -> {
            HBox row = new HBox(12);
            for (Side s : sides) {
                s.pane = new LanPairPane(t, s.nearby, () -> s.name);
                s.pane.setPrefWidth(large ? 380 : 340);
                row.getChildren().add(s.pane);
            }
            row.getStylesheets().add(MainWindow.class.getResource("/dev/companion/app/ui/companion.css").toExternalForm());
            row.getStyleClass().add("root");
            if (large) {
                row.getStyleClass().add("large-text");
            }
            stage.setScene(new Scene(row, large ? 800 : 720, large ? 1000 : 760));
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private <T extends Node> T in(Side s, String id) {
        return from(s.pane).lookup(id).query();
    }

    private String text(Side s, String id) throws Exception {
        Labeled l = in(s, id);
        return WaitForAsyncUtils.asyncFx(l::getText).get(10, TimeUnit.SECONDS);
    }

    private boolean visible(Side s, String id) throws Exception {
        Node n = in(s, id);
        return WaitForAsyncUtils.asyncFx(n::isVisible).get(10, TimeUnit.SECONDS);
    }

    private void until(String what, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("waited " + WAIT + " s for " + what, e);
        }
    }

    private void click(Side s, String id) {
        clickOn((Node) in(s, id));
    }

    private void started(Side... sides) throws Exception {
        for (Side s : sides) {
            click(s, "#lanStart");
        }
        for (Side s : sides) {
            until(s.name + " listening", () -> s.nearby.started() != null && visible(s, "#lanHeard"));
        }
    }

    /** other's beacon, as its Companion announces it, sent to s's discovery port. */
    private static void hears(Side s, Side other) throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            byte[] bytes = other.session().beacon().encode();
            socket.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress("127.0.0.1", s.discovery.port())));
        }
    }

    @SuppressWarnings("unchecked")
    private ListView<LanDiscovery.Found> heard(Side s) {
        return in(s, "#lanHeard");
    }

    /** alice picks bob from her list, both confirm the one code both screens show; returns it. */
    private String pairFromTheList(Side alice, Side bob) throws Exception {
        hears(alice, bob);
        until("bob in alice's list", () -> WaitForAsyncUtils.asyncFx(() -> heard(alice).getItems().size()).get() == 1);
        clickOn((Node) from(heard(alice)).lookup(".list-cell").nth(0).query());
        click(alice, "#lanPair");
        until("alice's code", () -> visible(alice, "#lanPending") && !text(alice, "#lanCode").isEmpty());
        String code = text(alice, "#lanCode");
        assertThat(code).matches("\\d{4} \\d{4}");
        click(alice, "#lanConfirm");
        until("bob asked", () -> visible(bob, "#lanPending"));
        assertThat(text(bob, "#lanCode")).as("the same code on both screens").isEqualTo(code);
        click(bob, "#lanConfirm");
        until("both in the pair's group", () -> visible(alice, "#lanGroupBox") && visible(bob, "#lanGroupBox"));
        return code;
    }

    @Test
    void aTerminalHeardIsListedBothScreensShowOneCodeAndTheyPair() throws Exception {
        Side alice = new Side("alice");
        Side bob = new Side("Bob 王");
        show(Locale.ENGLISH, false, alice, bob);
        started(alice, bob);
        assertThat(text(alice, "#lanStatus")).startsWith("Looking. Others can also type your address with port "
                + alice.session().pairingPort());

        hears(alice, bob);
        until("bob in alice's list", () -> WaitForAsyncUtils.asyncFx(() -> heard(alice).getItems().size()).get() == 1);
        assertThat(text(alice, "#lanHeard .list-cell")).isEqualTo("Bob 王 · 127.0.0.1");
        assertThat(heard(bob).getItems()).as("bob heard nobody").isEmpty();
        pairFromTheList(alice, bob);
        assertThat(text(alice, "#lanWho")).isEqualTo("You ask Bob 王 to pair. Their screen shows a code too: confirm only if it is this one.");
        assertThat(text(bob, "#lanWho")).isEqualTo("alice asks to pair with you. Confirm only if their screen shows this code.");
        assertThat(text(alice, "#lanGroup")).isEqualTo("Bob 王 follows you");
        assertThat(text(bob, "#lanGroup")).isEqualTo("You follow alice");
        assertThat(alice.session().group()).isEqualTo(bob.session().group()).isNotNull();

        // heard again after the pairing: now shown as known
        hears(alice, bob);
        until("bob shown as paired before", () -> text(alice, "#lanHeard .list-cell").endsWith(" · paired before"));
        assertThat(bob.store.lanPeers().check(alice.store.terminalId(), alice.session().beacon().fingerprint()))
                .isEqualTo(LanPeers.Trust.KNOWN);

        click(bob, "#lanLeave");
        until("bob left", () -> !visible(bob, "#lanGroupBox"));
        assertThat(text(bob, "#lanStatus")).isEqualTo("You left the pair's group");
        assertThat(bob.session().group()).isNull();
    }

    @Test
    void aTypedAddressAsksTooAndADeclineLeavesNoGroupInChinese() throws Exception {
        Side alice = new Side("alice");
        Side bob = new Side("bob");
        show(MainWindow.ZH, false, alice, bob);
        started(alice, bob);

        clickOn((Node) in(alice, "#lanAddress")).write("nonsense");
        click(alice, "#lanAskAddress");
        assertThat(text(alice, "#lanStatus")).isEqualTo("不是 地址:端口：nonsense");
        assertThat(visible(alice, "#lanPending")).isFalse();

        WaitForAsyncUtils.asyncFx(() -> ((javafx.scene.control.TextField) in(alice, "#lanAddress")).clear()).get(10, TimeUnit.SECONDS);
        clickOn((Node) in(alice, "#lanAddress")).write("127.0.0.1:" + bob.session().pairingPort());
        click(alice, "#lanAskAddress");
        until("alice's code", () -> visible(alice, "#lanPending"));
        assertThat(text(alice, "#lanWho")).startsWith("你请求与 该地址上的 Companion 配对");
        click(alice, "#lanConfirm");
        until("bob asked", () -> visible(bob, "#lanPending"));
        assertThat(text(bob, "#lanCode")).isEqualTo(text(alice, "#lanCode"));
        assertThat(text(bob, "#lanWho")).startsWith("alice 请求与你配对");

        click(bob, "#lanDecline");
        until("alice told", () -> text(alice, "#lanStatus").startsWith("未配对："));
        assertThat(text(bob, "#lanStatus")).isEqualTo("已拒绝：未记住任何内容");
        assertThat(alice.session().group()).isNull();
        assertThat(bob.session().group()).isNull();
        assertThat(visible(alice, "#lanGroupBox")).isFalse();
        assertThat(bob.store.lanPeers().all()).as("nothing remembered").isEmpty();
        assertThat(alice.store.lanPeers().all()).isEmpty();
    }

    @Test
    void aNameABeaconCannotCarryIsRefusedAndNothingStarts() throws Exception {
        Side alice = new Side("alice");
        show(Locale.ENGLISH, false, alice);
        WaitForAsyncUtils.asyncFx(() -> ((javafx.scene.control.TextField) in(alice, "#lanName")).setText("alice\u202Eevil"))
                .get(10, TimeUnit.SECONDS);
        click(alice, "#lanStart");
        assertThat(text(alice, "#lanStatus")).isEqualTo("Give a name of 1 to 64 characters, without control characters");
        assertThat(alice.nearby.started()).isNull();
        assertThat(visible(alice, "#lanStart")).isTrue();
    }

    @Test
    void aChangedCertificateShowsTheWarningAndConfirmNeedsItTickedOnBothSides() throws Exception {
        Side alice = new Side("alice");
        Side bob = new Side("bob");
        // each profile paired before with the other's terminal id under another certificate (a reinstall, or an impostor)
        String old = "sha-256:" + "ab".repeat(32);
        bob.store.lanPeers().remember(alice.store.terminalId(), "alice", old);
        show(Locale.ENGLISH, true, alice, bob);
        started(alice, bob);

        // the asked side: warned at once; Confirm does nothing until the warning is ticked as read
        clickOn((Node) in(alice, "#lanAddress")).write("127.0.0.1:" + bob.session().pairingPort());
        click(alice, "#lanAskAddress");
        until("alice's code", () -> visible(alice, "#lanPending"));
        click(alice, "#lanConfirm");
        until("bob asked", () -> visible(bob, "#lanPending"));
        assertThat(text(bob, "#lanTrust")).startsWith("Warning: alice's Companion shows another certificate than when you "
                + "paired before. Someone may be pretending to be them.");
        assertThat(visible(bob, "#lanAcceptChanged")).isTrue();
        assertThat(((javafx.scene.control.Button) in(bob, "#lanConfirm")).isDisabled()).isTrue();
        assertThat(fitProblems(bob)).as("the warning fits in large text").isEmpty();
        click(bob, "#lanConfirm");
        assertThat(bob.store.lanPeers().check(alice.store.terminalId(), old)).as("nothing replaced").isEqualTo(LanPeers.Trust.KNOWN);
        click(bob, "#lanAcceptChanged");
        click(bob, "#lanConfirm");
        until("both in the pair's group", () -> visible(alice, "#lanGroupBox") && visible(bob, "#lanGroupBox"));
        assertThat(bob.store.lanPeers().check(alice.store.terminalId(), alice.session().beacon().fingerprint()))
                .as("the new certificate, accepted").isEqualTo(LanPeers.Trust.KNOWN);

        // the asking side learns it only from the answer: nothing formed, the warning shown, asked again once ticked
        alice.store.lanPeers().remember(bob.store.terminalId(), "bob", old);
        WaitForAsyncUtils.asyncFx(() -> ((javafx.scene.control.TextField) in(alice, "#lanAddress")).clear()).get(10, TimeUnit.SECONDS);
        clickOn((Node) in(alice, "#lanAddress")).write("127.0.0.1:" + bob.session().pairingPort());
        Messages.GroupState before = alice.session().group();
        click(alice, "#lanAskAddress");
        until("alice's code", () -> visible(alice, "#lanPending") && visible(alice, "#lanConfirm")
                && !((javafx.scene.control.Button) in(alice, "#lanConfirm")).isDisabled());
        click(alice, "#lanConfirm");
        until("bob asked again", () -> visible(bob, "#lanPending"));
        assertThat(visible(bob, "#lanTrust")).isTrue();
        assertThat(text(bob, "#lanTrust")).isEqualTo("You paired with alice before, with this same certificate.");
        click(bob, "#lanConfirm");
        until("alice warned", () -> visible(alice, "#lanTrust"));
        assertThat(text(alice, "#lanTrust")).startsWith("Warning: bob's Companion shows another certificate");
        assertThat(text(alice, "#lanStatus")).startsWith("Not paired: the certificate changed.");
        assertThat(alice.session().group()).as("alice's group not replaced").isEqualTo(before);
        assertThat(text(alice, "#lanConfirm")).isEqualTo("Ask again");
        assertThat(((javafx.scene.control.Button) in(alice, "#lanConfirm")).isDisabled()).isTrue();
        assertThat(fitProblems(alice)).as("the warning fits in large text").isEmpty();
        click(alice, "#lanAcceptChanged");
        click(alice, "#lanConfirm"); // ask again
        until("alice's new code", () -> !((javafx.scene.control.Button) in(alice, "#lanConfirm")).isDisabled()
                && text(alice, "#lanConfirm").equals("Confirm"));
        click(alice, "#lanConfirm");
        until("bob asked once more", () -> visible(bob, "#lanPending"));
        click(bob, "#lanConfirm");
        until("alice paired with bob's new certificate", () -> text(alice, "#lanStatus").equals("Paired: the group is open"));
        assertThat(alice.store.lanPeers().check(bob.store.terminalId(), bob.session().beacon().fingerprint()))
                .isEqualTo(LanPeers.Trust.KNOWN);
        // a pair's group is named after the two terminals (LanSession.pairGroup): the same group again,
        // now linked with bob's new certificate
        assertThat(alice.session().group()).isEqualTo(bob.session().group());
        assertThat(alice.session().group().group()).isEqualTo(before.group());
    }

    /** Labels and buttons of side's pane drawn shorter than their text (WindowFitTest's rule; none here is elided). */
    private List<String> fitProblems(Side s) throws Exception {
        WaitForAsyncUtils.waitForFxEvents(); // laid out with the texts just set
        return WaitForAsyncUtils.asyncFx(() -> {
            List<String> out = new ArrayList<>();
            for (Node n : all(s.pane, new ArrayList<>())) {
                if (n instanceof Labeled l && shown(l) && l.getText() != null && !l.getText().isEmpty()) {
                    for (Node child : l.getChildrenUnmodifiable()) {
                        if (child instanceof Text drawn && !l.getText().equals(drawn.getText())) {
                            out.add(l.getId() + " shows '" + drawn.getText() + "' of '" + l.getText() + "'");
                        }
                    }
                }
            }
            return out;
        }).get(10, TimeUnit.SECONDS);
    }

    private static List<Node> all(Node n, List<Node> out) {
        out.add(n);
        if (n instanceof javafx.scene.Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> all(c, out));
        }
        return out;
    }

    private static boolean shown(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }
}
