package dev.companion.app.ui.activity;

import dev.companion.app.ui.AppViewModel;
import dev.companion.app.ui.group.StepText;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;

/** What was sent, followed, refused or went wrong, newest first; addresses in it shortened (the whole line in the tooltip). */
public final class ActivityPane extends VBox {
    public ActivityPane(AppViewModel model) {
        setSpacing(6);
        Label title = new Label(model.texts().get("activity.title"));
        title.getStyleClass().add("section-title");
        ListView<String> list = new ListView<>(model.activity);
        list.setId("activityLog");
        list.getStyleClass().add("activity");
        list.setAccessibleText(model.texts().get("activity.title"));
        list.setCellFactory(v -> new javafx.scene.control.ListCell<>() {
            {
                setWrapText(true);
                setPrefWidth(0); // wrap to the list's width instead of scrolling sideways
            }

            @Override
            protected void updateItem(String line, boolean empty) {
                super.updateItem(line, empty);
                // a long address would fill lines: shortened here, the whole line in the tooltip
                String shown = empty || line == null ? null : StepText.shortenAddresses(line);
                setText(shown);
                setTooltip(shown == null || shown.equals(line) ? null : full(line));
            }

            private Tooltip full(String line) {
                Tooltip tip = new Tooltip(line);
                tip.setWrapText(true);
                tip.setMaxWidth(560);
                return tip;
            }
        });
        getChildren().addAll(title, list);
    }
}
