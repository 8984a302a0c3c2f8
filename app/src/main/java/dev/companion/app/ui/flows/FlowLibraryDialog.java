package dev.companion.app.ui.flows;

import static dev.companion.app.ui.flows.FlowWords.describe;

import dev.companion.app.ui.AppActions;
import dev.companion.app.ui.AppViewModel;
import dev.companion.app.ui.Texts;
import dev.companion.p2p.protocol.Messages;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.Scene;
import javafx.beans.InvalidationListener;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The flow library: every flow (name, steps, last change), rename, delete (after a yes), import
 * from and export to a JSON file, share with another member of the group (they are asked before it is
 * kept), and open one to edit its steps ({@link FlowEditor}). Every action
 * is a button (keyboard reachable) with its accessible text; a refused import shows the code, the
 * line, the step and the reason, and stores nothing.
 */
public final class FlowLibraryDialog {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final AppViewModel model;
    private final Texts t;
    private final AppActions actions;
    private final FlowSender sender;
    private final ChoiceBox<String> shareWith = new ChoiceBox<>();
    private final InvalidationListener members = o -> members();
    private final FlowLibrary library;
    private final FileChoices files;
    private final ListView<FlowLibrary.Entry> list = new ListView<>();
    private final TextField newName = new TextField();
    private final Label status = new Label();
    private final HBox confirm = new HBox(8);
    private final FlowEditor editor;
    private Stage stage;

    public FlowLibraryDialog(AppViewModel model, AppActions actions, FlowLibrary library, FileChoices files,
                             FlowSender sender) {
        this.model = model;
        this.t = model.texts();
        this.sender = sender;
        this.actions = actions;
        this.library = library;
        this.files = files;
        this.editor = new FlowEditor(t, actions, library, this::failed, this::refresh);
    }

    /** Opens the library as a window of its own over owner, in owner's text size. */
    public Stage show(Window owner) {
        stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle(t.get("flows.library.title"));
        VBox root = new VBox(8);
        root.setId("flowLibrary");
        root.getStyleClass().add("sidebar");
        Scene scene = new Scene(new ScrollPane(root), 720, 760);
        ((ScrollPane) scene.getRoot()).setFitToWidth(true);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().addAll(owner.getScene().getStylesheets());
            scene.getStylesheets().addAll(owner.getScene().getRoot().getStylesheets());
            if (owner.getScene().getRoot().getStyleClass().contains("large-text")) {
                scene.getRoot().getStyleClass().add("large-text");
            }
        }
        Label title = new Label(t.get("flows.library.title"));
        title.getStyleClass().add("section-title");
        describe(list, "flowList", t.get("flows.list"));
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(FlowLibrary.Entry e, boolean empty) {
                super.updateItem(e, empty);
                setText(empty || e == null ? null : line(e));
                setAccessibleText(getText());
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            newName.setText(now == null ? "" : now.name());
            confirm.setVisible(false);
            confirm.setManaged(false);
        });
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                open();
            }
        });
        Button open = button("openFlow", "flows.open", () -> open());
        Button delete = button("deleteFlow", "flows.delete", this::askDelete);
        Button importFile = button("importFlow", "flows.import", this::importFile);
        Button export = button("exportFlow", "flows.export", this::exportFile);
        describe(newName, "renameField", t.get("flows.rename.field"));
        Label nameLabel = new Label(t.get("flows.rename.field"));
        nameLabel.setLabelFor(newName);
        Button rename = button("renameFlow", "flows.rename", this::rename);
        open.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        delete.disableProperty().bind(open.disableProperty());
        export.disableProperty().bind(open.disableProperty());
        rename.disableProperty().bind(open.disableProperty());
        Button yes = button("confirmDelete", "flows.delete.yes", this::delete);
        yes.getStyleClass().add("primary");
        Button no = button("keepFlow", "flows.delete.no", () -> {
            confirm.setVisible(false);
            confirm.setManaged(false);
        });
        confirm.getChildren().addAll(new Label(t.get("flows.delete.ask")), yes, no);
        confirm.setVisible(false);
        confirm.setManaged(false);
        describe(shareWith, "shareWith", t.get("flows.share.with"));
        Label shareLabel = new Label(t.get("flows.share.with"));
        shareLabel.setLabelFor(shareWith);
        Button share = button("shareFlow", "flows.share", this::share);
        share.disableProperty().bind(open.disableProperty().or(shareWith.valueProperty().isNull()));
        model.group.addListener(members);
        stage.setOnHidden(e -> model.group.removeListener(members));
        members();
        status.setId("libraryStatus");
        status.setWrapText(true);
        status.accessibleTextProperty().bind(status.textProperty());
        root.getChildren().addAll(title, list, new FlowPane(8, 8, open, delete, importFile, export), confirm,
                nameLabel, new HBox(8, newName, rename), new HBox(8, shareLabel, shareWith, share), status, editor);
        stage.setScene(scene);
        stage.show();
        refresh();
        return stage;
    }

    private Button button(String id, String key, Runnable action) {
        return FlowWords.button(t, id, key, action);
    }

    private String line(FlowLibrary.Entry e) {
        String when = WHEN.format(Instant.ofEpochMilli(e.updatedAt()).atZone(ZoneId.systemDefault()));
        return t.get("flows.entry", e.name(), e.steps(), when);
    }

    private <T> void call(Supplier<CompletableFuture<T>> call, Consumer<T> ok) {
        actions.attempt(call, ok, this::failed);
    }

    private void failed(Throwable e) {
        status.getStyleClass().setAll("label", "error");
        status.setText(FlowWords.failure(t, e));
    }

    private void done(String text) {
        status.getStyleClass().setAll("label", "hint");
        status.setText(text);
    }

    /** Reads the list again, keeping the selection (by id). */
    void refresh() {
        FlowLibrary.Entry was = list.getSelectionModel().getSelectedItem();
        call(library::list, entries -> {
            list.getItems().setAll(entries);
            if (was != null) {
                entries.stream().filter(e -> e.id() == was.id()).findFirst()
                        .ifPresent(e -> list.getSelectionModel().select(e));
            }
        });
    }

    private FlowLibrary.Entry selected() {
        return list.getSelectionModel().getSelectedItem();
    }

    private void open() {
        FlowLibrary.Entry e = selected();
        if (e != null) {
            call(() -> library.open(e.id()), editor::show);
        }
    }

    private void rename() {
        FlowLibrary.Entry e = selected();
        if (e != null) {
            call(() -> library.rename(e.id(), e.version(), newName.getText()), o -> {
                done(t.get("flows.renamed", o.flow().name()));
                editor.changed(o);
                refresh();
            });
        }
    }

    private void askDelete() {
        if (selected() != null) {
            confirm.setVisible(true);
            confirm.setManaged(true);
            confirm.getChildren().get(1).requestFocus();
        }
    }

    private void delete() {
        FlowLibrary.Entry e = selected();
        confirm.setVisible(false);
        confirm.setManaged(false);
        if (e != null) {
            call(() -> library.delete(e.id()), v -> {
                done(t.get("flows.deleted", e.name()));
                editor.closed(e.id());
                refresh();
            });
        }
    }

    /** The other members of the group, to share with (none outside a group). */
    private void members() {
        Messages.GroupState g = model.group.get();
        String was = shareWith.getValue();
        shareWith.getItems().setAll(g == null ? java.util.List.of() : g.members().stream().map(Messages.Member::user)
                .filter(u -> !u.equals(model.user.get())).toList());
        shareWith.setValue(shareWith.getItems().contains(was) ? was
                : shareWith.getItems().isEmpty() ? null : shareWith.getItems().get(0));
    }

    private void share() {
        FlowLibrary.Entry e = selected();
        String to = shareWith.getValue();
        if (e != null && to != null) {
            call(() -> library.open(e.id()).thenCompose(o -> sender.share(to, o.flow())),
                    v -> done(t.get("flows.shared", e.name(), to)));
        }
    }

    private void importFile() {
        Path file = files.toImport(stage);
        if (file != null) {
            call(() -> library.importFile(file), o -> {
                done(t.get("flows.imported", o.flow().name(), o.flow().steps().size()));
                refresh();
            });
        }
    }

    private void exportFile() {
        FlowLibrary.Entry e = selected();
        Path file = e == null ? null : files.toExport(stage, e.name());
        if (file != null) {
            call(() -> library.exportFile(e.id(), file), v -> done(t.get("flows.exported", e.name(), file.toString())));
        }
    }
}
