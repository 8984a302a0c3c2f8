package dev.companion.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.companion.app.follow.ApplyResult;
import dev.companion.app.follow.FollowTarget;
import dev.companion.app.session.ControlCenterState;
import dev.companion.app.session.SessionListener;
import dev.companion.app.session.SessionService;
import dev.companion.app.store.LocalStore;
import dev.companion.app.session.Classrooms;
import dev.companion.app.ui.classroom.HostPane;
import dev.companion.app.ui.classroom.RoomsPane;
import dev.companion.app.ui.login.LoginPane;
import dev.companion.p2p.lan.LanDiscovery;
import dev.companion.p2p.lan.LanInterfaces;
import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.tls.Identity;
import dev.companion.scc.classroom.Classroom;
import dev.companion.scc.client.ControlCenterClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * "Host a classroom" and "Classrooms on this network" with real parts: the teacher's Companion hosts
 * the room from its pane (a real in-process control center with its SQLite file and certificate,
 * announced on this machine's LAN interface to the student's discovery port), a second terminal (a
 * real control-center client) signs in to it and is invited into the teacher's group; the student's
 * pane lists the room, shows the teacher's code, joins with the certificate pinned and is invited too;
 * a room whose certificate changed since it was joined shows the warning, Cancel stores and joins
 * nothing, and Join works only once the warning is ticked; in English and 简体中文, in large text.
 * Skipped with a message on a machine with no LAN interface (scc-lite's ClassroomTest does the same).
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class ClassroomPanesTest extends FxRobot {
    private static final long WAIT = 30;
    private static final String OLD = "sha-256:" + "ab".repeat(32);

    @TempDir
    Path dir;
    private LanInterfaces.Lan lan;
    private final List<AutoCloseable> open = new ArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    /** One Companion: its profile, identity, session (pointing nowhere until a classroom), classrooms, and its pane. */
    private final class Side implements Classrooms.Parts {
        final String name;
        final LocalStore store;
        final SessionService session;
        final Classrooms classrooms;
        final BlockingQueue<Messages.Invitation> invitations = new ArrayBlockingQueue<>(8);
        volatile LanDiscovery discovery;
        volatile int beaconPort;
        Region pane;
        AppViewModel model;
        final java.util.concurrent.atomic.AtomicInteger left = new java.util.concurrent.atomic.AtomicInteger();
        final List<ControlCenterState> states = new java.util.concurrent.CopyOnWriteArrayList<>();

        Side(String name) throws IOException {
            this.name = name;
            this.store = LocalStore.open(dir.resolve(name));
            Identity id = Identity.loadOrCreate(dir.resolve(name).resolve("identity.p12"), name);
            this.session = new SessionService(new SessionService.Config("127.0.0.1", 1, null, id, "127.0.0.1"), store,
                    new Recorder(), scheduler);
            session.addListener(new SessionListener() {
                @Override
                public void onInvitation(Messages.Invitation invitation) {
                    invitations.offer(invitation);
                }

                @Override
                public void onControlCenter(ControlCenterState state) {
                    states.add(state);
                }
            });
            this.classrooms = new Classrooms(this, store, session, Background.executor());
            open.add(store);
            open.add(session);
            open.add(classrooms);
        }

        @Override
        public LanDiscovery discovery() throws IOException {
            discovery = LanDiscovery.start(List.of(lan), 0, System::nanoTime, LanDiscovery.EXPIRY);
            return discovery;
        }

        @Override
        public List<LanInterfaces.Lan> lans() {
            return List.of(lan);
        }

        @Override
        public Classroom host(LanInterfaces.Lan on, String room, String teacher, String teacherPassword, Map<String, String> roster)
                throws IOException {
            return Classroom.host(new Classroom.Settings(room, on, 0, dir.resolve(name).resolve("classroom"),
                    Duration.ofMillis(200), beaconPort), teacher, teacherPassword, roster);
        }
    }

    /** A page that takes every action (nothing is followed here; the group is what counts). */
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

    @BeforeEach
    void lan() throws Exception {
        List<LanInterfaces.Lan> lans = LanInterfaces.all();
        assumeFalse(lans.isEmpty(), "skipped: this machine has no LAN interface to host a classroom on");
        lan = lans.get(0);
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
        scheduler.shutdownNow();
    }

    private void show(Locale locale, boolean large, Side teacher, Side student) throws Exception {
        Texts t = new Texts(locale);
        FxToolkit.setupStage(stage -> {
            HBox row = new HBox(12);
            if (teacher != null) {
                teacher.pane = new HostPane(t, teacher.classrooms, () -> "teacher", u -> { }, () -> { });
                teacher.pane.setPrefWidth(large ? 380 : 340);
                row.getChildren().add(teacher.pane);
            }
            student.model = new AppViewModel(t);
            student.pane = new RoomsPane(t, student.classrooms, ok -> student.model.signedIn(ok.user()), () -> {
                student.left.incrementAndGet();
                student.model.signedOut();
            });
            student.pane.setPrefWidth(large ? 380 : 340);
            AppActions actions = new AppActions(student.session, student.model);
            LoginPane login = new LoginPane(student.model, actions, LoginPane.addressOf(actions, "?"), null, chosen -> { });
            row.getChildren().addAll(student.pane, login);
            row.getStylesheets().add(MainWindow.class.getResource("/dev/companion/app/ui/companion.css").toExternalForm());
            row.getStyleClass().add("root");
            if (large) {
                row.getStyleClass().add("large-text");
            }
            stage.setScene(new Scene(row, large ? 800 : 720, large ? 1000 : 900));
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

    /** The student's sign-in pane's control-center field. */
    private String loginServer() throws Exception {
        javafx.scene.control.TextField f = lookup("#loginServer").query();
        return WaitForAsyncUtils.asyncFx(() -> f.getText()).get(10, TimeUnit.SECONDS);
    }

    private boolean visible(Side s, String id) throws Exception {
        Node n = in(s, id);
        return WaitForAsyncUtils.asyncFx(() -> n.isVisible() && n.getParent() != null && n.getParent().isVisible())
                .get(10, TimeUnit.SECONDS);
    }

    private boolean disabled(Side s, String id) throws Exception {
        Node n = in(s, id);
        return WaitForAsyncUtils.asyncFx(n::isDisabled).get(10, TimeUnit.SECONDS);
    }

    private void type(Side s, String id, String text) throws Exception {
        TextInputControl f = in(s, id);
        WaitForAsyncUtils.asyncFx(() -> f.setText(text)).get(10, TimeUnit.SECONDS);
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

    @SuppressWarnings("unchecked")
    private ListView<LanDiscovery.Found> heard(Side s) {
        return in(s, "#roomsHeard");
    }

    /** The student looks for classrooms; the teacher's room will be announced to the student's discovery port. */
    private void looking(Side student, Side teacher) throws Exception {
        click(student, "#roomsLook");
        until("the student listening", () -> student.discovery != null && visible(student, "#roomsHeard"));
        teacher.beaconPort = student.discovery.port();
    }

    /** The student picks the room heard and opens it. */
    private void openHeard(Side student) throws Exception {
        until("the room listed", () -> WaitForAsyncUtils.asyncFx(() -> heard(student).getItems().size()).get() == 1);
        clickOn((Node) from(heard(student)).lookup(".list-cell").nth(0).query());
        click(student, "#roomsOpen");
        until("the room's question", () -> visible(student, "#roomQuestion") && !text(student, "#roomCode").isEmpty());
    }

    private boolean inGroup(Side leader, String user) {
        Messages.GroupState g = leader.session.group();
        return g != null && g.leader().equals("teacher") && g.member(user) != null;
    }

    @Test
    void theTeacherHostsFromThePaneAndATerminalAndTheStudentsPaneJoinAndAreInvited() throws Exception {
        Side teacher = new Side("teacher");
        Side ann = new Side("ann");
        show(Locale.ENGLISH, false, teacher, ann);
        looking(ann, teacher);

        javafx.scene.control.ChoiceBox<?> lans = in(teacher, "#hostInterface");
        until("the interfaces read", () -> WaitForAsyncUtils.asyncFx(() -> lans.getItems().size()).get() == 1);
        assertThat(visible(teacher, "#hostInterface")).as("one LAN interface: nothing to pick").isFalse();
        type(teacher, "#hostRoom", "Room 204 · 二年级");
        type(teacher, "#hostRoster", "ann ann-pass\nben ben-pass\n");
        click(teacher, "#hostStart");
        until("the room hosted", () -> visible(teacher, "#hostCode"));
        Classroom room = teacher.classrooms.hosted().classroom();
        String where = room.address().getHostString() + ":" + room.address().getPort();
        assertThat(room.address().getHostString()).isEqualTo(lan.address().getHostAddress());
        assertThat(text(teacher, "#hostCode")).isEqualTo(room.code()).matches("\\d{4} \\d{4}");
        assertThat(text(teacher, "#hostStatus")).isEqualTo("Hosting Room 204 · 二年级 at " + where
                + ". Students compare this code with the one on their screen before they sign in:");
        assertThat(teacher.session.controlCenterState().online()).as("the teacher signed in to the room").isTrue();
        assertThat(dir.resolve("teacher").resolve("classroom").resolve(dev.companion.scc.store.Store.FILE_NAME)).exists();

        // a second terminal (a real client) signs in with the room's certificate pinned and is invited
        BlockingQueue<Message> benPushes = new ArrayBlockingQueue<>(32);
        try (ControlCenterClient ben = new ControlCenterClient(room.address().getHostString(), room.address().getPort(),
                room.fingerprint(), new Pushes(benPushes))) {
            Messages.LoginOk ok = ben.connect("ben", "ben-pass", "t-ben", List.of(), Identity.create("ben").fingerprint())
                    .get(20, TimeUnit.SECONDS);
            assertThat(ok.contacts()).extracting(Messages.Contact::user).containsExactly("teacher");
            Messages.Invitation invited = invitation(benPushes);
            assertThat(invited.from()).isEqualTo("teacher");
            ben.answer(invited.id(), true).get(20, TimeUnit.SECONDS);
            until("ben in the teacher's group", () -> inGroup(teacher, "ben"));

            // the student's pane: the room listed, the teacher's code, joined with the certificate pinned
            openHeard(ann);
            assertThat(text(ann, "#roomsHeard .list-cell")).isEqualTo("Room 204 · 二年级 · teacher teacher · " + where);
            assertThat(text(ann, "#roomCode")).as("the code on the teacher's screen").isEqualTo(text(teacher, "#hostCode"));
            assertThat(text(ann, "#roomWho")).isEqualTo("Room 204 · 二年级 at " + where
                    + ". The teacher's screen shows a code too: join only if it is this one.");
            assertThat(visible(ann, "#roomTrust")).as("never joined: nothing to say").isFalse();
            type(ann, "#roomUser", "ann");
            type(ann, "#roomPassword", "ann-pass");
            click(ann, "#roomJoin");
            until("ann signed in to the room", () -> ann.session.controlCenterState().online());
            // the pane says so on the FX thread once the sign-in's answer has come back there
            until("the pane says joined", () -> text(ann, "#roomsStatus").startsWith("Joined"));
            assertThat(text(ann, "#roomsStatus")).isEqualTo("Joined Room 204 · 二年级: accept the teacher's invitation to follow");
            assertThat(ann.store.classroomPins().get("Room 204 · 二年级")).hasValueSatisfying(
                    r -> assertThat(r.fingerprint()).isEqualTo(room.fingerprint()));
            Messages.Invitation annInvited = ann.invitations.poll(WAIT, TimeUnit.SECONDS);
            assertThat(annInvited).as("ann invited when she came online").isNotNull();
            ann.session.answer(annInvited.id(), true).get(20, TimeUnit.SECONDS);
            until("ann and ben in the teacher's group", () -> inGroup(teacher, "ann") && inGroup(teacher, "ben"));
            until("ann follows the teacher", () -> ann.session.group() != null && "teacher".equals(ann.session.group().leader()));
            until("the room shown as joined before", () -> text(ann, "#roomsHeard .list-cell").endsWith(" · joined before"));
            assertThat(loginServer()).as("the sign-in pane says where the session points: the room")
                    .isEqualTo(where);

            // the student leaves: out of the group, signed out of the room, back where she was, not listening
            assertThat(visible(ann, "#roomsLeave")).isTrue();
            Node leave = in(ann, "#roomsLeave");
            interact(leave::requestFocus);
            type(KeyCode.SPACE); // keyboard reachable
            until("ann left", () -> text(ann, "#roomsStatus")
                    .equals("You left Room 204 · 二年级: signed out of it, back to your own control center"));
            until("ann out of the teacher's group", () -> !inGroup(teacher, "ann"));
            assertThat(inGroup(teacher, "ben")).as("the others stay").isTrue();
            assertThat(ann.session.controlCenterState()).isEqualTo(ControlCenterState.SIGNED_OUT);
            assertThat(ann.session.group()).isNull();
            assertThat(ann.session.config().port()).as("back to the control center she had").isEqualTo(1);
            assertThat(ann.discovery.isClosed()).as("no longer listening for rooms").isTrue();
            assertThat(ann.left.get()).isEqualTo(1);
            assertThat(visible(ann, "#roomsLeave")).isFalse();
            assertThat(visible(ann, "#roomsLook")).isTrue();
            assertThat(loginServer()).as("no stale room address").isEqualTo("127.0.0.1:1");

            // Stop the classroom: the teacher signs out, the room's control center stops
            click(teacher, "#hostStop");
            until("stopped", () -> text(teacher, "#hostStatus").equals("The classroom stopped: nothing is announced any more"));
            assertThat(teacher.classrooms.hosted()).isNull();
            assertThat(teacher.session.controlCenterState()).isEqualTo(ControlCenterState.SIGNED_OUT);
            assertThat(teacher.session.config().port()).as("back to the control center it had before").isEqualTo(1);
            assertThat(visible(teacher, "#hostStart")).isTrue();
        }
        try (ControlCenterClient late = new ControlCenterClient(room.address().getHostString(), room.address().getPort(),
                room.fingerprint(), new Pushes(new ArrayBlockingQueue<>(4)))) {
            assertThatThrownBy(() -> late.connect("ben", "ben-pass", "t-ben2", List.of(), Identity.create("ben").fingerprint())
                    .get(20, TimeUnit.SECONDS)).as("nothing listens any more").isInstanceOf(ExecutionException.class);
        }
    }

    @Test
    void aRoomWhoseCertificateChangedIsWarnedCancelStoresNothingAndJoinNeedsTheTickInChineseLargeText() throws Exception {
        Side teacher = new Side("teacher");
        Side ann = new Side("ann");
        ann.store.classroomPins().pin("Room 204", OLD, "192.0.2.99:47443"); // joined before: another certificate under that name
        show(MainWindow.ZH, true, null, ann);
        looking(ann, teacher);
        Classroom room = teacher.classrooms.host("Room 204", "teacher", Map.of("ann", "ann-pass")).get(30, TimeUnit.SECONDS)
                .classroom();
        String where = room.address().getHostString() + ":" + room.address().getPort();

        // where multicast does not reach: a typed address; a bad one is refused, a real one shows the room's code
        type(ann, "#roomsAddress", "nonsense");
        click(ann, "#roomsOpenAddress");
        assertThat(text(ann, "#roomsStatus")).isEqualTo("不是“地址:端口”：nonsense");
        type(ann, "#roomsAddress", where);
        click(ann, "#roomsOpenAddress");
        until("the typed room's question", () -> visible(ann, "#roomQuestion") && !text(ann, "#roomCode").isEmpty());
        assertThat(text(ann, "#roomCode")).isEqualTo(room.code());
        click(ann, "#roomCancel");

        openHeard(ann);
        assertThat(text(ann, "#roomsHeard .list-cell")).as("the teacher's name from the beacon")
                .isEqualTo("Room 204 · 老师 teacher · " + where);
        assertThat(text(ann, "#roomCode")).isEqualTo(room.code());
        assertThat(text(ann, "#roomTrust")).isEqualTo("警告：Room 204 出示的证书与你上次加入时不同。可能有人冒充你的课堂。"
                + "继续之前，请与老师屏幕上的验证码核对。");
        assertThat(visible(ann, "#roomAcceptChanged")).isTrue();
        type(ann, "#roomUser", "ann");
        type(ann, "#roomPassword", "ann-pass");
        assertThat(disabled(ann, "#roomJoin")).as("Join waits for the tick").isTrue();
        assertThat(fitProblems(ann)).as("the warning fits in large text").isEmpty();

        click(ann, "#roomCancel");
        assertThat(text(ann, "#roomsStatus")).isEqualTo("未加入：没有记住任何内容");
        assertThat(ann.store.classroomPins().get("Room 204")).as("the old certificate kept")
                .hasValueSatisfying(r -> assertThat(r.fingerprint()).isEqualTo(OLD));
        assertThat(ann.store.classroomPins().get(where)).as("the typed address opened and cancelled: nothing pinned").isEmpty();
        assertThat(ann.session.controlCenterState()).as("nothing joined").isEqualTo(ControlCenterState.SIGNED_OUT);
        assertThat(ann.session.config().port()).isEqualTo(1);

        openHeard(ann);
        type(ann, "#roomUser", "ann");
        type(ann, "#roomPassword", "not-her-password");
        click(ann, "#roomAcceptChanged");
        assertThat(disabled(ann, "#roomJoin")).isFalse();
        click(ann, "#roomJoin");
        until("the wrong password refused", () -> text(ann, "#roomsStatus").startsWith("无法加入："));
        assertThat(ann.session.controlCenterState()).isEqualTo(ControlCenterState.SIGNED_OUT);
        assertThat(ann.session.config().port()).as("the sign-in view goes where it went before").isEqualTo(1);
        type(ann, "#roomPassword", "ann-pass");
        click(ann, "#roomJoin");
        until("ann signed in to the room", () -> ann.session.controlCenterState().online());
        assertThat(ann.store.classroomPins().check("Room 204", room.fingerprint()))
                .as("the new certificate, accepted").isEqualTo(dev.companion.app.store.LanPeers.Trust.KNOWN);
        assertThat(text(ann, "#roomsStatus")).isEqualTo("已加入 Room 204：请接受老师的邀请开始跟随");
        assertThat(loginServer()).isEqualTo(where);

        // the teacher stops the room: the student's window says so, her Companion stops trying and goes back
        int before = ann.states.size();
        teacher.classrooms.stop().get(30, TimeUnit.SECONDS);
        until("the end said", () -> text(ann, "#roomsStatus")
                .equals("课堂 Room 204 已结束：老师结束了课堂。你已退出登录，回到你自己的控制中心"));
        List<ControlCenterState> after = List.copyOf(ann.states.subList(before, ann.states.size()));
        assertThat(after).extracting(ControlCenterState::status).as("no reconnect loop to a room that is gone")
                .contains(ControlCenterState.Status.ENDED).doesNotContain(ControlCenterState.Status.WAITING,
                        ControlCenterState.Status.CONNECTING);
        assertThat(after).filteredOn(s -> s.status() == ControlCenterState.Status.ENDED).extracting(ControlCenterState::reason)
                .containsExactly("Room 204");
        assertThat(ann.session.controlCenterState()).isEqualTo(ControlCenterState.SIGNED_OUT);
        assertThat(ann.session.config().port()).isEqualTo(1);
        assertThat(ann.discovery.isClosed()).isTrue();
        assertThat(ann.left.get()).isEqualTo(1);
        assertThat(visible(ann, "#roomsLeave")).isFalse();
        assertThat(loginServer()).isEqualTo("127.0.0.1:1");
        assertThat(fitProblems(ann)).as("the end fits in large text").isEmpty();
    }

    @Test
    void aRosterThatCannotBeTheRoomsAccountsIsRefusedWithTheReasonAndNothingStarts() throws Exception {
        Side teacher = new Side("teacher");
        Side ann = new Side("ann");
        show(Locale.ENGLISH, false, teacher, ann);
        type(teacher, "#hostRoom", "Room 204");
        type(teacher, "#hostRoster", "ann");
        click(teacher, "#hostStart");
        assertThat(text(teacher, "#hostStatus")).isEqualTo("Line 1: give a name, a space and a password");
        type(teacher, "#hostRoster", "\n  \n");
        click(teacher, "#hostStart");
        assertThat(text(teacher, "#hostStatus")).isEqualTo("Give 1 to 30 students (now 0)");
        type(teacher, "#hostRoom", "Room\u202e402");
        click(teacher, "#hostStart");
        assertThat(text(teacher, "#hostStatus")).isEqualTo("Give the room a name of 1 to 64 characters, without control characters");
        // a name the control center's rules refuse (a look-alike of another, all Cyrillic), checked by ICU4J in this process
        type(teacher, "#hostRoom", "Room 204");
        type(teacher, "#hostRoster", "ace ace-pass\n\u0430\u0441\u0435 other-pass\n");
        click(teacher, "#hostStart");
        until("refused", () -> text(teacher, "#hostStatus").startsWith("Could not host the classroom: "));
        assertThat(text(teacher, "#hostStatus")).endsWith("user name \u0430\u0441\u0435 looks too much like the existing user ace");
        assertThat(teacher.classrooms.hosted()).isNull();
        assertThat(teacher.session.controlCenterState()).isEqualTo(ControlCenterState.SIGNED_OUT);
        assertThat(teacher.session.config().port()).isEqualTo(1);
        assertThat(dir.resolve("teacher").resolve("classroom").resolve("scc-fingerprint.txt")).as("no control center started")
                .doesNotExist();
        assertThat(visible(teacher, "#hostStart")).isTrue();
    }

    private static Messages.Invitation invitation(BlockingQueue<Message> pushes) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT);
        while (System.nanoTime() < end) {
            Message m = pushes.poll(1, TimeUnit.SECONDS);
            if (m instanceof Messages.Invitation i) {
                return i;
            }
        }
        throw new AssertionError("no invitation within " + WAIT + " s");
    }

    /** Labels and buttons of side's pane drawn shorter than their text (WindowFitTest's rule). */
    private List<String> fitProblems(Side s) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
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

    private record Pushes(BlockingQueue<Message> pushes) implements ControlCenterClient.Listener {
        @Override
        public void onPush(Message m) {
            pushes.offer(m);
        }

        @Override
        public void onClosed(String reason) {
        }
    }
}
