package dev.companion.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.companion.app.browser.BrowserView;
import dev.companion.testkit.HookClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javafx.geometry.Point2D;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Real input into the embedded page of the in-process terminal: finds an element's position with
 * JavaScript, then moves the OS-level robot there and clicks or types, like a person would.
 */
final class PageDriver {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final FxRobot robot;
    private final BrowserView view;

    PageDriver(FxRobot robot, BrowserView view) {
        this.robot = robot;
        this.view = view;
    }

    JsonNode eval(String js) {
        try {
            String raw = view.eval(js).get(10, TimeUnit.SECONDS);
            return raw == null || raw.isEmpty() ? JSON.nullNode() : JSON.readTree(raw);
        } catch (Exception e) {
            throw new IllegalStateException("eval failed: " + js, e);
        }
    }

    JsonNode awaitEval(String js, Predicate<JsonNode> condition, Duration timeout, String what) {
        return HookClient.await(() -> eval(js), condition, timeout, what);
    }

    /** Waits until selector exists in the page, then clicks its centre with the robot. */
    void click(String selector) {
        awaitEval("!!document.querySelector(" + q(selector) + ")", JsonNode::asBoolean, Duration.ofSeconds(15),
                "element " + selector);
        JsonNode r = eval("(() => { const e = document.querySelector(" + q(selector) + ");"
                + " const r = e.getBoundingClientRect();"
                + " if (r.top < 0 || r.bottom > innerHeight) { e.scrollIntoView({block: 'center'}); }"
                + " const s = e.getBoundingClientRect(); return {x: s.left + s.width / 2, y: s.top + s.height / 2}; })()");
        Point2D screen = onFx(() -> view.node().localToScreen(r.path("x").asDouble(), r.path("y").asDouble()));
        robot.moveTo(screen).clickOn(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
    }

    void type(String text) {
        robot.write(text);
        WaitForAsyncUtils.waitForFxEvents();
    }

    void press(KeyCode... keys) {
        for (KeyCode k : keys) {
            robot.type(k);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    void scrollDown(int notches) {
        Point2D centre = onFx(() -> {
            var b = view.node().localToScreen(view.node().getBoundsInLocal());
            return new Point2D(b.getMinX() + b.getWidth() / 2, b.getMinY() + b.getHeight() / 2);
        });
        robot.moveTo(centre).scroll(notches, javafx.geometry.VerticalDirection.DOWN);
        WaitForAsyncUtils.waitForFxEvents();
    }

    static String q(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> c) {
        try {
            return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
