package dev.companion.bench.follow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.companion.app.AppConfig;
import dev.companion.app.CompanionApp;
import dev.companion.app.browser.BrowserEngine;
import dev.companion.bench.app.Clocks;
import dev.companion.testkit.Fx;
import dev.companion.testkit.Terminal;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.robot.Robot;
import javafx.stage.Stage;

/**
 * The leading terminal, in this JVM (like the e2e test's alice): Chromium started before the JavaFX
 * toolkit, the real {@link CompanionApp} window, and JavaFX's glass robot for OS-level input (XTest
 * under Xvfb): the page gets trusted events, exactly as from a person's mouse and keyboard.
 */
final class LeaderTerminal implements Terminal, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final BrowserEngine engine;
    private final CompanionApp app;
    private final Robot robot;
    private boolean closed;

    private LeaderTerminal(BrowserEngine engine, CompanionApp app, Robot robot) {
        this.engine = engine;
        this.app = app;
        this.robot = robot;
    }

    static LeaderTerminal start(AppConfig config) throws Exception {
        BrowserEngine engine = BrowserEngine.start(config.profile()); // before the JavaFX toolkit
        CountDownLatch up = new CountDownLatch(1);
        Platform.startup(up::countDown);
        if (!up.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("JavaFX did not start");
        }
        Platform.setImplicitExit(false);
        try {
            return onFx(() -> {
                CompanionApp app = new CompanionApp(config, engine);
                app.start(new Stage());
                return new LeaderTerminal(engine, app, new Robot());
            });
        } catch (Exception e) {
            engine.close();
            throw e;
        }
    }

    static <T> T onFx(Callable<T> work) throws Exception {
        return Fx.call(work, Duration.ofSeconds(20));
    }

    private static <T> T fx(Callable<T> work) {
        try {
            return onFx(work);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Node find(String id) {
        for (Node n : app.stage().getScene().getRoot().lookupAll("#" + id)) {
            if (n.getScene() != null && n.isVisible() && !n.isDisabled()) {
                return n;
            }
        }
        return null;
    }

    @Override
    public void setText(String id, String text) {
        fx(() -> {
            if (!(find(id) instanceof TextInputControl c)) {
                throw new IllegalStateException("no text field #" + id);
            }
            c.setText(text);
            return null;
        });
    }

    @Override
    public void fire(String id) {
        fx(() -> {
            if (!(find(id) instanceof ButtonBase b)) {
                throw new IllegalStateException("no enabled button #" + id);
            }
            b.fire();
            return null;
        });
    }

    @Override
    public JsonNode state() {
        return fx(() -> {
            var model = app.model();
            ObjectNode o = JSON.createObjectNode();
            var g = model.group.get();
            if (g != null) {
                o.put("group", g.group());
                o.put("leader", g.leader());
            }
            var linked = o.putArray("linked");
            model.linked.forEach(linked::add);
            var contacts = o.putArray("contacts");
            model.contacts.forEach(c -> contacts.add(c.user() + ":" + c.state().wire() + ":" + (c.online() ? "online" : "offline")));
            var invitations = o.putArray("invitations");
            model.invitations.forEach(i -> invitations.add(i.from()));
            o.put("url", app.view().urlProperty().get());
            return o;
        });
    }

    @Override
    public JsonNode eval(String js) {
        try {
            String raw = app.view().eval(js).get(10, TimeUnit.SECONDS);
            return raw == null || raw.isEmpty() ? JSON.nullNode() : JSON.readTree(raw);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("eval failed: " + e.getMessage(), e);
        }
    }

    /**
     * Gives the leader's window the keyboard focus. Without a window manager (Xvfb) the X focus
     * stays with the window shown last (maybe the follower's) and clicks do not move it.
     */
    boolean focusWindow() {
        return fx(() -> {
            app.stage().toFront();
            app.stage().requestFocus();
            return app.stage().isFocused();
        });
    }

    boolean windowFocused() {
        return fx(() -> app.stage().isFocused());
    }

    /** Loads url as the user would (address bar): followers load it too. */
    void load(String url) {
        fx(() -> {
            app.view().load(url);
            return null;
        });
    }

    /** Screen position of a page (viewport) point. */
    Point2D toScreen(double x, double y) {
        return fx(() -> app.view().node().localToScreen(x, y));
    }

    /** Screen position of the centre of the page view. */
    Point2D viewCentre() {
        return fx(() -> {
            var b = app.view().node().localToScreen(app.view().node().getBoundsInLocal());
            return new Point2D(b.getMinX() + b.getWidth() / 2, b.getMinY() + b.getHeight() / 2);
        });
    }

    void moveTo(Point2D p) {
        fx(() -> {
            robot.mouseMove(p.getX(), p.getY());
            return null;
        });
    }

    /** Clicks where the pointer is; returns the epoch µs just before the press. */
    long click() {
        return fx(() -> {
            long t0 = Clocks.epochMicros();
            robot.mousePress(MouseButton.PRIMARY);
            robot.mouseRelease(MouseButton.PRIMARY);
            return t0;
        });
    }

    /** Presses and releases a key; returns the epoch µs just before the press. */
    long key(KeyCode code) {
        return fx(() -> {
            long t0 = Clocks.epochMicros();
            robot.keyType(code);
            return t0;
        });
    }

    /** Turns the wheel (positive: down); returns the epoch µs just before. */
    long wheel(int notches) {
        return fx(() -> {
            long t0 = Clocks.epochMicros();
            robot.mouseWheel(notches);
            return t0;
        });
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            onFx(() -> {
                app.stop();
                app.stage().close();
                return null;
            });
        } catch (Exception e) {
            // shutting down anyway
        }
        engine.close();
        Platform.exit();
    }
}
