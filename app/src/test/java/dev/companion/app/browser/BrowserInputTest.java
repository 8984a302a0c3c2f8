package dev.companion.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.Codec;
import dev.companion.p2p.protocol.NavigationCause;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.geometry.VerticalDirection;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Real input through the JavaFX window (TestFX glass robot): it reaches the page, and the agent
 * captures it as actions with good selectors; private fields send nothing.
 */
class BrowserInputTest {
    private static BrowserFixture fx;
    private static final FxRobot robot = new FxRobot();
    private static volatile long lastReleaseNanos;
    private static final List<Long> clickLatencyMicros = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        fx = BrowserFixture.start("/page.html");
        fx.view.node().addEventFilter(MouseEvent.MOUSE_RELEASED, e -> lastReleaseNanos = System.nanoTime());
    }

    @AfterAll
    static void stop() throws Exception {
        if (!clickLatencyMicros.isEmpty()) {
            List<Long> sorted = new ArrayList<>(clickLatencyMicros);
            sorted.sort(null);
            System.out.printf("JavaFX mouse release -> onAction(click) (%d clicks): median %.1f ms, max %.1f ms%n",
                    sorted.size(), sorted.get(sorted.size() / 2) / 1000.0, sorted.get(sorted.size() - 1) / 1000.0);
        }
        if (fx != null) {
            FramePainter p = ((OsrBrowserView) fx.view).painter();
            System.out.printf("paints %d, uploads %d, mean upload %d us%n", p.paints(), p.uploads(), p.meanUploadMicros());
            fx.close();
        }
    }

    @BeforeEach
    void freshPage() throws Exception {
        fx.loadAndWait("/page.html");
        fx.recorder.actions.clear();
    }

    private static void click(Point2D at) {
        robot.moveTo(at);
        robot.clickOn(MouseButton.PRIMARY);
    }

    /**
     * Waits until the expression's JSON is expected. Real input reaches the page on its own way
     * (JavaFX, AWT, Chromium's input route), not ordered with the evaluations that read the page.
     */
    private static void awaitPage(String js, String expected) throws Exception {
        String[] last = {null};
        try {
            WaitForAsyncUtils.waitFor(BrowserFixture.WAIT_S, TimeUnit.SECONDS, () -> expected.equals(last[0] = fx.eval(js)));
        } catch (java.util.concurrent.TimeoutException e) {
            assertThat(last[0]).as(js).isEqualTo(expected);
        }
    }

    private static Action awaitClick(String selector) throws InterruptedException {
        BrowserFixture.Recorder.Captured c = fx.recorder.await(a -> a instanceof Action.Click);
        BrowserFixture.assertNotFxThread(c);
        assertThat(((Action.Click) c.action()).selector()).isEqualTo(selector);
        clickLatencyMicros.add((c.nanos() - lastReleaseNanos) / 1000);
        return c.action();
    }

    @Test
    void aRealClickReachesThePageAndIsCaptured() throws Exception {
        for (int i = 0; i < 5; i++) {
            fx.eval("document.getElementById('out').textContent = ''");
            click(fx.screenPointOf("#go"));
            Action a = awaitClick("#go");
            assertThat(a.page()).isEqualTo(fx.url("/page.html"));
            assertThat(a.frame()).isEmpty();
            assertThat(fx.evalString("document.getElementById('out').textContent")).isEqualTo("clicked");
        }
        // A button without id or name: an nth-of-type path that finds exactly it.
        click(fx.screenPointOf("ul li:nth-of-type(2) button"));
        Action.Click b = fx.recorder.await(Action.Click.class);
        assertThat(b.selector()).isEqualTo("html > body > ul > li:nth-of-type(2) > button");
        assertThat(fx.evalString("document.getElementById('out').textContent")).isEqualTo("B");
    }

    @Test
    void typingGivesInputActionsAndEditingKeysWork() throws Exception {
        click(fx.screenPointOf("#name"));
        robot.write("hello");
        Action.Input last = fx.recorder.await(Action.Input.class, a -> "hello".equals(a.value()));
        assertThat(last.selector()).isEqualTo("#name");
        assertThat(last.page()).isEqualTo(fx.url("/page.html"));
        robot.type(KeyCode.BACK_SPACE);
        fx.recorder.await(Action.Input.class, a -> "hell".equals(a.value()));
        robot.type(KeyCode.HOME);
        robot.write("x");
        fx.recorder.await(Action.Input.class, a -> "xhell".equals(a.value()));
        robot.type(KeyCode.END);
        robot.type(KeyCode.LEFT);
        robot.type(KeyCode.DELETE);
        fx.recorder.await(Action.Input.class, a -> "xhel".equals(a.value()));
        robot.write("p 42");
        fx.recorder.await(Action.Input.class, a -> "xhelp 42".equals(a.value()));
        assertThat(fx.evalString("document.getElementById('name').value")).isEqualTo("xhelp 42");
        // Ctrl+A selects all, so the next character replaces it.
        robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL);
        robot.write("z");
        fx.recorder.await(Action.Input.class, a -> "z".equals(a.value()));
        // Tab moves the focus inside the page, not out of the browser view.
        robot.type(KeyCode.TAB);
        WaitForAsyncUtils.waitFor(BrowserFixture.WAIT_S, TimeUnit.SECONDS,
                () -> "pw".equals(fx.evalString("document.activeElement.id")));
        assertThat(fx.view.node().isFocused()).isTrue();
        // No click actions for clicks into text fields.
        assertThat(fx.recorder.drain(300)).noneMatch(a -> a instanceof Action.Click);
    }

    @Test
    void privateFieldsSendNothing() throws Exception {
        for (String selector : List.of("#pw", "#secret", "#card")) {
            click(fx.screenPointOf(selector));
            robot.write("secret1");
        }
        awaitPage("['pw', 'secret', 'card'].map(id => document.getElementById(id).value)",
                "[\"secret1\",\"secret1\",\"secret1\"]");
        // Shown as text by the page ("show password"): still private.
        fx.eval("document.getElementById('pw').type = 'text'");
        click(fx.screenPointOf("#pw"));
        robot.write("2");
        awaitPage("document.getElementById('pw').value", "\"secret12\"");
        // A marker typed into a normal field afterwards: everything before it has arrived by then.
        click(fx.screenPointOf("#name"));
        robot.write("m");
        List<Action> before = new ArrayList<>();
        fx.recorder.await(Action.Input.class, a -> "#name".equals(a.selector()), before);
        assertThat(before).allMatch(a -> a instanceof Action.Scroll); // bringing the fields into view scrolls
    }

    @Test
    void nothingInASignInFormTravels() throws Exception {
        click(fx.screenPointOf("#signin-user"));
        robot.write("alice");
        click(fx.screenPointOf("#signin-pass"));
        robot.write("alice-pass");
        robot.type(KeyCode.ENTER);
        awaitPage("document.getElementById('out').textContent", "\"signed-in\"");
        // A marker typed into a normal field afterwards: everything before it has arrived by then.
        click(fx.screenPointOf("#name"));
        robot.write("m");
        List<Action> before = new ArrayList<>();
        fx.recorder.await(Action.Input.class, a -> "#name".equals(a.selector()), before);
        // the sign-in itself travels only as the person's own press (owner_only), with nothing typed
        assertThat(before).as("no input or click from the sign-in form")
                .allMatch(a -> a instanceof Action.Scroll || a instanceof Action.Submit s && s.markedOwnerOnly());
        assertThat(before).filteredOn(a -> a instanceof Action.Submit).hasSize(1);
        for (Action a : before) {
            assertThat(Codec.mapper().writeValueAsString(a)).doesNotContain("alice");
        }
    }

    @Test
    void togglesAndSelectsAreChangesNotClicks() throws Exception {
        click(fx.screenPointOf("#agree"));
        List<Action> before = new ArrayList<>();
        Action.Change change = fx.recorder.await(Action.Change.class, a -> true, before);
        assertThat(change.selector()).isEqualTo("#agree");
        assertThat(change.checked()).isTrue();
        click(fx.screenPointOf("label[for=agree]"));
        Action.Change off = fx.recorder.await(Action.Change.class, a -> true, before);
        assertThat(off.checked()).isFalse();
        assertThat(before).noneMatch(a -> a instanceof Action.Click);
    }

    @Test
    void enterInAFormSubmitsIt() throws Exception {
        click(fx.screenPointOf("#f input[name=q]"));
        robot.write("dogs");
        Action.Input typed = fx.recorder.await(Action.Input.class, a -> "dogs".equals(a.value()));
        assertThat(typed.selector()).isEqualTo("#f input[name=\"q\"]");
        fx.recorder.clearReady();
        robot.type(KeyCode.ENTER);
        Action.Submit submit = fx.recorder.await(Action.Submit.class);
        assertThat(submit.selector()).isEqualTo("#f");
        fx.recorder.awaitReady(fx.url("/submitted.html?q=dogs&go2="), ""); // implicit submission uses the default button
        Action.Navigate nav = fx.recorder.await(Action.Navigate.class);
        assertThat(nav.cause()).isEqualTo(NavigationCause.PAGE);
        assertThat(nav.url()).isEqualTo(fx.url("/submitted.html?q=dogs&go2="));
    }

    @Test
    void clickingTheSubmitButtonIsASubmitWithSubmitter() throws Exception {
        click(fx.screenPointOf("#f button"));
        List<Action> before = new ArrayList<>();
        Action.Submit submit = fx.recorder.await(Action.Submit.class, a -> true, before);
        assertThat(submit.selector()).isEqualTo("#f");
        assertThat(submit.submitter()).isEqualTo("#f button[name=\"go2\"]");
        assertThat(before).noneMatch(a -> a instanceof Action.Click);
        fx.recorder.awaitReady(fx.url("/submitted.html?q=&go2="), "");
    }

    @Test
    void wheelScrollsThePageAndIsCapturedThrottled() throws Exception {
        robot.moveTo(fx.screenPointOf("#h"));
        robot.scroll(5, VerticalDirection.DOWN);
        Action.Scroll scroll = fx.recorder.await(Action.Scroll.class);
        assertThat(scroll.selector()).isNull();
        assertThat(scroll.y()).isPositive();
        WaitForAsyncUtils.waitFor(BrowserFixture.WAIT_S, TimeUnit.SECONDS,
                () -> Double.parseDouble(fx.eval("window.scrollY")) > 0);
        // The last captured position is where the page is (once the throttled capture of the last
        // movement has arrived: it may come later than any fixed wait on a busy machine).
        Action.Scroll[] lastScroll = {scroll};
        try {
            WaitForAsyncUtils.waitFor(BrowserFixture.WAIT_S, TimeUnit.SECONDS, () -> {
                fx.recorder.drain(100).stream().filter(a -> a instanceof Action.Scroll)
                        .forEach(a -> lastScroll[0] = (Action.Scroll) a);
                return lastScroll[0].y() == Double.parseDouble(fx.eval("window.scrollY"));
            });
        } catch (java.util.concurrent.TimeoutException e) {
            assertThat(lastScroll[0].y()).as("last captured scroll").isEqualTo(Double.parseDouble(fx.eval("window.scrollY")));
        }
        // An element's own scrolling carries its selector.
        robot.moveTo(fx.screenPointOf("#box"));
        robot.scroll(2, VerticalDirection.DOWN);
        Action.Scroll box = fx.recorder.await(Action.Scroll.class, a -> a.selector() != null);
        assertThat(box.selector()).isEqualTo("#box");
        assertThat(box.y()).isPositive();
    }

    @Test
    void actionsInsideAFrameCarryItsPath() throws Exception {
        fx.recorder.clearReady();
        fx.view.load(fx.url("/frames.html"));
        fx.recorder.awaitReady(fx.url("/inner.html"), "0");
        fx.recorder.actions.clear();
        click(fx.screenPointOf("#child", "document.getElementById('inner')"));
        Action.Click click = fx.recorder.await(Action.Click.class);
        assertThat(click.frame()).isEqualTo("0");
        assertThat(click.selector()).isEqualTo("#inner");
        assertThat(click.page()).isEqualTo(fx.url("/inner.html"));
        assertThat(fx.evalString("document.getElementById('child').contentDocument.getElementById('out').textContent"))
                .isEqualTo("inner clicked");
        click(fx.screenPointOf("#child", "document.getElementById('innerText')"));
        robot.write("abc");
        Action.Input input = fx.recorder.await(Action.Input.class, a -> "abc".equals(a.value()));
        assertThat(input.frame()).isEqualTo("0");
        assertThat(input.selector()).isEqualTo("#innerText");
    }

    @Test
    void aLinkToANewWindowOpensInTheSameView() throws Exception {
        fx.recorder.clearReady();
        click(fx.screenPointOf("#blank"));
        fx.recorder.awaitReady(fx.url("/page2.html"), "");
        WaitForAsyncUtils.waitFor(BrowserFixture.WAIT_S, TimeUnit.SECONDS,
                () -> fx.view.urlProperty().get().equals(fx.url("/page2.html")));
        Action.Click click = fx.recorder.await(Action.Click.class);
        assertThat(click.selector()).isEqualTo("#blank");
    }

    @Test
    void aSelectOpensItsPopupInTheImageAndAnOptionCanBeChosen() throws Exception {
        FramePainter painter = ((OsrBrowserView) fx.view).painter();
        click(fx.screenPointOf("#color"));
        WaitForAsyncUtils.waitFor(BrowserFixture.WAIT_S, TimeUnit.SECONDS, () -> painter.shownPopup() != null);
        java.awt.Rectangle popup = painter.shownPopup();
        // Three options of equal height: the middle of the third one is "blue".
        Point2D blue = WaitForAsyncUtils.asyncFx(() -> fx.view.node().localToScreen(
                popup.x + popup.width / 2.0, popup.y + popup.height * 5 / 6.0)).get(BrowserFixture.WAIT_S, TimeUnit.SECONDS);
        click(blue);
        Action.Change change = fx.recorder.await(Action.Change.class);
        assertThat(change.selector()).isEqualTo("#color");
        assertThat(change.value()).isEqualTo("blue");
        WaitForAsyncUtils.waitFor(BrowserFixture.WAIT_S, TimeUnit.SECONDS, () -> painter.shownPopup() == null);
    }
}
