package dev.companion.app.ui.activity;

import dev.companion.app.ui.AppViewModel;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.VBox;

/** What was sent, followed, refused or went wrong, newest first. */
public final class ActivityPane extends VBox {
    public ActivityPane(AppViewModel model) {
        setSpacing(6);
        Label title = new Label(model.texts().get("activity.title"));
        title.getStyleClass().add("section-title");
        ListView<String> list = new ListView<>(model.activity);
        list.setId("activityLog");
        list.getStyleClass().add("activity");
        list.setAccessibleText(model.texts().get("activity.title"));
        getChildren().addAll(title, list);
    }
}
