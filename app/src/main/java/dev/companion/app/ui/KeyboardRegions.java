package dev.companion.app.ui;

import java.util.Arrays;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;

/**
 * The keyboard's way between the window's three regions: the page, the sidebar and the address bar.
 * Inside the page Chromium takes Tab for the page's own links and fields, so Tab alone never leaves
 * it; F6 (as in web browsers) moves to the next region, Shift+F6 to the one before, and in the page
 * Ctrl+Tab and Ctrl+Shift+Tab do the same. Elsewhere Ctrl+Tab keeps its JavaFX meaning (it moves out
 * of a text area). A filter on the window's root, so it acts before the page sees the key.
 */
public final class KeyboardRegions {
    private KeyboardRegions() {
    }

    /**
     * On the window's root: the page in its centre, the sidebar on its right, the toolbar (with the
     * address bar, #address) on its top; read on each key, so a rebuilt sidebar or toolbar is found.
     */
    public static void install(BorderPane root) {
        root.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (isRegionKey(e, root)) {
                e.consume();
                Node toolbar = root.getTop();
                move(root, List.of(root.getCenter(), root.getRight(), toolbar),
                        Arrays.asList(root.getCenter(), null, toolbar == null ? null : toolbar.lookup("#address")),
                        e.isShiftDown() ? -1 : 1);
            }
        });
        root.addEventFilter(KeyEvent.KEY_RELEASED, e -> {
            if (isRegionKey(e, root)) {
                e.consume(); // its press never reached the page either
            }
        });
    }

    private static boolean isRegionKey(KeyEvent e, BorderPane root) {
        if (e.getCode() == KeyCode.F6) {
            return true;
        }
        Node owner = root.getScene() == null ? null : root.getScene().getFocusOwner();
        return e.getCode() == KeyCode.TAB && e.isControlDown() && owner != null && root.getCenter() != null
                && isInside(owner, root.getCenter());
    }

    /** entries: where the focus goes in each region, null for the region's first control that takes it. */
    private static void move(Parent root, List<Node> regions, List<Node> entries, int step) {
        Node owner = root.getScene() == null ? null : root.getScene().getFocusOwner();
        int at = -1;
        for (int i = 0; i < regions.size() && owner != null; i++) {
            if (regions.get(i) != null && isInside(owner, regions.get(i))) {
                at = i;
            }
        }
        // from nowhere (or outside all three) forward goes to the page, backward to the address bar
        int next = at < 0 ? (step > 0 ? 0 : regions.size() - 1) : Math.floorMod(at + step, regions.size());
        for (int tries = 0; tries < regions.size(); tries++) {
            Node region = regions.get(next);
            Node entry = entries.get(next) != null ? entries.get(next) : region == null ? null : firstFocusable(region);
            if (entry != null && shown(entry)) {
                entry.requestFocus();
                return;
            }
            next = Math.floorMod(next + step, regions.size());
        }
    }

    /** The first control under n that Tab would stop at, depth first, or null. */
    static Node firstFocusable(Node n) {
        if (!n.isVisible() || n.isDisabled()) {
            return null;
        }
        if (n.isFocusTraversable()) {
            return n;
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                Node f = firstFocusable(c);
                if (f != null) {
                    return f;
                }
            }
        }
        return null;
    }

    private static boolean shown(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return !n.isDisabled();
    }

    /** n is ancestor or inside it. */
    static boolean isInside(Node n, Node ancestor) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (p == ancestor) {
                return true;
            }
        }
        return false;
    }
}
