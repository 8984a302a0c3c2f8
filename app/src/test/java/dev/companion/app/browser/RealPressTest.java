package dev.companion.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.app.follow.ApplyResult;
import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.NavigationCause;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * An applied click is real input (the page agent's 61-press.js, BrowserSurface.press): a page that
 * ignores clicks it did not get from a person ({@code if (!e.isTrusted) return}) is followed; a
 * target covered by something else (a cookie banner) is refused and nothing is pressed, on top or
 * underneath; the follower's own press is not captured (no echo); an owner-only step is still never
 * pressed; a target far down the page is scrolled to first; a same-origin frame's target is pressed
 * at its place in the top page; on a page already painted (the press goes without waiting for a
 * frame) a covered target and an owner-only step are refused all the same; the benchmark's DOM press
 * is a DOM click and says so.
 */
class RealPressTest {
    private static BrowserFixture fx;

    @BeforeAll
    static void start() throws Exception {
        fx = BrowserFixture.start("/press.html");
        fx.recorder.awaitReady(fx.url("/press-inner.html"), "0");
    }

    @AfterAll
    static void stop() throws Exception {
        if (fx != null) {
            fx.close();
        }
    }

    @BeforeEach
    void freshPage() throws Exception {
        fx.recorder.clearReady();
        fx.view.load(fx.url("/press.html"));
        fx.recorder.awaitReady(fx.url("/press.html"), "");
        fx.recorder.awaitReady(fx.url("/press-inner.html"), "0");
        fx.recorder.actions.clear();
    }

    private static String page() {
        return fx.url("/press.html");
    }

    private static ApplyResult apply(Action a) throws Exception {
        return fx.view.apply(a).get(BrowserFixture.WAIT_S, TimeUnit.SECONDS);
    }

    /** Nothing the follower's press caused comes back as a captured action (a navigation would, as the page's). */
    private static void assertNoEcho() throws InterruptedException {
        assertThat(fx.recorder.drain(1500)).allSatisfy(a -> assertThat(a)
                .isInstanceOfSatisfying(Action.Navigate.class, n -> assertThat(n.cause()).isEqualTo(NavigationCause.PAGE)));
    }

    @Test
    void onAPageDrawnLargerThePressStillLandsOnItsTargetAndTheZoomStaysAcrossPages() throws Exception {
        fx.view.setPageZoom(1.25);
        try {
            WaitForAsyncUtils.waitFor(BrowserFixture.WAIT_S, TimeUnit.SECONDS,
                    () -> "1.25".equals(fx.evalString("String(window.devicePixelRatio)")));
            assertThat(apply(new Action.Click(page(), "", "#strict"))).isEqualTo(ApplyResult.ok());
            assertThat(fx.evalString("document.getElementById('out').textContent")).isEqualTo("strict pressed");
            assertThat(fx.evalString("JSON.stringify(window.trusted)")).isEqualTo("[\"strict\"]");
            // another page of another site (localhost, not 127.0.0.1): Chromium's zoom is per site, ours is not
            fx.recorder.clearReady();
            String other = fx.url("/press.html").replace("127.0.0.1", "localhost");
            fx.view.load(other);
            fx.recorder.awaitReady(other, "");
            WaitForAsyncUtils.waitFor(BrowserFixture.WAIT_S, TimeUnit.SECONDS,
                    () -> "1.25".equals(fx.evalString("String(window.devicePixelRatio)")));
            assertThat(fx.evalString("location.hostname")).isEqualTo("localhost");
        } finally {
            fx.view.setPageZoom(1.0);
            WaitForAsyncUtils.waitFor(BrowserFixture.WAIT_S, TimeUnit.SECONDS,
                    () -> "1".equals(fx.evalString("String(window.devicePixelRatio)")));
        }
    }

    @Test
    void aPageThatIgnoresUntrustedClicksIsFollowedAndTheFollowersPressIsNotEchoed() throws Exception {
        assertThat(apply(new Action.Click(page(), "", "#strict"))).isEqualTo(ApplyResult.ok());
        assertThat(fx.evalString("document.getElementById('out').textContent")).isEqualTo("strict pressed");
        assertThat(fx.evalString("JSON.stringify(window.trusted)")).isEqualTo("[\"strict\"]");
        assertThat(fx.evalString("JSON.stringify(window.untrusted)")).isEqualTo("[]");
        assertNoEcho();
        // The same press by the person is captured: the no-echo above is the agent's rule, not deafness.
        Point2D p = WaitForAsyncUtils.asyncFx(() -> fx.view.node().localToScreen(0, 0)).get(5, TimeUnit.SECONDS);
        Point2D at = fx.screenPointOf("#strict");
        fx.view.userClick(at.getX() - p.getX(), at.getY() - p.getY());
        Action.Click own = fx.recorder.await(Action.Click.class);
        assertThat(own.target().name()).isEqualTo("Only trusted");
    }

    @Test
    void aCoveredTargetIsRefusedAndNothingIsPressedOnTopOrUnderneath() throws Exception {
        fx.eval("document.getElementById('banner').hidden = false");
        ApplyResult r = apply(new Action.Click(page(), "", "#under"));
        assertThat(r.applied()).isFalse();
        assertThat(r.reason()).isEqualTo(ApplyResult.COVERED);
        assertThat(r.detail()).startsWith("covered by div 'We use cookies.");
        assertThat(fx.evalString("JSON.stringify(window.trusted.concat(window.untrusted))")).isEqualTo("[]");
        assertNoEcho();
        // once the banner is gone, the same click is pressed
        fx.eval("document.getElementById('banner').hidden = true");
        assertThat(apply(new Action.Click(page(), "", "#under"))).isEqualTo(ApplyResult.ok());
        assertThat(fx.evalString("JSON.stringify(window.trusted)")).isEqualTo("[\"under\"]");
    }

    @Test
    void aPressThatWouldLandElsewhereIsStoppedBeforeThePageSeesIt() throws Exception {
        // The page puts its banner over the target after the agent checked the point and before the
        // button goes down: on the mouse move that comes first with every press.
        fx.eval("document.addEventListener('mousemove', (e) => {"
                + " if (e.isTrusted) { document.getElementById('banner').hidden = false; } }, true)");
        ApplyResult r = apply(new Action.Click(page(), "", "#strict"));
        assertThat(r.applied()).isFalse();
        assertThat(r.reason()).isEqualTo(ApplyResult.COVERED);
        assertThat(r.detail()).contains("the press landed on").contains("stopped");
        assertThat(fx.evalString("JSON.stringify(window.trusted.concat(window.untrusted))")).isEqualTo("[]");
        assertThat(fx.evalString("document.getElementById('out').textContent")).isEmpty();
    }

    @Test
    void anOwnerOnlyStepIsNeverPressed() throws Exception {
        ApplyResult r = apply(new Action.Click(page(), "", "#pay"));
        assertThat(r.describe()).isEqualTo("owner-only: payment 'Pay now'");
        assertThat(fx.evalString("JSON.stringify(window.trusted.concat(window.untrusted))")).isEqualTo("[]");
        assertNoEcho();
    }

    @Test
    void onAPageAlreadyPaintedAPressGoesAtOnceAndStillRefusesACoveredTargetAndAnOwnerOnlyStep() throws Exception {
        // The first press waited for the page's paint and a frame; the agent remembers it for this
        // document, so the presses below take the path without a wait.
        assertThat(apply(new Action.Click(page(), "", "#strict"))).isEqualTo(ApplyResult.ok());
        assertThat(apply(new Action.Click(page(), "", "#pay")).describe()).isEqualTo("owner-only: payment 'Pay now'");
        fx.eval("document.getElementById('banner').hidden = false");
        ApplyResult r = apply(new Action.Click(page(), "", "#under"));
        assertThat(r.reason()).isEqualTo(ApplyResult.COVERED);
        assertThat(r.detail()).startsWith("covered by div 'We use cookies.");
        fx.eval("document.getElementById('banner').hidden = true");
        // the page moves its banner over the target as the press goes down: stopped there
        fx.eval("document.addEventListener('mousemove', (e) => {"
                + " if (e.isTrusted) { document.getElementById('banner').hidden = false; } }, true)");
        r = apply(new Action.Click(page(), "", "#strict"));
        assertThat(r.reason()).isEqualTo(ApplyResult.COVERED);
        assertThat(r.detail()).contains("the press landed on").contains("stopped");
        assertThat(fx.evalString("JSON.stringify(window.trusted.concat(window.untrusted))")).isEqualTo("[\"strict\"]");
        assertNoEcho();
    }

    @Test
    void theBenchmarksDomPressIsADomClickAndSaysSo() throws Exception {
        fx.view.domPressForBenchmark(true);
        try {
            ApplyResult r = apply(new Action.Click(page(), "", "#under"));
            assertThat(r.applied()).isTrue();
            assertThat(r.detail()).isEqualTo("dom-event: no input route");
            assertThat(fx.evalString("JSON.stringify(window.untrusted)")).isEqualTo("[\"under\"]");
            assertThat(fx.evalString("JSON.stringify(window.trusted)")).isEqualTo("[]");
            // the owner-only check comes first and stays
            assertThat(apply(new Action.Click(page(), "", "#pay")).describe()).isEqualTo("owner-only: payment 'Pay now'");
        } finally {
            fx.view.domPressForBenchmark(false);
        }
    }

    @Test
    void aTargetFarDownThePageIsScrolledToAndPressedWithoutSendingTheScroll() throws Exception {
        assertThat(apply(new Action.Click(page(), "", "#far"))).isEqualTo(ApplyResult.ok());
        assertThat(fx.evalString("JSON.stringify(window.trusted)")).isEqualTo("[\"far\"]");
        assertThat(fx.eval("window.scrollY > 1000")).isEqualTo("true");
        assertNoEcho();
    }

    @Test
    void aButtonInsideALabelIsPressedItself() throws Exception {
        assertThat(apply(new Action.Click(page(), "", "#labelled"))).isEqualTo(ApplyResult.ok());
        assertThat(fx.evalString("JSON.stringify(window.trusted)")).isEqualTo("[\"labelled\"]");
    }

    @Test
    void aTargetInASameOriginFrameIsPressedAtItsPlaceInTheTopPage() throws Exception {
        String inner = fx.url("/press-inner.html");
        assertThat(apply(new Action.Click(inner, "0", "#innerStrict"))).isEqualTo(ApplyResult.ok());
        assertThat(fx.evalString("JSON.stringify(document.getElementById('child').contentWindow.trusted)"))
                .isEqualTo("[\"innerStrict\"]");
        assertThat(fx.evalString("JSON.stringify(window.trusted)")).isEqualTo("[]");
        assertNoEcho();
        // covered in the top page: refused, nothing pressed in the frame
        fx.eval("(() => { const b = document.getElementById('banner'); b.style.top = '0'; b.style.height = '100%';"
                + " b.hidden = false; })()");
        ApplyResult r = apply(new Action.Click(inner, "0", "#innerStrict"));
        assertThat(r.reason()).isEqualTo(ApplyResult.COVERED);
        assertThat(r.detail()).startsWith("its frame is covered by div 'We use cookies.");
        assertThat(fx.evalString("JSON.stringify(document.getElementById('child').contentWindow.trusted)"))
                .isEqualTo("[\"innerStrict\"]");
    }
}
