package dev.companion.app.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.companion.app.follow.ApplyResult;
import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.NavigationCause;
import dev.companion.p2p.protocol.ProtocolException;
import dev.companion.p2p.protocol.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Applying received actions: each changes the page as expected, none comes back as a captured
 * action (no echo), private fields are refused, and hostile selectors and values stay data.
 */
class AgentApplyTest {
    private static BrowserFixture fx;
    private static final List<Long> applyMicros = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        fx = BrowserFixture.start("/page.html");
    }

    @AfterAll
    static void stop() throws Exception {
        if (!applyMicros.isEmpty()) {
            List<Long> sorted = new ArrayList<>(applyMicros);
            sorted.sort(null);
            System.out.printf("apply round trip (%d applies): median %d us, max %d us%n", sorted.size(),
                    sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1));
        }
        if (fx != null) {
            fx.close();
        }
    }

    @BeforeEach
    void freshPage() throws Exception {
        fx.loadAndWait("/page.html");
        fx.recorder.actions.clear();
    }

    private static String page() {
        return fx.url("/page.html");
    }

    private static ApplyResult apply(Action a) throws Exception {
        long t0 = System.nanoTime();
        ApplyResult r = fx.view.apply(a).get(BrowserFixture.WAIT_S, TimeUnit.SECONDS);
        applyMicros.add((System.nanoTime() - t0) / 1000);
        return r;
    }

    /**
     * Applying captures nothing of the agent's own doing. A navigation the applied action caused is
     * reported like every top-frame navigation, as the page's (never as a user command): the follow
     * engine's echo rule (PageTracker, PageTrackerTest) keeps it from being sent. Consequences arrive
     * asynchronously, so they get time to show up.
     */
    private static void assertNoEcho() throws InterruptedException {
        assertThat(fx.recorder.drain(1500)).allSatisfy(a -> assertThat(a)
                .isInstanceOfSatisfying(Action.Navigate.class, n -> assertThat(n.cause()).isEqualTo(NavigationCause.PAGE)));
    }

    @Test
    void inputSetsTheValueThroughTheNativeSetterWithoutEcho() throws Exception {
        assertThat(apply(new Action.Input(page(), "", "#name", "hello there")))
                .isEqualTo(ApplyResult.ok());
        assertThat(fx.evalString("document.getElementById('name').value")).isEqualTo("hello there");
        // The React-like field only notices values set through the element type's own setter.
        assertThat(apply(new Action.Input(page(), "", "#react", "typed by a friend")).applied()).isTrue();
        assertThat(fx.eval("window.reactSeen")).isEqualTo("[\"typed by a friend\"]");
        assertNoEcho();
    }

    @Test
    void changeSelectsOptionsAndTicksBoxes() throws Exception {
        assertThat(apply(new Action.Change(page(), "", "#color", "blue", null)).applied()).isTrue();
        assertThat(fx.evalString("document.getElementById('color').value")).isEqualTo("blue");
        assertThat(apply(new Action.Change(page(), "", "#color", "purple", null)))
                .isEqualTo(ApplyResult.failed(ApplyResult.BAD_VALUE, "no option 'purple'"));
        assertThat(fx.evalString("document.getElementById('color').value")).isEqualTo("blue");

        assertThat(apply(new Action.Change(page(), "", "#agree", null, true)).applied()).isTrue();
        assertThat(fx.eval("document.getElementById('agree').checked")).isEqualTo("true");
        assertThat(apply(new Action.Change(page(), "", "#agree", null, false)).applied()).isTrue();
        assertThat(fx.eval("document.getElementById('agree').checked")).isEqualTo("false");

        assertThat(apply(new Action.Change(page(), "", "#size-m", null, true)).applied()).isTrue();
        assertThat(fx.eval("document.getElementById('size-m').checked")).isEqualTo("true");
        assertNoEcho();
    }

    @Test
    void clickRunsThePagesHandler() throws Exception {
        assertThat(apply(new Action.Click(page(), "", "#go"))).isEqualTo(ApplyResult.ok());
        assertThat(fx.evalString("document.getElementById('out').textContent")).isEqualTo("clicked");
        // A position among look-alikes is not enough to press anything; evidence is.
        assertThat(apply(new Action.Click(page(), "", "html > body > ul > li:nth-of-type(2) > button")).reason())
                .isEqualTo(ApplyResult.WEAK_TARGET);
        assertThat(fx.evalString("document.getElementById('out').textContent")).isEqualTo("clicked");
        assertThat(apply(new Action.Click(page(), "", "html > body > ul > li:nth-of-type(1) > button",
                Target.of("button", "button", "B")))).isEqualTo(ApplyResult.ok());
        assertThat(fx.evalString("document.getElementById('out').textContent")).isEqualTo("B");
        assertNoEcho();
    }

    @Test
    void clickWaitsForATargetThatAppearsLater() throws Exception {
        fx.eval("setTimeout(() => { const b = document.createElement('button'); b.id = 'late';"
                + " b.onclick = () => { document.getElementById('out').textContent = 'late'; };"
                + " document.getElementById('later').appendChild(b); }, 700)");
        assertThat(apply(new Action.Click(page(), "", "#late")).applied()).isTrue();
        assertThat(fx.evalString("document.getElementById('out').textContent")).isEqualTo("late");
    }

    @Test
    void missingTargetsAndBadSelectorsFail() throws Exception {
        ApplyResult missing = apply(new Action.Click(page(), "", "#does-not-exist"));
        assertThat(missing.reason()).isEqualTo(ApplyResult.TARGET_NOT_FOUND);
        assertThat(missing.detail()).isEqualTo("no #does-not-exist within 5 s");
        assertThat(apply(new Action.Click(page(), "", "div[[[")))
                .isEqualTo(ApplyResult.failed(ApplyResult.BAD_SELECTOR));
        assertThat(apply(new Action.Input(page(), "", "#go", "text on a button")))
                .isEqualTo(ApplyResult.failed(ApplyResult.REFUSED));
        assertThat(apply(new Action.Click(page(), "7", "#go")))
                .isEqualTo(ApplyResult.failed(ApplyResult.NO_PAGE)); // no such frame
    }

    @Test
    void submitSubmitsTheFormWithItsSubmitterAndTheLoadIsNotEchoed() throws Exception {
        assertThat(apply(new Action.Input(page(), "", "#f input[name=\"q\"]", "cats")).applied()).isTrue();
        fx.recorder.clearReady();
        assertThat(apply(new Action.Submit(page(), "", "#f", "#f button[name=\"go2\"]")).applied()).isTrue();
        fx.recorder.awaitReady(fx.url("/submitted.html?q=cats&go2="), "");
        assertThat(fx.evalString("document.getElementById('query').textContent")).isEqualTo("?q=cats&go2=");
        assertNoEcho();
    }

    @Test
    void scrollMovesTheWindowAndElementsWithoutEcho() throws Exception {
        assertThat(apply(new Action.Scroll(page(), "", null, 0.0, 850.0)).applied()).isTrue();
        assertThat(fx.eval("window.scrollY")).isEqualTo("850");
        assertThat(apply(new Action.Scroll(page(), "", "#box", 0.0, 120.0)).applied()).isTrue();
        assertThat(fx.eval("document.getElementById('box').scrollTop")).isEqualTo("120");
        assertNoEcho();
    }

    @Test
    void clickOnALinkToANewWindowOpensItHereWithoutEcho() throws Exception {
        fx.recorder.clearReady();
        assertThat(apply(new Action.Click(page(), "", "#blank"))).isEqualTo(ApplyResult.ok());
        fx.recorder.awaitReady(fx.url("/page2.html"), "");
        assertNoEcho();
    }

    @Test
    void navigateLoadsTheUrlWithoutEcho() throws Exception {
        fx.recorder.clearReady();
        assertThat(apply(Action.navigate(fx.url("/page2.html"), NavigationCause.PAGE)).applied()).isTrue();
        fx.recorder.awaitReady(fx.url("/page2.html"), "");
        assertThat(fx.evalString("document.getElementById('h').textContent")).isEqualTo("Second");
        assertNoEcho();
        // Only http(s): the Action record already refuses anything else.
        assertThatThrownBy(() -> Action.navigate("javascript:alert(1)", NavigationCause.PAGE)).isInstanceOf(ProtocolException.class);
    }

    @Test
    void privateFieldsAreRefused() throws Exception {
        for (String selector : List.of("#pw", "#secret", "#card", "#upload", "#signin-user", "#signin")) {
            assertThat(apply(new Action.Input(page(), "", selector, "stolen?")))
                    .as(selector).isEqualTo(ApplyResult.failed(ApplyResult.PRIVATE_FIELD));
            assertThat(apply(new Action.Click(page(), "", selector)))
                    .as(selector).isEqualTo(ApplyResult.failed(ApplyResult.PRIVATE_FIELD));
        }
        // A sign-in form (it has a password field) is not submitted for anyone either: it is the
        // person's own to press (outlined, answered owner-only), never a press made for them.
        assertThat(apply(new Action.Submit(page(), "", "#signin", null)))
                .isEqualTo(ApplyResult.failed(ApplyResult.OWNER_ONLY, "sensitive form 'Sign in'"));
        assertThat(fx.evalString("document.getElementById('signin-user').value")).isEmpty();
        assertThat(fx.eval("['pw', 'secret', 'card'].map(id => document.getElementById(id).value)"))
                .isEqualTo("[\"\",\"\",\"\"]");
        // A password field switched to type=text (a "show password" button) stays private.
        fx.eval("document.getElementById('pw').type = 'text'");
        assertThat(apply(new Action.Input(page(), "", "#pw", "stolen?")))
                .isEqualTo(ApplyResult.failed(ApplyResult.PRIVATE_FIELD));
    }

    @Test
    void hostileSelectorsAndValuesStayData() throws Exception {
        fx.eval("window.pwned = false");
        String[] selectors = {
            "#name'); window.pwned = true; ('",
            "#name\"); window.pwned = true; (\"",
            "\"]'); window.pwned=true;//",
            "</script><script>window.pwned=true</script>",
            "#name`${window.pwned = true}`",
            "img[src=x][onerror=\"window.pwned=true\"]",
        };
        for (String s : selectors) {
            ApplyResult r = apply(new Action.Click(page(), "", s));
            assertThat(r.applied()).as(s).isFalse();
        }
        String value = "\"); window.pwned = true; //</script><img src=x onerror=\"window.pwned=true\">${window.pwned=true}\u2028'";
        assertThat(apply(new Action.Input(page(), "", "#name", value)).applied()).isTrue();
        assertThat(fx.evalString("document.getElementById('name').value")).isEqualTo(value);
        assertThat(apply(new Action.Submit(page(), "", "#f", "'); window.pwned = true; ('"))
                .applied()).isTrue(); // bad submitter is ignored, the form is still submitted
        fx.recorder.awaitReady(fx.url("/submitted.html?q="), "");
        fx.loadAndWait("/page.html");
        fx.eval("window.pwned = false");
        assertThat(apply(new Action.Input(page(), "", "#name", value)).applied()).isTrue();
        assertThat(fx.eval("window.pwned")).isEqualTo("false");
        assertThat(fx.eval("document.querySelectorAll('img').length")).isEqualTo("0");
    }

    @Test
    void actionsApplyInsideSameOriginFrames() throws Exception {
        fx.recorder.clearReady();
        fx.view.load(fx.url("/frames.html"));
        fx.recorder.awaitReady(fx.url("/inner.html"), "0");
        fx.recorder.actions.clear();
        Action click = new Action.Click(fx.url("/inner.html"), "0", "#inner");
        assertThat(apply(click)).isEqualTo(ApplyResult.ok());
        assertThat(fx.evalString("document.getElementById('child').contentDocument.getElementById('out').textContent"))
                .isEqualTo("inner clicked");
        Action input = new Action.Input(fx.url("/inner.html"), "0", "#innerText", "in the frame");
        assertThat(apply(input).applied()).isTrue();
        assertThat(fx.evalString("document.getElementById('child').contentDocument.getElementById('innerText').value"))
                .isEqualTo("in the frame");
        // The top frame has no #inner: the path decides where an action goes.
        Action wrongFrame = new Action.Click(fx.url("/frames.html"), "", "#inner");
        assertThat(apply(wrongFrame).reason()).isEqualTo(ApplyResult.TARGET_NOT_FOUND);
        assertNoEcho();
    }

    @Test
    void actionsApplyInsideCrossOriginFrames() throws Exception {
        fx.recorder.clearReady();
        fx.view.load(fx.url("/cross.html"));
        String inner = fx.url("/inner.html").replace("127.0.0.1", "localhost");
        fx.recorder.awaitReady(inner, "0");
        fx.recorder.actions.clear();
        Action click = new Action.Click(inner, "0", "#inner");
        // its place in the top page cannot be read from a frame of another origin: a DOM click, said so
        assertThat(apply(click)).isEqualTo(new ApplyResult(true, null, "dom-event: in a frame of another origin"));
        Action input = new Action.Input(inner, "0", "#innerText", "far away");
        assertThat(apply(input)).isEqualTo(ApplyResult.ok());
        org.testfx.util.WaitForAsyncUtils.waitFor(BrowserFixture.WAIT_S, TimeUnit.SECONDS,
                () -> fx.eval("window.messages").equals("[\"click\",\"input:far away\"]"));
        assertNoEcho();
    }

    @Test
    void thePageCanNeitherReplaceTheRouteToTheAppNorSendWithoutTheToken() throws Exception {
        // The router function has a random name and is read-only.
        String route = "Object.getOwnPropertyNames(window).find(k => /^_cq[0-9a-f]+$/.test(k))";
        assertThat(fx.eval("(() => { const n = " + route + "; const f = window[n]; window[n] = () => 0;"
                + " return window[n] === f && !Object.getOwnPropertyDescriptor(window, n).writable; })()")).isEqualTo("true");
        // A page that calls it directly, without the agent's token, is ignored.
        fx.eval("(() => { const q = window[" + route + "];"
                + " q({request: JSON.stringify({t: 'action', a: {kind: 'click', selector: '#go'}}), onSuccess() {}, onFailure() {}});"
                + " q({request: JSON.stringify({k: 'guess', t: 'action', a: {kind: 'click', selector: '#go'}}), onSuccess() {}, onFailure() {}}); })()");
        assertThat(fx.recorder.drain(700)).isEmpty();
    }
}
