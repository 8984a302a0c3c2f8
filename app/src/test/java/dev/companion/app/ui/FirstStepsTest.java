package dev.companion.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.app.follow.ApplyResult;
import dev.companion.app.follow.FollowTarget;
import dev.companion.app.session.SessionService;
import dev.companion.app.store.LocalStore;
import dev.companion.app.ui.login.LoginPane;
import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.tls.Identity;
import dev.companion.scc.Config;
import dev.companion.scc.ControlCenter;
import dev.companion.scc.cli.SccMain;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.StackPane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A new user's first steps: the sign-in form and the first invitation, against real parts: a real session and TLS client, a real
 * control center on 127.0.0.1 (or a port where none listens, a host that does not exist, a
 * certificate that is not the pinned one). Each failure is said in the person's language with what to
 * do, never as the exception's English text or an error code, and the keyboard is left in the
 * password field for the next try; an empty field says what is missing instead of doing nothing. An
 * invitation sent says, where the group will show, that an answer is awaited, until the answer comes.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class FirstStepsTest extends FxRobot {
    private static final long WAIT = 30;
    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private AppViewModel model;
    /** The session of the form shown last, and the addresses it asked the window to remember. */
    private SessionService shown;
    private final List<String> remembered = new java.util.concurrent.CopyOnWriteArrayList<>();

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

    /** Nothing is followed in these tests: a page that takes no action. */
    private static final class NoPage implements FollowTarget {
        @Override
        public void load(String url) {
        }

        @Override
        public CompletableFuture<ApplyResult> apply(Action action) {
            return CompletableFuture.completedFuture(new ApplyResult(false, "no page in this test"));
        }

        @Override
        public CompletableFuture<Messages.PageState> snapshot() {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<ApplyResult> restore(Messages.PageState state) {
            return CompletableFuture.completedFuture(new ApplyResult(false, "no page in this test"));
        }
    }

    /** A real control center with alice and bob (passwords NAME-pass), friends, made by its own command line. */
    private ControlCenter controlCenter() throws Exception {
        Path data = dir.resolve("scc");
        for (String u : List.of("alice", "bob")) {
            Path pw = dir.resolve(u + ".pw");
            Files.writeString(pw, u + "-pass\n");
            scc("user", "add", u, "--data", data.toString(), "--password-file", pw.toString());
        }
        scc("contact", "link", "alice", "bob", "--data", data.toString());
        ControlCenter cc = ControlCenter.start(Config.of(data));
        open.add(cc);
        return cc;
    }

    private static void scc(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SccMain.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    }

    /** A real session of user at the control center cc (its own profile and identity). */
    private SessionService session(String user, ControlCenter cc) throws Exception {
        Path profile = dir.resolve("profile-" + user + "-" + open.size());
        LocalStore store = LocalStore.open(profile);
        open.add(store);
        Identity id = Identity.loadOrCreate(profile.resolve("identity.p12"), user);
        SessionService s = new SessionService(new SessionService.Config("127.0.0.1", cc.port(), cc.fingerprint(), id,
                "127.0.0.1"), store, new NoPage(), scheduler);
        open.add(s);
        return s;
    }

    /** The sign-in form of a terminal whose control center is host:port (fingerprint: the one pinned, or null). */
    private void show(Locale locale, String host, int port, String fingerprint) throws Exception {
        Path profile = dir.resolve("profile-" + open.size());
        LocalStore store = LocalStore.open(profile);
        open.add(store);
        Identity id = Identity.loadOrCreate(profile.resolve("identity.p12"), "alice");
        SessionService session = new SessionService(new SessionService.Config(host, port, fingerprint, id, "127.0.0.1"),
                store, new NoPage(), scheduler);
        open.add(session);
        model = new AppViewModel(new Texts(locale));
        shown = session;
        AppActions actions = new AppActions(session, model);
        LoginPane login = new LoginPane(model, actions, LoginPane.addressOf(actions, "?"), "alice", remembered::add);
        FxToolkit.setupStage(stage -> {
            stage.setScene(new Scene(new StackPane(login), 420, 460));
            stage.show();
        });
        interact(login::focusFirstEmpty);
    }

    private void signIn(String password) {
        interact(() -> lookup("#loginPassword").queryAs(PasswordField.class).setText(password));
        interact(() -> lookup("#loginButton").queryAs(Button.class).fire());
    }

    /** The error line once it says more than "Signing in…". */
    private String problem() throws Exception {
        String working = model.texts().get("login.working");
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> {
            String s = lookup("#loginError").queryAs(Labeled.class).getText();
            return !s.isEmpty() && !s.equals(working);
        });
        return lookup("#loginError").queryAs(Labeled.class).getText();
    }

    /** Read on the FX thread once it is idle: the error text is set a moment before the focus moves. */
    private boolean passwordReadyForAnotherTry() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        return WaitForAsyncUtils.asyncFx(() -> {
            PasswordField pw = lookup("#loginPassword").queryAs(PasswordField.class);
            return hasFocus("#loginPassword") && pw.getSelectedText().equals(pw.getText());
        }).get(10, TimeUnit.SECONDS);
    }

    /** The node is where the keys go (the scene's focus owner; the window itself may not be focused under Xvfb). */
    private boolean hasFocus(String id) {
        javafx.scene.Node n = lookup(id).query();
        return n.getScene().getFocusOwner() == n;
    }

    private static void plain(String shown) {
        assertThat(shown).as("no code, no exception text").doesNotContain("BAD_CREDENTIALS", "Exception", "cannot ",
                "refused", "Sign-in failed");
    }

    @Test
    void aWrongPasswordSaysSoInBothLanguagesAndTheRightOneSignsIn() throws Exception {
        ControlCenter cc = controlCenter();
        show(Locale.ENGLISH, "127.0.0.1", cc.port(), cc.fingerprint());
        assertThat(hasFocus("#loginPassword"))
                .as("the name is filled in: the keyboard starts in the password").isTrue();
        signIn("alice-wrong");
        String said = problem();
        assertThat(said).isEqualTo("The user name or the password is wrong. Check both (capital letters count) and try again.");
        plain(said);
        assertThat(passwordReadyForAnotherTry()).isTrue();
        signIn("alice-pass");
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> model.signedIn.get());
        FxToolkit.cleanupStages();

        show(MainWindow.ZH, "127.0.0.1", cc.port(), cc.fingerprint());
        signIn("alice-wrong");
        said = problem();
        assertThat(said).isEqualTo("用户名或密码不对。请检查两者（注意大小写）后再试。");
        assertThat(passwordReadyForAnotherTry()).isTrue();
    }

    @Test
    void aControlCenterThatIsNotRunningIsNamedWithWhatToDo() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // free again once closed: nothing listens there
        }
        show(Locale.ENGLISH, "127.0.0.1", port, null);
        signIn("alice-pass");
        String said = problem();
        assertThat(said).isEqualTo("The control center at 127.0.0.1:" + port + " does not answer: it is not running, "
                + "or the address is wrong. Start it (or ask whoever runs it), or correct the address above, then press Sign in again.");
        plain(said);
        assertThat(passwordReadyForAnotherTry()).isTrue();
        assertThat(lookup("#loginButton").queryAs(Button.class).isDisabled()).as("another try is possible").isFalse();
        FxToolkit.cleanupStages();

        show(MainWindow.ZH, "127.0.0.1", port, null);
        signIn("alice-pass");
        assertThat(problem()).isEqualTo("127.0.0.1:" + port + " 上的控制中心没有应答：它没有运行，或地址不对。请启动它（或联系它的管理者），或改正上面的地址，然后再按“登录”。");
    }

    @Test
    void aWrongAddressIsCorrectedInTheFormAndRememberedForTheNextStart() throws Exception {
        ControlCenter cc = controlCenter();
        int nothing;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            nothing = s.getLocalPort();
        }
        show(Locale.ENGLISH, "127.0.0.1", nothing, null);
        assertThat(lookup("#loginServer").queryAs(TextField.class).getText()).isEqualTo("127.0.0.1:" + nothing);
        signIn("alice-pass");
        assertThat(problem()).startsWith("The control center at 127.0.0.1:" + nothing + " does not answer");

        // not an address: said, the keys on the field, nothing tried
        interact(() -> lookup("#loginServer").queryAs(TextField.class).setText("127.0.0.1"));
        interact(() -> lookup("#loginButton").queryAs(Button.class).fire());
        assertThat(lookup("#loginError").queryAs(Labeled.class).getText())
                .isEqualTo("Write the control center's address as address:port, for example 192.168.1.20:7700.");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(hasFocus("#loginServer")).isTrue();
        assertThat(shown.config().port()).as("nothing tried").isEqualTo(nothing);

        // the right one, typed in the form: signed in there, and the window is asked to remember it
        interact(() -> lookup("#loginServer").queryAs(TextField.class).setText(" 127.0.0.1:" + cc.port() + " "));
        signIn("alice-pass");
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> model.signedIn.get());
        assertThat(shown.config().port()).isEqualTo(cc.port());
        assertThat(shown.config().expectedFingerprint()).as("another address: pinned at first use, not the start's").isNull();
        assertThat(remembered).containsExactly("127.0.0.1:" + cc.port());
    }

    @Test
    void anAddressThatNamesNoComputerSaysToCheckTheAddress() throws Exception {
        show(MainWindow.ZH, "no-such-host.invalid", 7700, null);
        signIn("alice-pass");
        String said = problem();
        assertThat(said).startsWith("找不到名为 no-such-host.invalid 的计算机。");
        plain(said);
        FxToolkit.cleanupStages();
        show(Locale.ENGLISH, "no-such-host.invalid", 7700, null);
        signIn("alice-pass");
        assertThat(problem()).startsWith("No computer called no-such-host.invalid was found. Check the control center's address");
    }

    @Test
    void aControlCenterWithAnotherCertificateIsNotTrusted() throws Exception {
        ControlCenter cc = controlCenter();
        show(Locale.ENGLISH, "127.0.0.1", cc.port(), "sha-256:" + "ab".repeat(32));
        signIn("alice-pass");
        String said = problem();
        assertThat(said).isEqualTo("The control center at 127.0.0.1:" + cc.port() + " is not the one this Companion knows "
                + "(its certificate changed). Nothing was sent. Ask whoever runs it before you sign in.");
        assertThat(model.signedIn.get()).isFalse();
    }

    @Test
    void anInvitationSentSaysAnAnswerIsAwaitedUntilItComes() throws Exception {
        ControlCenter cc = controlCenter();
        for (Locale locale : List.of(MainWindow.ZH, Locale.ENGLISH)) {
            SessionService alice = session("alice", cc);
            SessionService bob = session("bob", cc);
            java.util.concurrent.BlockingQueue<Messages.Invitation> asked = new java.util.concurrent.LinkedBlockingQueue<>();
            bob.addListener(new dev.companion.app.session.SessionListener() {
                @Override
                public void onInvitation(Messages.Invitation invitation) {
                    asked.add(invitation);
                }
            });
            AppViewModel shown = new AppViewModel(new Texts(locale));
            model = shown;
            alice.addListener(shown);
            FxToolkit.setupStage(stage -> {
                stage.setScene(new Scene(new javafx.scene.layout.VBox(8,
                        new dev.companion.app.ui.group.GroupPane(shown, new AppActions(alice, shown)),
                        new dev.companion.app.ui.contacts.ContactsPane(shown, new AppActions(alice, shown))), 420, 700));
                stage.show();
            });
            String me = alice.login("alice", "alice-pass").get(WAIT, TimeUnit.SECONDS).user();
            interact(() -> shown.signedIn(me));
            bob.login("bob", "bob-pass").get(WAIT, TimeUnit.SECONDS);
            WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> lookup("#invite-bob").tryQuery().isPresent()
                    && !lookup("#invite-bob").query().isDisabled());
            interact(() -> lookup("#invite-bob").queryAs(Button.class).fire());
            String waiting = shown.texts().get("invitations.waiting", "bob");
            assertThat(waiting).isIn("已邀请 bob，正在等待 bob 回应…", "Invitation sent to bob: waiting for bob to answer…");
            WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS,
                    () -> waiting.equals(lookup("#groupNotice").queryAs(Labeled.class).getText()));
            Messages.Invitation inv = asked.poll(WAIT, TimeUnit.SECONDS);
            assertThat(inv).as("bob was asked").isNotNull();
            bob.answer(inv.id(), false).get(WAIT, TimeUnit.SECONDS);
            String declined = shown.texts().get("invitations.declined", "bob");
            WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS,
                    () -> declined.equals(lookup("#groupNotice").queryAs(Labeled.class).getText()));
            FxToolkit.cleanupStages();
            alice.close();
            bob.close();
        }
    }

    @Test
    void anEmptyFieldSaysWhatIsMissingAndGoesThere() throws Exception {
        show(MainWindow.ZH, "127.0.0.1", 9, null);
        signIn("");
        assertThat(lookup("#loginError").queryAs(Labeled.class).getText()).isEqualTo("请输入密码。");
        assertThat(hasFocus("#loginPassword")).isTrue();
        interact(() -> lookup("#loginUser").queryAs(TextField.class).setText(" "));
        signIn("alice-pass");
        assertThat(lookup("#loginError").queryAs(Labeled.class).getText()).isEqualTo("请输入用户名。");
        assertThat(hasFocus("#loginUser")).isTrue();
        FxToolkit.cleanupStages();
        show(Locale.ENGLISH, "127.0.0.1", 9, null);
        signIn("");
        assertThat(lookup("#loginError").queryAs(Labeled.class).getText()).isEqualTo("Enter your password.");
    }
}
