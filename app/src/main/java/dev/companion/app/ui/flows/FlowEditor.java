package dev.companion.app.ui.flows;

import static dev.companion.app.ui.flows.FlowWords.describe;

import dev.companion.app.flow.FlowStep;
import dev.companion.app.ui.AppActions;
import dev.companion.app.ui.Texts;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * One opened flow's steps: edit a step's hint, move a step up or down, delete a step. Buttons, not
 * only drag, so all of it works from the keyboard; each edit names the version shown, so an edit
 * made meanwhile elsewhere is refused (STALE_VERSION) rather than overwritten.
 */
final class FlowEditor extends VBox {
    private final Texts t;
    private final AppActions actions;
    private final FlowLibrary library;
    private final Consumer<Throwable> failed;
    private final Runnable changedList;
    private final Label title = new Label();
    private final ListView<FlowStep> steps = new ListView<>();
    private final TextField hint = new TextField();
    private FlowLibrary.Opened shown;

    FlowEditor(Texts t, AppActions actions, FlowLibrary library, Consumer<Throwable> failed, Runnable changedList) {
        this.t = t;
        this.actions = actions;
        this.library = library;
        this.failed = failed;
        this.changedList = changedList;
        setId("flowEditor");
        setSpacing(6);
        title.setId("editorTitle");
        title.getStyleClass().add("subsection-title");
        title.setWrapText(true);
        describe(steps, "stepList", t.get("flows.steps"));
        steps.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(FlowStep s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty || s == null ? null : FlowWords.step(t, getIndex() + 1, s));
                setWrapText(true);
                setPrefWidth(0);
                setAccessibleText(getText());
            }
        });
        steps.getSelectionModel().selectedItemProperty().addListener((o, was, now) ->
                hint.setText(now == null || now.hint() == null ? "" : now.hint()));
        describe(hint, "hintField", t.get("flows.hint.field"));
        Label hintLabel = new Label(t.get("flows.hint.field"));
        hintLabel.setLabelFor(hint);
        Button save = button("saveHint", "flows.hint.save", () -> edit(n -> library.editHint(shown.id(), shown.version(), n,
                hint.getText()), n -> n));
        hint.setOnAction(e -> save.fire());
        Button up = button("stepUp", "flows.step.up", () -> edit(n -> library.moveStep(shown.id(), shown.version(), n, n - 1),
                n -> n - 1));
        Button down = button("stepDown", "flows.step.down", () -> edit(n -> library.moveStep(shown.id(), shown.version(), n,
                n + 1), n -> n + 1));
        Button delete = button("deleteStep", "flows.step.delete", () -> edit(n -> library.deleteStep(shown.id(),
                shown.version(), n), n -> Math.max(1, n - 1)));
        var none = steps.getSelectionModel().selectedItemProperty().isNull();
        save.disableProperty().bind(none);
        delete.disableProperty().bind(none.or(javafx.beans.binding.Bindings.size(steps.getItems()).lessThan(2)));
        up.disableProperty().bind(none.or(steps.getSelectionModel().selectedIndexProperty().isEqualTo(0)));
        down.disableProperty().bind(none.or(steps.getSelectionModel().selectedIndexProperty()
                .isEqualTo(javafx.beans.binding.Bindings.size(steps.getItems()).subtract(1))));
        getChildren().addAll(title, steps, hintLabel, new HBox(8, hint, save), new FlowPane(8, 8, up, down, delete));
        setVisible(false);
        setManaged(false);
    }

    private Button button(String id, String key, Runnable action) {
        return FlowWords.button(t, id, key, action);
    }

    /** Shows opened's steps, selecting step number select (1-based). */
    void show(FlowLibrary.Opened opened) {
        show(opened, 1);
    }

    private void show(FlowLibrary.Opened opened, int select) {
        shown = opened;
        title.setText(t.get("flows.editing", opened.flow().name(), opened.version()));
        steps.getItems().setAll(opened.flow().steps());
        steps.getSelectionModel().select(Math.min(select, opened.flow().steps().size()) - 1);
        setVisible(true);
        setManaged(true);
    }

    /** The flow shown changed elsewhere in the dialog (renamed): shows the new version. */
    void changed(FlowLibrary.Opened opened) {
        if (shown != null && shown.id() == opened.id()) {
            show(opened, steps.getSelectionModel().getSelectedIndex() + 1);
        }
    }

    /** Flow id was deleted: nothing of it stays shown. */
    void closed(long id) {
        if (shown != null && shown.id() == id) {
            shown = null;
            steps.getItems().clear();
            setVisible(false);
            setManaged(false);
        }
    }

    /** Runs an edit of the selected step (number, 1-based); then selects step next(number). */
    private void edit(java.util.function.IntFunction<CompletableFuture<FlowLibrary.Opened>> edit,
                      java.util.function.IntUnaryOperator next) {
        int n = steps.getSelectionModel().getSelectedIndex() + 1;
        if (shown == null || n < 1) {
            return;
        }
        Supplier<CompletableFuture<FlowLibrary.Opened>> call = () -> edit.apply(n);
        actions.attempt(call, o -> {
            show(o, next.applyAsInt(n));
            steps.requestFocus();
            changedList.run();
        }, failed);
    }
}
