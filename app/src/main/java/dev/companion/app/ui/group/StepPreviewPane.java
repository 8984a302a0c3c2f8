package dev.companion.app.ui.group;

import dev.companion.app.ui.AppViewModel;
import dev.companion.app.ui.Texts;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * Manual following: the step another member sent, in words built here from its actions, with
 * Accept (do it) and Decline (skip it). One step at a time; the next waits for this answer.
 */
final class StepPreviewPane extends VBox {
    private final Texts t;
    private final Label text = new Label();

    StepPreviewPane(AppViewModel model) {
        this.t = model.texts();
        setId("stepPreviewPane");
        getStyleClass().add("step-preview");
        text.setId("stepPreview");
        text.setWrapText(true);
        Button accept = new Button(t.get("group.step.accept"));
        accept.setId("acceptStep");
        accept.getStyleClass().add("primary");
        accept.setOnAction(e -> model.answerStep(true));
        Button decline = new Button(t.get("group.step.decline"));
        decline.setId("declineStep");
        decline.setOnAction(e -> model.answerStep(false));
        getChildren().addAll(text, new HBox(8, accept, decline));
    }

    void show(PendingStep step) {
        String words = StepText.preview(t, step.from(), step.actions());
        text.setText(words);
        setAccessibleText(words);
    }
}
