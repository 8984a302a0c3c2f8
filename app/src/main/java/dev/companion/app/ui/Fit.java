package dev.companion.app.ui;

import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;

/**
 * What keeps the sidebar readable in a narrow window and in large text: sections a person opens
 * when needed (settings, privacy choices), and one-line texts that end in "…" when too long, with the
 * whole text in their tooltip (and, as their text, in what a screen reader says).
 */
public final class Fit {
    private Fit() {
    }

    /** A section shown by its title only, opened with a click, Space or Enter; not animated (no motion for older eyes). */
    public static TitledPane collapsible(String id, String title, Node content) {
        TitledPane p = new TitledPane(title, content);
        p.setId(id);
        p.setExpanded(false);
        p.setAnimated(false);
        p.getStyleClass().add("sidebar-section");
        return p;
    }

    /** label stays on one line; what does not fit is elided in the style given and shown in full in the tooltip. */
    public static <T extends Labeled> T oneLine(T label, OverrunStyle elide) {
        label.setWrapText(false);
        label.setTextOverrun(elide);
        label.setMinWidth(0);
        label.getStyleClass().add("elided");
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(label.textProperty());
        tip.setWrapText(true);
        tip.setMaxWidth(560);
        label.setTooltip(tip);
        return label;
    }
}
