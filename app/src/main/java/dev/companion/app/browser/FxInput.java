package dev.companion.app.browser;

import java.awt.Component;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.awt.event.MouseEvent;
import java.awt.event.MouseWheelEvent;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.input.ScrollEvent;

/**
 * Turns JavaFX input events into the AWT events JCEF's {@code sendMouseEvent}/{@code sendKeyEvent}
 * read. On Linux JCEF maps only Backspace, Delete, arrows, Enter, Esc and Tab by key code and
 * otherwise takes the key char as the X keysym; so Home, End, Page Up/Down, Insert and F1–F12 are sent
 * with their keysym (0xFFxx) as the char, and characters are sent as press/typed/release triples.
 */
final class FxInput {
    private FxInput() {
    }

    /** A non-character key: the AWT key code and the char JCEF turns into the X keysym. */
    record Special(int awtCode, char keyChar) { }

    private static final Map<KeyCode, Special> SPECIAL = new EnumMap<>(KeyCode.class);

    static {
        SPECIAL.put(KeyCode.BACK_SPACE, new Special(KeyEvent.VK_BACK_SPACE, '\b'));
        SPECIAL.put(KeyCode.DELETE, new Special(KeyEvent.VK_DELETE, (char) 0x7f));
        SPECIAL.put(KeyCode.ENTER, new Special(KeyEvent.VK_ENTER, '\r'));
        SPECIAL.put(KeyCode.ESCAPE, new Special(KeyEvent.VK_ESCAPE, (char) 0x1b));
        SPECIAL.put(KeyCode.TAB, new Special(KeyEvent.VK_TAB, '\t'));
        SPECIAL.put(KeyCode.LEFT, new Special(KeyEvent.VK_LEFT, (char) 0xFF51));
        SPECIAL.put(KeyCode.UP, new Special(KeyEvent.VK_UP, (char) 0xFF52));
        SPECIAL.put(KeyCode.RIGHT, new Special(KeyEvent.VK_RIGHT, (char) 0xFF53));
        SPECIAL.put(KeyCode.DOWN, new Special(KeyEvent.VK_DOWN, (char) 0xFF54));
        // Not mapped by JCEF's key code switch: the char is the X keysym it passes on.
        SPECIAL.put(KeyCode.HOME, new Special(KeyEvent.VK_HOME, (char) 0xFF50));
        SPECIAL.put(KeyCode.PAGE_UP, new Special(KeyEvent.VK_PAGE_UP, (char) 0xFF55));
        SPECIAL.put(KeyCode.PAGE_DOWN, new Special(KeyEvent.VK_PAGE_DOWN, (char) 0xFF56));
        SPECIAL.put(KeyCode.END, new Special(KeyEvent.VK_END, (char) 0xFF57));
        SPECIAL.put(KeyCode.INSERT, new Special(KeyEvent.VK_INSERT, (char) 0xFF63));
        KeyCode[] f = {KeyCode.F1, KeyCode.F2, KeyCode.F3, KeyCode.F4, KeyCode.F5, KeyCode.F6,
                       KeyCode.F7, KeyCode.F8, KeyCode.F9, KeyCode.F10, KeyCode.F11, KeyCode.F12};
        for (int i = 0; i < f.length; i++) {
            SPECIAL.put(f[i], new Special(KeyEvent.VK_F1 + i, (char) (0xFFBE + i)));
        }
    }

    static Special special(KeyCode code) {
        return SPECIAL.get(code);
    }

    static int keyModifiers(boolean shift, boolean ctrl, boolean alt, boolean meta) {
        int m = 0;
        if (shift) {
            m |= InputEvent.SHIFT_DOWN_MASK;
        }
        if (ctrl) {
            m |= InputEvent.CTRL_DOWN_MASK;
        }
        if (alt) {
            m |= InputEvent.ALT_DOWN_MASK;
        }
        if (meta) {
            m |= InputEvent.META_DOWN_MASK;
        }
        return m;
    }

    static int mouseModifiers(javafx.scene.input.MouseEvent e) {
        int m = keyModifiers(e.isShiftDown(), e.isControlDown(), e.isAltDown(), e.isMetaDown());
        if (e.isPrimaryButtonDown()) {
            m |= InputEvent.BUTTON1_DOWN_MASK;
        }
        if (e.isMiddleButtonDown()) {
            m |= InputEvent.BUTTON2_DOWN_MASK;
        }
        if (e.isSecondaryButtonDown()) {
            m |= InputEvent.BUTTON3_DOWN_MASK;
        }
        return m;
    }

    static int awtButton(MouseButton b) {
        return switch (b) {
            case PRIMARY -> MouseEvent.BUTTON1;
            case MIDDLE -> MouseEvent.BUTTON2;
            case SECONDARY -> MouseEvent.BUTTON3;
            default -> MouseEvent.NOBUTTON;
        };
    }

    /** A JavaFX mouse event as an AWT one, or null if Chromium has no use for it. */
    static MouseEvent mouse(Component src, javafx.scene.input.MouseEvent e) {
        int x = (int) Math.floor(e.getX());
        int y = (int) Math.floor(e.getY());
        long when = System.currentTimeMillis();
        int mods = mouseModifiers(e);
        var type = e.getEventType();
        if (type == javafx.scene.input.MouseEvent.MOUSE_PRESSED || type == javafx.scene.input.MouseEvent.MOUSE_RELEASED) {
            int button = awtButton(e.getButton());
            if (button == MouseEvent.NOBUTTON) {
                return null;
            }
            int id = type == javafx.scene.input.MouseEvent.MOUSE_PRESSED ? MouseEvent.MOUSE_PRESSED : MouseEvent.MOUSE_RELEASED;
            return new MouseEvent(src, id, when, mods, x, y, Math.max(1, e.getClickCount()), false, button);
        }
        if (type == javafx.scene.input.MouseEvent.MOUSE_MOVED) {
            return new MouseEvent(src, MouseEvent.MOUSE_MOVED, when, mods, x, y, 0, false, MouseEvent.NOBUTTON);
        }
        if (type == javafx.scene.input.MouseEvent.MOUSE_DRAGGED) {
            return new MouseEvent(src, MouseEvent.MOUSE_DRAGGED, when, mods, x, y, 0, false, MouseEvent.NOBUTTON);
        }
        if (type == javafx.scene.input.MouseEvent.MOUSE_ENTERED) {
            return new MouseEvent(src, MouseEvent.MOUSE_ENTERED, when, mods, x, y, 0, false, MouseEvent.NOBUTTON);
        }
        if (type == javafx.scene.input.MouseEvent.MOUSE_EXITED) {
            return new MouseEvent(src, MouseEvent.MOUSE_EXITED, when, mods, x, y, 0, false, MouseEvent.NOBUTTON);
        }
        return null;
    }

    /**
     * A wheel event. JCEF passes {@code getWheelRotation()} of a block scroll straight to Chromium as
     * pixels (positive = up/left, like JavaFX's deltas); Shift makes it horizontal.
     */
    static List<MouseWheelEvent> wheel(Component src, ScrollEvent e) {
        int x = (int) Math.floor(e.getX());
        int y = (int) Math.floor(e.getY());
        int mods = keyModifiers(false, e.isControlDown(), e.isAltDown(), e.isMetaDown());
        long when = System.currentTimeMillis();
        List<MouseWheelEvent> out = new ArrayList<>(2);
        int dy = (int) Math.round(e.isShiftDown() && e.getDeltaX() == 0 ? 0 : e.getDeltaY());
        int dx = (int) Math.round(e.isShiftDown() && e.getDeltaX() == 0 ? e.getDeltaY() : e.getDeltaX());
        if (dy != 0) {
            out.add(new MouseWheelEvent(src, MouseEvent.MOUSE_WHEEL, when, mods, x, y, 0, false,
                    MouseWheelEvent.WHEEL_BLOCK_SCROLL, 1, dy));
        }
        if (dx != 0) {
            out.add(new MouseWheelEvent(src, MouseEvent.MOUSE_WHEEL, when, mods | InputEvent.SHIFT_DOWN_MASK, x, y, 0,
                    false, MouseWheelEvent.WHEEL_BLOCK_SCROLL, 1, dx));
        }
        return out;
    }

    static KeyEvent key(Component src, int id, int mods, int awtCode, char keyChar) {
        return new KeyEvent(src, id, System.currentTimeMillis(), mods, awtCode, keyChar);
    }

    /** Press, typed and release for one typed character. */
    static List<KeyEvent> typed(Component src, char c, int mods) {
        int code = KeyEvent.getExtendedKeyCodeForChar(c);
        return List.of(
                key(src, KeyEvent.KEY_PRESSED, mods, code, c),
                key(src, KeyEvent.KEY_TYPED, mods, KeyEvent.VK_UNDEFINED, c),
                key(src, KeyEvent.KEY_RELEASED, mods, code, c));
    }

    /** The AWT key code of a letter or digit key, for shortcuts (Ctrl+A ...); 0 if none. */
    static int shortcutCode(KeyCode code) {
        if (code.isLetterKey() || code.isDigitKey()) {
            String name = code.getChar();
            if (name != null && name.length() == 1) {
                return KeyEvent.getExtendedKeyCodeForChar(Character.toLowerCase(name.charAt(0)));
            }
        }
        return 0;
    }
}
