package dev.companion.app.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.companion.app.follow.ApplyResult;
import dev.companion.demo.shop.ShopServer;
import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.Codec;
import dev.companion.p2p.protocol.MediaOp;
import dev.companion.p2p.protocol.Messages.MediaState;
import dev.companion.p2p.protocol.Messages.PageState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.scene.input.MouseButton;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Audio/video with the real embedded Chromium and the demo shop's film (/video, 5 s WebM): real
 * clicks on the native controls are captured as media actions; applying them plays, pauses, seeks
 * and changes the rate without echo, also for an unmuted video (autoplay policy); snapshots and
 * restore carry the position.
 */
class MediaActionTest {
    private static final FxRobot robot = new FxRobot();
    private static BrowserFixture fx;
    private static ShopServer shop;

    @BeforeAll
    static void start() throws Exception {
        fx = BrowserFixture.start("/page.html");
        shop = ShopServer.start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() throws Exception {
        if (shop != null) {
            shop.close();
        }
        if (fx != null) {
            fx.close();
        }
    }

    @BeforeEach
    void freshFilm() throws Exception {
        fx.loadUrlAndWait(shop.url("/video"));
        waitUntil("film.readyState >= 1");
        fx.recorder.actions.clear();
    }

    private static void waitUntil(String jsCondition) throws Exception {
        WaitForAsyncUtils.waitFor(BrowserFixture.WAIT_S, TimeUnit.SECONDS, () -> "true".equals(fx.eval(jsCondition)));
    }

    private static JsonNode film() throws Exception {
        return Codec.mapper().readTree(fx.eval(
                "({time: film.currentTime, paused: film.paused, rate: film.playbackRate, muted: film.muted})"));
    }

    private static Action media(MediaOp op, double time, Double rate) {
        return new Action.Media(shop.url("/video"), "", "#film", op, time, rate);
    }

    private static ApplyResult apply(Action a) throws Exception {
        return fx.view.apply(a).get(BrowserFixture.WAIT_S, TimeUnit.SECONDS);
    }

    private static Action.Media awaitMedia(MediaOp op) throws InterruptedException {
        return awaitMedia(op, new ArrayList<>());
    }

    private static Action.Media awaitMedia(MediaOp op, List<Action> skipped) throws InterruptedException {
        return fx.recorder.await(Action.Media.class, a -> a.op() == op, skipped);
    }

    @Test
    void realClicksOnTheControlsAreCapturedAsMediaActions() throws Exception {
        List<Action> others = new ArrayList<>();
        Point2D centre = fx.screenPointOf("#film");
        robot.moveTo(centre);
        robot.clickOn(MouseButton.PRIMARY); // a click on the picture toggles playing
        Action.Media play = awaitMedia(MediaOp.PLAY, others);
        assertThat(play.selector()).isEqualTo("#film");
        assertThat(play.page()).isEqualTo(shop.url("/video"));
        assertThat(play.time()).isCloseTo(0.0, within(0.3));
        assertThat(play.rate()).isEqualTo(1.0);
        waitUntil("film.currentTime > 0.5");
        robot.clickOn(MouseButton.PRIMARY);
        Action.Media pause = awaitMedia(MediaOp.PAUSE, others);
        assertThat(pause.time()).isGreaterThan(0.5);
        assertThat(film().get("paused").asBoolean()).isTrue();

        // The timeline runs along the bottom of the controls: its middle is the film's middle.
        double height = Codec.mapper().readTree(fx.eval("film.getBoundingClientRect().height")).asDouble();
        robot.moveTo(new Point2D(centre.getX(), centre.getY() + height / 2 - 15));
        robot.clickOn(MouseButton.PRIMARY);
        Action.Media seek = awaitMedia(MediaOp.SEEK, others);
        assertThat(seek.time()).isCloseTo(2.5, within(0.3));
        assertThat(film().get("time").asDouble()).isCloseTo(seek.time(), within(0.01));

        // No native control for the rate here: the page's own script (a custom player) changes it.
        fx.eval("(film.playbackRate = 2, true)");
        Action.Media rate = awaitMedia(MediaOp.RATE, others);
        assertThat(rate.rate()).isEqualTo(2.0);

        // Clicks on the video itself are covered by the media actions: none was sent. (Scrolls are the
        // test bringing the film into view.)
        others.addAll(fx.recorder.drain(500));
        assertThat(others).allMatch(a -> a instanceof Action.Scroll, "only scrolls besides the media actions");
    }

    @Test
    void applyingPlaysSeeksPausesAndSetsTheRateWithoutEcho() throws Exception {
        fx.eval("(film.muted = false, true)"); // a film with sound: needs the autoplay switch
        assertThat(apply(media(MediaOp.PLAY, 2.0, 1.0))).isEqualTo(ApplyResult.ok());
        JsonNode now = film();
        assertThat(now.get("paused").asBoolean()).isFalse();
        assertThat(now.get("muted").asBoolean()).isFalse();
        assertThat(now.get("time").asDouble()).isBetween(1.9, 3.5);
        waitUntil("film.currentTime > 2.2"); // it really plays

        assertThat(apply(media(MediaOp.PAUSE, 1.0, null))).isEqualTo(ApplyResult.ok());
        now = film();
        assertThat(now.get("paused").asBoolean()).isTrue();
        assertThat(now.get("time").asDouble()).isCloseTo(1.0, within(0.05));

        assertThat(apply(media(MediaOp.SEEK, 4.0, null))).isEqualTo(ApplyResult.ok());
        waitUntil("!film.seeking");
        now = film();
        assertThat(now.get("time").asDouble()).isCloseTo(4.0, within(0.05));
        assertThat(now.get("paused").asBoolean()).isTrue();

        // Within half a second of where it is: no seek (a follower is never jerked back for lag).
        assertThat(apply(media(MediaOp.SEEK, 4.3, null))).isEqualTo(ApplyResult.ok());
        assertThat(film().get("time").asDouble()).isCloseTo(4.0, within(0.05));

        assertThat(apply(media(MediaOp.RATE, 4.0, 1.5))).isEqualTo(ApplyResult.ok());
        assertThat(film().get("rate").asDouble()).isEqualTo(1.5);

        // None of what applying caused (play, seeked, pause, ratechange) comes back as an action.
        assertThat(fx.recorder.drain(1500)).isEmpty();
        // But the user's own change right after is captured again.
        fx.eval("(film.currentTime = 1, true)");
        assertThat(awaitMedia(MediaOp.SEEK).time()).isCloseTo(1.0, within(0.05));
    }

    @Test
    void mediaActionsOnWrongTargetsFail() throws Exception {
        assertThat(apply(new Action.Media(shop.url("/video"), "", "h1", MediaOp.PLAY, 0.0, null)))
                .isEqualTo(ApplyResult.failed(ApplyResult.REFUSED));
        assertThat(apply(new Action.Media(shop.url("/video"), "", "#no-film", MediaOp.PLAY, 0.0, null)).reason())
                .isEqualTo(ApplyResult.TARGET_NOT_FOUND);
        assertThat(film().get("paused").asBoolean()).isTrue();
        // A film that cannot play reports it.
        fx.eval("(() => { const v = document.createElement('video'); v.id = 'broken'; v.src = '/no-such-film.webm';"
                + " document.body.appendChild(v); return true; })()");
        waitUntil("document.getElementById('broken').error !== null");
        assertThat(apply(new Action.Media(shop.url("/video"), "", "#broken", MediaOp.PLAY, 0.0, null)))
                .isEqualTo(ApplyResult.failed(ApplyResult.MEDIA_ERROR));
    }

    @Test
    void snapshotAndRestoreCarryTheFilmsPosition() throws Exception {
        fx.eval("(film.currentTime = 3, film.playbackRate = 1.25, true)");
        waitUntil("!film.seeking && film.currentTime === 3");
        PageState s = fx.view.snapshot().get(BrowserFixture.WAIT_S, TimeUnit.SECONDS);
        assertThat(s.media()).containsExactly(new MediaState("", "#film", 3.0, true, 1.25));

        // A follower that joins while the leader's film plays from 2 s.
        PageState playing = new PageState(s.url(), List.of(), 0, 0, List.of(new MediaState("", "#film", 2.0, false, 1.0)));
        fx.loadUrlAndWait(shop.url("/video"));
        fx.recorder.actions.clear();
        assertThat(fx.view.restore(playing).get(BrowserFixture.WAIT_S, TimeUnit.SECONDS)).isEqualTo(ApplyResult.ok());
        JsonNode now = film();
        assertThat(now.get("paused").asBoolean()).isFalse();
        assertThat(now.get("time").asDouble()).isBetween(1.9, 3.5);
        assertThat(now.get("rate").asDouble()).isEqualTo(1.0);
        assertThat(fx.recorder.drain(1000)).noneMatch(a -> a instanceof Action.Media);

        // A film that is missing here is counted, not fatal.
        PageState missing = new PageState(s.url(), List.of(), 0, 0, List.of(new MediaState("", "#other-film", 1.0, true, 1.0)));
        assertThat(fx.view.restore(missing).get(BrowserFixture.WAIT_S, TimeUnit.SECONDS))
                .isEqualTo(ApplyResult.failed("1 media not found"));
    }
}
