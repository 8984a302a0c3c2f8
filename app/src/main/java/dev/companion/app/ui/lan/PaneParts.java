package dev.companion.app.ui.lan;

import dev.companion.p2p.lan.LanDiscovery;
import java.util.function.Function;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;

/** What the LAN panes share: wrapped labels, nodes shown or not, the list of what this terminal hears. */
public final class PaneParts {
    private PaneParts() {
    }

    /** l wraps its text and keeps the height its lines need. */
    public static Label wrapped(Label l) {
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }

    /** n shows (and takes room) only while on. */
    public static void shown(Node n, boolean on) {
        n.managedProperty().bind(n.visibleProperty());
        n.setVisible(on);
    }

    /**
     * Makes list the list of beacons heard: its id and accessible name, the placeholder while nothing
     * is heard, each line as describe says (also its accessible text), Enter or a double click opens
     * the one picked.
     */
    public static void heardList(ListView<LanDiscovery.Found> list, String id, String accessible, String none,
                                 Function<LanDiscovery.Found, String> describe, Runnable open) {
        list.setId(id);
        list.setAccessibleText(accessible);
        list.setPrefHeight(120);
        list.setPlaceholder(wrapped(new Label(none)));
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(LanDiscovery.Found f, boolean empty) {
                super.updateItem(f, empty);
                setText(empty || f == null ? null : describe.apply(f));
                setAccessibleText(getText());
            }
        });
        list.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                open.run();
            }
        });
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                open.run();
            }
        });
    }
}
