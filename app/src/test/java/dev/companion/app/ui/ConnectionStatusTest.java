package dev.companion.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.app.session.ControlCenterState;
import dev.companion.app.session.ControlCenterState.Status;
import dev.companion.app.ui.login.ConnectionActions;
import dev.companion.app.ui.login.ConnectionStatus;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.ProtocolException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Labeled;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.StackPane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The control-center line on its own: a model fed connection states as the session reports them,
 * and a recording fake for "reconnect now" and "sign in again".
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConnectionStatusTest extends FxRobot {
    private AppViewModel model;
    private final AtomicInteger reconnects = new AtomicInteger();
    private final List<String> passwords = new CopyOnWriteArrayList<>();
    private volatile CompletableFuture<Object> answer = new CompletableFuture<>();

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
    }

    private void show(Locale locale) throws Exception {
        model = new AppViewModel(new Texts(locale));
        model.signedIn("alice");
        ConnectionActions fake = new ConnectionActions() {
            @Override
            public void reconnect() {
                reconnects.incrementAndGet();
            }

            @Override
            public CompletableFuture<?> signInAgain(String user, String password) {
                passwords.add(user + ":" + password);
                return answer;
            }
        };
        FxToolkit.setupStage(stage -> {
            stage.setScene(new Scene(new StackPane(new ConnectionStatus(model, new AppActions(null, model), fake, "127.0.0.1:7700")), 520, 300));
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void state(ControlCenterState s) {
        model.onControlCenter(s);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String text(String id) {
        return ((Labeled) lookup("#" + id).query()).getText();
    }

    private boolean shown(String id) {
        Node n = lookup("#" + id).query();
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private void fire(String id) {
        interact(lookup("#" + id).queryAs(ButtonBase.class)::fire);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void onlineThenWaitingWithTheSecondsLeftAndReconnectNow() throws Exception {
        show(Locale.ENGLISH);
        state(ControlCenterState.of(Status.ONLINE, null));
        assertThat(text("ccStatus")).isEqualTo("Control center: connected");
        assertThat(shown("reconnectButton")).isFalse();
        assertThat(shown("reauthPassword")).isFalse();

        state(new ControlCenterState(Status.WAITING, "connection refused", Duration.ofMillis(4200), 3));
        // the seconds count down on the FX thread: read the line and the count together there
        String[] shownLine = new String[1];
        int[] left = new int[1];
        interact(() -> {
            shownLine[0] = text("ccStatus");
            left[0] = model.retrySeconds.get();
        });
        assertThat(left[0]).isBetween(1, 5); // 4.2 s rounded up
        assertThat(shownLine[0]).startsWith("Control center: not connected; trying again in " + left[0] + " s");
        assertThat(lookup("#ccStatus").queryAs(Labeled.class).getTooltip().getText()).isEqualTo("Details: connection refused");
        assertThat(model.controlCenterOnline.get()).isFalse();
        assertThat(model.activity).anyMatch(line -> line.contains("Lost the connection to the control center: connection refused"));
        assertThat(shown("reconnectButton")).isTrue();
        fire("reconnectButton");
        assertThat(reconnects.get()).isEqualTo(1);

        state(ControlCenterState.of(Status.CONNECTING, "connection refused"));
        assertThat(text("ccStatus")).isEqualTo("Control center: connecting…");
        assertThat(shown("reconnectButton")).isFalse();
        state(ControlCenterState.of(Status.ONLINE, null));
        assertThat(model.activity.get(0)).contains("Connected to the control center again");
    }

    @Test
    void anExpiredSessionAsksForThePasswordHere() throws Exception {
        show(Locale.ENGLISH);
        state(ControlCenterState.of(Status.ONLINE, null));
        state(ControlCenterState.of(Status.PASSWORD_NEEDED, "BAD_CREDENTIALS: unknown user or wrong password"));
        assertThat(text("ccStatus")).startsWith("Control center: your sign-in has expired");
        assertThat(shown("reconnectButton")).as("reconnecting cannot help without the password").isFalse();
        assertThat(shown("reauthPassword")).isTrue();
        clickOn("#reauthPassword").write("wrong");
        fire("reauthButton");
        assertThat(passwords).containsExactly("alice:wrong");
        interact(() -> answer.completeExceptionally(new ProtocolException(ErrorCode.BAD_CREDENTIALS, "unknown user or wrong password")));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text("reauthError")).as("said in words, with what to do; no error code")
                .isEqualTo("The user name or the password is wrong. Check both (capital letters count) and try again.");
        assertThat(lookup("#reauthPassword").query().getScene().getFocusOwner()).as("ready for another try").isSameAs(lookup("#reauthPassword").query());

        answer = new CompletableFuture<>();
        interact(() -> lookup("#reauthPassword").queryAs(PasswordField.class).setText("alice-pass"));
        fire("reauthButton");
        interact(() -> answer.complete(null));
        state(ControlCenterState.of(Status.ONLINE, null));
        assertThat(passwords).containsExactly("alice:wrong", "alice:alice-pass");
        assertThat(text("reauthError")).isEmpty();
        assertThat(lookup("#reauthPassword").queryAs(PasswordField.class).getText()).isEmpty();
        assertThat(shown("reauthPassword")).isFalse();
    }

    @Test
    void stoppedStatesSayWhyInChinese() throws Exception {
        show(Locale.SIMPLIFIED_CHINESE);
        state(ControlCenterState.of(Status.REPLACED, "closed by the control center"));
        assertThat(text("ccStatus")).contains("另一台设备");
        assertThat(shown("reconnectButton")).isTrue();
        state(ControlCenterState.of(Status.OFFLINE, "VERSION_MISMATCH: protocol 9 is not spoken here"));
        assertThat(text("ccStatus")).contains("不接受这个版本").doesNotContain("VERSION_MISMATCH");
        assertThat(lookup("#ccStatus").queryAs(Labeled.class).getTooltip().getText()).contains("VERSION_MISMATCH");
        String refused = "cannot connect to the control center at 127.0.0.1:7700: Connection refused";
        state(new ControlCenterState(Status.WAITING, refused, Duration.ofSeconds(12), 5));
        assertThat(text("ccStatus")).as("no English inside the Chinese line").containsPattern("未连接，1?[0-9] 秒后重试")
                .doesNotContain("cannot", "Connection");
        assertThat(lookup("#ccStatus").queryAs(Labeled.class).getTooltip().getText()).isEqualTo("详细信息：" + refused);
        assertThat(lookup("#reconnectButton").queryAs(ButtonBase.class).getText()).isEqualTo("立即重新连接");
    }

    @Test
    void theInvitationsALoginRepeatsAreShownOnce() throws Exception {
        show(Locale.ENGLISH);
        dev.companion.p2p.protocol.Messages.Invitation inv =
                new dev.companion.p2p.protocol.Messages.Invitation("i1", "bob", "g1", 0);
        model.onInvitation(inv);
        model.onInvitation(inv); // delivered again at the reconnect's login
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.invitations).containsExactly(inv);
    }
}
