package dev.companion.app.ui.lan;

import dev.companion.app.ui.Texts;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;

/**
 * The status line of a LAN pane (pairing, hosting, joining a classroom): one sentence from the
 * window's bundle, as text and accessible text, marked {@code error} when something failed; taken out
 * of the layout until it first says something. FX thread only.
 */
public final class StatusLine extends Label {
    private final Texts t;

    public StatusLine(Texts t, String id) {
        this.t = t;
        setId(id);
        setWrapText(true);
        setMinHeight(Region.USE_PREF_SIZE);
        PaneParts.shown(this, false);
    }

    /** Says the bundle's key with args. */
    public void say(String key, Object... args) {
        String text = t.get(key, args);
        setText(text);
        setAccessibleText(text);
        getStyleClass().remove("error");
        setVisible(true);
    }

    /** Says the bundle's key with args, as a failure. */
    public void fail(String key, Object... args) {
        say(key, args);
        getStyleClass().add("error");
    }
}
