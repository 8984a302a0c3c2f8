package dev.companion.app.browser;

import dev.companion.app.thread.FxThread;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.event.KeyEvent;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import javafx.geometry.Point2D;
import javafx.scene.Cursor;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import org.cef.browser.FxOsrBrowser;

/**
 * The JavaFX node of a view: shows the page image, tells Chromium its size, and forwards mouse, wheel,
 * keyboard and focus to it. Implements the off-screen browser's {@link FxOsrBrowser.Host}.
 */
final class BrowserSurface extends Region implements FxOsrBrowser.Host {
    private final ImageView imageView = new ImageView();
    private final FramePainter painter = new FramePainter(imageView);
    private final javafx.scene.shape.Rectangle clip = new javafx.scene.shape.Rectangle();
    private volatile Rectangle viewRect = new Rectangle(0, 0, 1024, 768);
    private volatile Point screenOrigin = new Point();
    private FxOsrBrowser browser;
    private Consumer<MouseButton> historyButton = b -> { };
    /** Ctrl/Meta shortcuts sent on press, so their release is sent too. */
    private KeyCode shortcutDown;

    BrowserSurface() {
        getStyleClass().add("browser-view");
        setFocusTraversable(true);
        imageView.setManaged(false);
        imageView.setPreserveRatio(false);
        imageView.setSmooth(false);
        getChildren().add(imageView);
        setClip(clip);
        setMinSize(1, 1);
    }

    void attach(FxOsrBrowser osr, Consumer<MouseButton> onHistoryButton) {
        this.browser = osr;
        this.historyButton = onHistoryButton;
        addEventHandler(MouseEvent.ANY, this::onMouse);
        addEventHandler(ScrollEvent.SCROLL, this::onScroll);
        addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, this::onKeyPressed);
        addEventHandler(javafx.scene.input.KeyEvent.KEY_RELEASED, this::onKeyReleased);
        addEventHandler(javafx.scene.input.KeyEvent.KEY_TYPED, this::onKeyTyped);
        focusedProperty().addListener((obs, was, now) -> osr.focus(now));
    }

    /** A left click at (x, y) as a person's, straight to Chromium (see BrowserView.userClick). */
    void userClick(double x, double y) {
        browser.focus(true);
        leftClick((int) Math.round(x), (int) Math.round(y));
    }

    /**
     * An applied click's real press (the page agent's 61-press.js): at (x, y) CSS pixels of the top
     * page, whose devicePixelRatio is dpr, in the view's coordinates (Chromium's device scale is
     * {@link FxOsrBrowser#DEVICE_SCALE}). A point outside the view is not pressed (the agent then
     * answers that its press did not arrive). The view's focus is left as it is.
     */
    void press(double x, double y, double dpr) {
        if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(dpr) || dpr <= 0 || dpr > 16) {
            return;
        }
        double scale = dpr / FxOsrBrowser.DEVICE_SCALE;
        int ix = (int) Math.floor(x * scale);
        int iy = (int) Math.floor(y * scale);
        Rectangle r = viewRect;
        if (ix >= 0 && iy >= 0 && ix < r.width && iy < r.height) {
            leftClick(ix, iy);
        }
    }

    /** A left-button drag through xy (x0, y0, x1, y1... page pixels) as a person's (see BrowserView.userDrag). */
    void userDrag(double... xy) {
        if (xy.length < 4 || xy.length % 2 != 0) {
            throw new IllegalArgumentException("a drag needs two points or more");
        }
        browser.focus(true);
        java.awt.Component src = browser.eventSource();
        long t = System.currentTimeMillis();
        int n = xy.length / 2;
        int x0 = (int) Math.round(xy[0]);
        int y0 = (int) Math.round(xy[1]);
        browser.mouse(new java.awt.event.MouseEvent(src, java.awt.event.MouseEvent.MOUSE_MOVED, t, 0, x0, y0, 0, false,
                java.awt.event.MouseEvent.NOBUTTON));
        browser.mouse(new java.awt.event.MouseEvent(src, java.awt.event.MouseEvent.MOUSE_PRESSED, t,
                java.awt.event.InputEvent.BUTTON1_DOWN_MASK, x0, y0, 1, false, java.awt.event.MouseEvent.BUTTON1));
        for (int i = 1; i < n; i++) {
            browser.mouse(new java.awt.event.MouseEvent(src, java.awt.event.MouseEvent.MOUSE_DRAGGED, t + i,
                    java.awt.event.InputEvent.BUTTON1_DOWN_MASK, (int) Math.round(xy[2 * i]), (int) Math.round(xy[2 * i + 1]),
                    0, false, java.awt.event.MouseEvent.NOBUTTON));
        }
        browser.mouse(new java.awt.event.MouseEvent(src, java.awt.event.MouseEvent.MOUSE_RELEASED, t + n, 0,
                (int) Math.round(xy[2 * n - 2]), (int) Math.round(xy[2 * n - 1]), 1, false, java.awt.event.MouseEvent.BUTTON1));
    }

    private void leftClick(int ix, int iy) {
        java.awt.Component src = browser.eventSource();
        long t = System.currentTimeMillis();
        browser.mouse(new java.awt.event.MouseEvent(src, java.awt.event.MouseEvent.MOUSE_MOVED, t, 0, ix, iy, 0, false,
                java.awt.event.MouseEvent.NOBUTTON));
        browser.mouse(new java.awt.event.MouseEvent(src, java.awt.event.MouseEvent.MOUSE_PRESSED, t,
                java.awt.event.InputEvent.BUTTON1_DOWN_MASK, ix, iy, 1, false, java.awt.event.MouseEvent.BUTTON1));
        browser.mouse(new java.awt.event.MouseEvent(src, java.awt.event.MouseEvent.MOUSE_RELEASED, t, 0, ix, iy, 1, false,
                java.awt.event.MouseEvent.BUTTON1));
    }

    /** Key presses for text, as a person's (see BrowserView.userType). */
    void userType(String text) {
        browser.focus(true);
        java.awt.Component src = browser.eventSource();
        for (char c : text.toCharArray()) {
            if (c == '\n') {
                browser.key(FxInput.key(src, KeyEvent.KEY_PRESSED, 0, KeyEvent.VK_ENTER, '\r'));
                browser.key(FxInput.key(src, KeyEvent.KEY_TYPED, 0, KeyEvent.VK_UNDEFINED, '\r'));
                browser.key(FxInput.key(src, KeyEvent.KEY_RELEASED, 0, KeyEvent.VK_ENTER, '\r'));
            } else if (c == '\u001b') {
                browser.key(FxInput.key(src, KeyEvent.KEY_PRESSED, 0, KeyEvent.VK_ESCAPE, c));
                browser.key(FxInput.key(src, KeyEvent.KEY_TYPED, 0, KeyEvent.VK_UNDEFINED, c));
                browser.key(FxInput.key(src, KeyEvent.KEY_RELEASED, 0, KeyEvent.VK_ESCAPE, c));
            } else {
                FxInput.typed(src, c, Character.isUpperCase(c) ? java.awt.event.InputEvent.SHIFT_DOWN_MASK : 0)
                        .forEach(browser::key);
            }
        }
    }

    FramePainter painter() {
        return painter;
    }

    @Override
    protected double computePrefWidth(double height) {
        return 1024;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 768;
    }

    @Override
    protected void layoutChildren() {
        imageView.relocate(0, 0);
        clip.setWidth(getWidth());
        clip.setHeight(getHeight());
        int w = Math.max(1, (int) Math.round(getWidth()));
        int h = Math.max(1, (int) Math.round(getHeight()));
        updateScreenOrigin();
        Rectangle r = viewRect;
        if (r.width != w || r.height != h) {
            viewRect = new Rectangle(0, 0, w, h);
            if (browser != null) {
                browser.resized();
            }
        }
    }

    private void updateScreenOrigin() {
        Point2D p = localToScreen(0, 0);
        if (p != null) {
            screenOrigin = new Point((int) Math.round(p.getX()), (int) Math.round(p.getY()));
        }
    }

    // ---- input ----------------------------------------------------------------------------------

    private void onMouse(MouseEvent e) {
        if (e.getEventType() == MouseEvent.MOUSE_CLICKED) {
            e.consume(); // Chromium makes its own clicks from press and release
            return;
        }
        if (e.getEventType() == MouseEvent.MOUSE_PRESSED) {
            requestFocus();
            updateScreenOrigin();
            if (e.getButton() == MouseButton.BACK || e.getButton() == MouseButton.FORWARD) {
                historyButton.accept(e.getButton());
                e.consume();
                return;
            }
        }
        java.awt.event.MouseEvent awt = FxInput.mouse(browser.eventSource(), e);
        if (awt != null) {
            browser.mouse(awt);
            e.consume();
        }
    }

    private void onScroll(ScrollEvent e) {
        FxInput.wheel(browser.eventSource(), e).forEach(browser::wheel);
        e.consume();
    }

    private void onKeyPressed(javafx.scene.input.KeyEvent e) {
        int mods = FxInput.keyModifiers(e.isShiftDown(), e.isControlDown(), e.isAltDown(), e.isMetaDown());
        FxInput.Special special = FxInput.special(e.getCode());
        if (special != null) {
            browser.key(FxInput.key(browser.eventSource(), KeyEvent.KEY_PRESSED, mods, special.awtCode(), special.keyChar()));
            if (e.getCode() == KeyCode.ENTER) {
                // Chromium submits forms and breaks lines on the '\r' character event.
                browser.key(FxInput.key(browser.eventSource(), KeyEvent.KEY_TYPED, mods, KeyEvent.VK_UNDEFINED, '\r'));
            }
            e.consume();
            return;
        }
        if ((e.isControlDown() || e.isMetaDown()) && !e.isAltDown()) {
            int code = FxInput.shortcutCode(e.getCode());
            if (code != 0) {
                char c = Character.toLowerCase(e.getCode().getChar().charAt(0));
                browser.key(FxInput.key(browser.eventSource(), KeyEvent.KEY_PRESSED, mods, code, c));
                shortcutDown = e.getCode();
                e.consume();
            }
        }
    }

    private void onKeyReleased(javafx.scene.input.KeyEvent e) {
        int mods = FxInput.keyModifiers(e.isShiftDown(), e.isControlDown(), e.isAltDown(), e.isMetaDown());
        FxInput.Special special = FxInput.special(e.getCode());
        if (special != null) {
            browser.key(FxInput.key(browser.eventSource(), KeyEvent.KEY_RELEASED, mods, special.awtCode(), special.keyChar()));
            e.consume();
        } else if (e.getCode() == shortcutDown) {
            char c = Character.toLowerCase(e.getCode().getChar().charAt(0));
            browser.key(FxInput.key(browser.eventSource(), KeyEvent.KEY_RELEASED, mods, FxInput.shortcutCode(e.getCode()), c));
            shortcutDown = null;
            e.consume();
        }
    }

    private void onKeyTyped(javafx.scene.input.KeyEvent e) {
        String s = e.getCharacter();
        if (s == null || s.isEmpty() || s.equals(javafx.scene.input.KeyEvent.CHAR_UNDEFINED)) {
            return;
        }
        if ((e.isControlDown() && !e.isAltDown()) || e.isMetaDown()) {
            return; // shortcuts went out on key press
        }
        int mods = FxInput.keyModifiers(e.isShiftDown(), false, false, false);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                continue; // Enter, Tab, Backspace, Esc... went out as special keys on press
            }
            FxInput.typed(browser.eventSource(), c, mods).forEach(browser::key);
        }
        e.consume();
    }

    // ---- FxOsrBrowser.Host (CEF UI thread) ------------------------------------------------------

    @Override
    public Rectangle viewRect() {
        return viewRect;
    }

    @Override
    public Point screenOrigin() {
        return screenOrigin;
    }

    @Override
    public void paint(boolean popup, Rectangle[] dirtyRects, ByteBuffer bgra, int width, int height) {
        painter.paint(popup, dirtyRects, bgra, width, height);
    }

    @Override
    public void popupShow(boolean show) {
        painter.popupShow(show);
    }

    @Override
    public void popupSize(Rectangle rect) {
        painter.popupSize(rect);
    }

    @Override
    public void cursor(int awtCursorType) {
        Cursor c = switch (awtCursorType) {
            case java.awt.Cursor.CROSSHAIR_CURSOR -> Cursor.CROSSHAIR;
            case java.awt.Cursor.TEXT_CURSOR -> Cursor.TEXT;
            case java.awt.Cursor.WAIT_CURSOR -> Cursor.WAIT;
            case java.awt.Cursor.SW_RESIZE_CURSOR -> Cursor.SW_RESIZE;
            case java.awt.Cursor.SE_RESIZE_CURSOR -> Cursor.SE_RESIZE;
            case java.awt.Cursor.NW_RESIZE_CURSOR -> Cursor.NW_RESIZE;
            case java.awt.Cursor.NE_RESIZE_CURSOR -> Cursor.NE_RESIZE;
            case java.awt.Cursor.N_RESIZE_CURSOR -> Cursor.N_RESIZE;
            case java.awt.Cursor.S_RESIZE_CURSOR -> Cursor.S_RESIZE;
            case java.awt.Cursor.W_RESIZE_CURSOR -> Cursor.W_RESIZE;
            case java.awt.Cursor.E_RESIZE_CURSOR -> Cursor.E_RESIZE;
            case java.awt.Cursor.HAND_CURSOR -> Cursor.HAND;
            case java.awt.Cursor.MOVE_CURSOR -> Cursor.MOVE;
            default -> Cursor.DEFAULT;
        };
        FxThread.run(() -> setCursor(c));
    }
}
