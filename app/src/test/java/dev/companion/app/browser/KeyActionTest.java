package dev.companion.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.app.follow.ApplyResult;
import dev.companion.app.privacy.SitePolicy;
import dev.companion.app.privacy.SitePrivacy;
import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.KeyPhase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Keys for a coach and a player (the opt-in key action) with the real embedded Chromium: real key
 * presses on a game's canvas are captured with the canvas's evidence; keys in a text field, on a
 * button, with Ctrl, or on a "share nothing typed" site are not; applying a key reaches the game's
 * canvas or the page, and a key aimed at a field is refused without touching it.
 */
class KeyActionTest {
    private static final FxRobot robot = new FxRobot();
    private static BrowserFixture fx;
    private static PrivacyProfile profile;
    private static SitePrivacy privacy;

    @BeforeAll
    static void start() throws Exception {
        fx = BrowserFixture.start("/keys.html");
        profile = PrivacyProfile.on(fx, "companion-keys-test");
        privacy = profile.privacy;
    }

    @AfterAll
    static void stop() throws Exception {
        if (fx != null) {
            fx.close();
        }
        if (profile != null) {
            profile.close();
        }
    }

    @BeforeEach
    void fresh() throws Exception {
        privacy.setPolicy("127.0.0.1", SitePolicy.NOT_SENSITIVE);
        fx.loadAndWait("/keys.html");
        fx.recorder.actions.clear();
    }

    private static void clickOn(String selector) throws Exception {
        robot.moveTo(fx.screenPointOf(selector));
        robot.clickOn(MouseButton.PRIMARY);
    }

    private static void awaitFocusOn(String id) throws Exception {
        WaitForAsyncUtils.waitFor(BrowserFixture.WAIT_S, TimeUnit.SECONDS,
                () -> fx.eval("document.activeElement && document.activeElement.id").equals("\"" + id + "\""));
    }

    private static ApplyResult apply(Action a) throws Exception {
        return fx.view.apply(a).get(BrowserFixture.WAIT_S, TimeUnit.SECONDS);
    }

    private static String heard() throws Exception {
        return fx.evalString("heard.join(' | ')");
    }

    /** The start button's click: a marker that every key before it was already captured (or not). */
    private static List<Action> untilStartClicked() throws Exception {
        clickOn("#start");
        List<Action> before = new ArrayList<>();
        fx.recorder.await(Action.Click.class, c -> "#start".equals(c.selector()), before);
        return before;
    }

    @Test
    void keysOnTheGamesCanvasAreCapturedWithItsEvidence() throws Exception {
        clickOn("#board");
        awaitFocusOn("board");
        robot.type(KeyCode.LEFT);
        Action.Key down = fx.recorder.await(Action.Key.class, k -> k.phase() == KeyPhase.DOWN);
        assertThat(down.key()).isEqualTo("ArrowLeft");
        // (code, the physical key, is "" here: the off-screen view hands Chromium no scan codes)
        assertThat(down.selector()).isEqualTo("#board");
        assertThat(down.target().tag()).isEqualTo("canvas");
        assertThat(down.shift()).isNull();
        Action.Key up = fx.recorder.await(Action.Key.class, k -> k.phase() == KeyPhase.UP);
        assertThat(up.key()).isEqualTo("ArrowLeft");
        robot.press(KeyCode.SHIFT).type(KeyCode.A).release(KeyCode.SHIFT);
        Action.Key shiftA = fx.recorder.await(Action.Key.class, k -> k.phase() == KeyPhase.DOWN && "A".equals(k.key()));
        assertThat(shiftA.shift()).isTrue();
        // The game really heard the person (trusted events): the agent only listened.
        assertThat(heard()).contains("board:keydown:ArrowLeft:").contains(":false:true");
    }

    @Test
    void keysInAFieldOnAButtonOrWithCtrlAreNotKeys() throws Exception {
        clickOn("#name");
        awaitFocusOn("name");
        robot.write("ab");
        robot.press(KeyCode.LEFT).release(KeyCode.LEFT);
        clickOn("#board");
        awaitFocusOn("board");
        robot.press(KeyCode.CONTROL).type(KeyCode.S).release(KeyCode.CONTROL);
        // the start button focused by the keyboard: Space on it is its click, never a key
        fx.eval("document.getElementById('start').focus()");
        awaitFocusOn("start");
        robot.type(KeyCode.SPACE);
        List<Action> before = untilStartClicked();
        assertThat(before).anyMatch(a -> a instanceof Action.Input i && "ab".equals(i.value()));
        assertThat(before).noneMatch(a -> a instanceof Action.Key);
    }

    @Test
    void onASiteThatSharesNothingTypedNoKeyTravels() throws Exception {
        privacy.setPolicy("127.0.0.1", SitePolicy.NOTHING_TYPED);
        clickOn("#board");
        awaitFocusOn("board");
        robot.type(KeyCode.RIGHT);
        WaitForAsyncUtils.waitFor(BrowserFixture.WAIT_S, TimeUnit.SECONDS, () -> heard().contains("board:keyup:ArrowRight"));
        assertThat(untilStartClicked()).noneMatch(a -> a instanceof Action.Key);
    }

    @Test
    void anAppliedKeyReachesTheCanvasOrThePageAndNeverAField() throws Exception {
        String page = fx.url("/keys.html");
        assertThat(apply(new Action.Key(page, "", "#board", "ArrowUp", "ArrowUp", KeyPhase.DOWN, false))).isEqualTo(ApplyResult.ok());
        assertThat(apply(new Action.Key(page, "", "#board", "ArrowUp", "ArrowUp", KeyPhase.UP, false))).isEqualTo(ApplyResult.ok());
        assertThat(apply(new Action.Key(page, "", null, "p", "KeyP", KeyPhase.DOWN, true))).isEqualTo(ApplyResult.ok());
        assertThat(heard()).isEqualTo("board:keydown:ArrowUp:ArrowUp:false:false | board:keyup:ArrowUp:ArrowUp:false:false"
                + " | page:keydown:p:KeyP:true:false | page:keypress:p:KeyP:true:false");
        // Aimed at a field (a sender that lies about the surface): refused, the field untouched.
        fx.eval("document.getElementById('name').focus()");
        ApplyResult atField = apply(new Action.Key(page, "", "#name", "x", "KeyX", KeyPhase.DOWN, false));
        assertThat(atField.applied()).isFalse();
        assertThat(atField.reason()).isIn(ApplyResult.REFUSED, ApplyResult.PRIVATE_FIELD);
        assertThat(fx.eval("document.getElementById('name').value")).isEqualTo("\"\"");
        ApplyResult atButton = apply(new Action.Key(page, "", "#start", "Enter", "Enter", KeyPhase.DOWN, false));
        assertThat(atButton.applied()).isFalse();
        assertThat(heard()).doesNotContain("name:").doesNotContain("start:");
        // Nothing the agent dispatched came back as captured keys.
        assertThat(fx.recorder.drain(300)).noneMatch(a -> a instanceof Action.Key);
    }
}
