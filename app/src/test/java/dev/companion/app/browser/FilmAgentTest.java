package dev.companion.app.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.companion.app.follow.film.FilmReading;
import dev.companion.app.follow.film.FilmRequest;
import dev.companion.demo.shop.ShopServer;
import dev.companion.p2p.protocol.Action;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.input.MouseButton;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Film night's page agent part (66-media.js) in the real embedded Chromium on the shop's film night
 * page (a 70 s feature and a trailer that plays by itself): the page's own film is the one a person
 * started, not the first video nor the one playing by itself; the leader's film is found by its
 * source where the selector names the trailer; steering sets the rate, seeks, pauses and plays
 * without any of it being captured as the person's.
 */
class FilmAgentTest {
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

    private static void waitUntil(String jsCondition) throws Exception {
        WaitForAsyncUtils.waitFor(BrowserFixture.WAIT_S, TimeUnit.SECONDS, () -> "true".equals(fx.eval(jsCondition)));
    }

    private static FilmReading film(FilmRequest r) throws Exception {
        return fx.view.film(r).get(BrowserFixture.WAIT_S, TimeUnit.SECONDS);
    }

    @Test
    void thePersonsFilmIsFoundAndTheLeadersFilmByItsSourceAndSteeredUncaptured() throws Exception {
        fx.loadUrlAndWait(shop.url("/film-night"));
        waitUntil("!document.querySelector('video.trailer').paused"); // the trailer plays by itself
        waitUntil("document.querySelector('video.feature').readyState >= 1");
        assertThat(fx.eval("Math.round(document.querySelector('video.feature').duration)")).isEqualTo("70");
        assertThat(film(FilmRequest.OWN).found()).as("nobody started a film yet").isFalse();

        robot.moveTo(fx.screenPointOf("video.feature"));
        robot.clickOn(MouseButton.PRIMARY); // a person starts the feature
        waitUntil("document.querySelector('video.feature').currentTime > 0.3");
        FilmReading own = film(FilmRequest.OWN);
        assertThat(own.found()).isTrue();
        assertThat(own.src()).isEqualTo("/media/film-long.webm");
        assertThat(own.paused()).isFalse();
        assertThat(own.at()).isCloseTo(dev.companion.app.follow.film.FilmNight.systemMicros(), within(2_000_000L));
        String featureSelector = own.selector();
        // The leader's film by position: the second figure's video, the feature on the leader's page.
        String byPosition = "figure:nth-of-type(2) > video";
        assertThat(fx.evalString("(document.querySelector('video.feature').pause(), document.querySelector("
                + AgentScript.json(byPosition) + ").className)")).isEqualTo("feature");
        fx.recorder.actions.clear();

        // A member whose page has the trailer after the feature: the leader's selector may name another
        // element; the source decides.
        fx.eval("(document.cookie = 'film-lab=trailer:after; path=/', true)");
        fx.loadUrlAndWait(shop.url("/film-night"));
        waitUntil("document.querySelector('video.feature').readyState >= 3");
        fx.recorder.actions.clear();
        assertThat(fx.evalString("document.querySelector(" + AgentScript.json(byPosition) + ").className"))
                .as("here the same position is the trailer's").isEqualTo("trailer");
        FilmRequest leaders = new FilmRequest(byPosition, "/media/film-long.webm", null);
        FilmReading found = film(leaders);
        assertThat(found.found()).isTrue();
        assertThat(found.src()).isEqualTo("/media/film-long.webm");
        assertThat(fx.evalString("document.querySelector(" + AgentScript.json(found.selector()) + ").className"))
                .isEqualTo("feature");
        assertThat(film(new FilmRequest(featureSelector, "/media/other.webm", null)).reason()).isEqualTo("target-not-found");

        long at = dev.companion.app.follow.film.FilmNight.systemMicros();
        FilmReading steered = film(leaders.with(new FilmRequest.Command(1.05, 20.0, at, 1.0, true)));
        assertThat(steered.rate()).isEqualTo(1.05);
        assertThat(steered.paused()).isFalse();
        assertThat(steered.failed()).isNull();
        waitUntil("document.querySelector('video.feature').currentTime > 20.2");
        FilmReading paused = film(leaders.with(new FilmRequest.Command(1.0, null, null, null, false)));
        assertThat(paused.paused()).isTrue();
        assertThat(paused.rate()).isEqualTo(1.0);
        assertThat(paused.position()).isBetween(20.0, 30.0);
        // none of the steering came back as the person's media actions (the trailer's own autoplay may)
        List<Action> captured = new ArrayList<>(fx.recorder.drain(1000));
        assertThat(captured).noneMatch(a -> a instanceof Action.Media m && (m.target() == null
                || !"/media/film.webm".equals(m.target().attrs().get("src"))));
        // but the person's own pause and play of the feature still are
        fx.eval("(document.querySelector('video.feature').currentTime = 5, true)");
        fx.recorder.await(Action.Media.class, m -> m.op() == dev.companion.p2p.protocol.MediaOp.SEEK);

        // Two elements playing the leader's source: ambiguous, nothing steered.
        fx.eval("(() => { const v = document.createElement('video'); v.src = '/media/film-long.webm';"
                + " document.body.appendChild(v); return true; })()");
        waitUntil("document.querySelectorAll('video').length === 3 && document.querySelectorAll('video')[2].currentSrc !== ''");
        FilmReading twice = film(new FilmRequest("h1", "/media/film-long.webm", null));
        assertThat(twice.found()).isFalse();
        assertThat(twice.reason()).isEqualTo("ambiguous-target");
        assertThat(twice.detail()).contains("2 media elements");
        fx.eval("(document.cookie = 'film-lab=; path=/; max-age=0', true)");
    }
}
