package dev.companion.app.ui.join;

import static dev.companion.testkit.HeadlessTerminal.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.app.ui.AppActions;
import dev.companion.app.ui.AppViewModel;
import dev.companion.app.ui.Texts;
import dev.companion.scc.ControlCenter;
import dev.companion.testkit.ControlCenters;
import dev.companion.testkit.HeadlessTerminal;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The join panes clicked by a robot, over real sessions (headless terminals: no browser) and a real
 * control center: the leader's "Show a join code", a wrong code, the joiner's panel filled from a
 * companion://join/ link at sign-in, Ask to join, the leader's Let in.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class JoinPanesTest extends FxRobot {
    private ControlCenter scc;
    private HeadlessTerminal alice;
    private HeadlessTerminal bob;
    private HeadlessTerminal carol;
    private AppViewModel leader;
    private AppViewModel joiner;
    private final Texts t = new Texts(Locale.ENGLISH);

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void start(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        scc = ControlCenters.startWithFriends(dir, "alice", "bob", "carol");
        alice = new HeadlessTerminal("alice", dir.resolve("alice"), scc.port(), scc.fingerprint());
        bob = new HeadlessTerminal("bob", dir.resolve("bob"), scc.port(), scc.fingerprint());
        carol = new HeadlessTerminal("carol", dir.resolve("carol"), scc.port(), scc.fingerprint());
        leader = new AppViewModel(t);
        joiner = new AppViewModel(t);
        alice.session.addListener(leader);
        carol.session.addListener(joiner);
        alice.login();
        bob.login();
        carol.login();
        alice.session.invite("bob").get(10, TimeUnit.SECONDS);
        await(() -> !bob.invitations.isEmpty(), "bob invited");
        bob.session.answer(bob.invitations.remove(0).id(), true).get(10, TimeUnit.SECONDS);
        await(() -> alice.group != null && alice.group.members().size() == 2, "alice and bob in a group");
        leader.signedIn("alice");
        FxToolkit.setupStage(stage -> {
            HBox both = new HBox(20, new JoinCodePane(leader, new AppActions(alice.session, leader)),
                    new JoinWithCodePane(joiner, new AppActions(carol.session, joiner)));
            stage.setScene(new Scene(both, 900, 400));
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupStages();
        for (AutoCloseable c : new AutoCloseable[] {alice, bob, carol, scc}) {
            if (c != null) {
                c.close();
            }
        }
    }

    private String text(String id) {
        Node n = lookup(id).query();
        return n instanceof Labeled l ? l.getText() : ((TextField) n).getText();
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
    }

    @Test
    void theLeaderShowsACodeAndLetsInTheJoinerWhoCameWithTheLink() throws Exception {
        clickOn("#showJoinCode");
        waitFor(() -> text("#joinCode").matches("[0-9A-Z]{5}-[0-9A-Z]{5}"));
        String code = text("#joinCode");
        assertThat(lookup("#joinCodeShown").query().isVisible()).isTrue();
        assertThat(text("#joinCodeLeft")).matches("Valid for (10:00|9:5\\d)");

        interact(() -> ((TextField) lookup("#joinCodeField").query()).setText("ZZZZZ-ZZZZZ"));
        clickOn("#lookUpJoinCode");
        waitFor(() -> lookup("#joinInfo").query().isVisible() && text("#joinInfo").equals(t.get("join.unknown")));
        assertThat(lookup("#joinDecide").query().isVisible()).as("nothing to ask with a wrong code").isFalse();

        interact(() -> { // the OS opened the app with the link; carol signs in
            ((TextField) lookup("#joinCodeField").query()).clear();
            joiner.joinLink.set("companion://join/" + code);
        });
        joiner.signedIn("carol");
        waitFor(() -> text("#joinInfo").equals(t.get("join.info", "alice", "alice, bob")));
        assertThat(text("#joinCodeField")).isEqualTo(code);
        assertThat(lookup("#joinDecide").query().isVisible()).isTrue();
        clickOn("#askToJoin");
        waitFor(() -> text("#joinInfo").equals(t.get("join.waiting", "alice")));

        waitFor(() -> lookup("#letIn-carol").tryQuery().isPresent());
        clickOn("#letIn-carol");
        await(() -> carol.group != null && carol.group.members().size() == 3, "carol in alice's group");
        waitFor(() -> t.get("join.accepted").equals(joiner.groupNotice.get()));
        waitFor(() -> !lookup("#joinCodeShown").query().isVisible()); // used once: no longer shown
        assertThat(leader.joinAsks).isEmpty();

        // a link handed over later by another start of carol's profile (OneInstance) is looked up at once
        interact(() -> joiner.joinLink.set("companion://join/ZZZZZ-ZZZZZ"));
        waitFor(() -> text("#joinCodeField").equals("ZZZZZ-ZZZZZ") && text("#joinInfo").equals(t.get("join.unknown")));
    }
}
