package dev.companion.app.ui.flows;

import static dev.companion.app.ui.flows.FlowWords.button;
import static dev.companion.app.ui.flows.FlowWords.describe;

import dev.companion.app.thread.FxThread;
import dev.companion.app.ui.AppActions;
import dev.companion.app.ui.Texts;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The Flows section's "Guide me with: [flow] Guide me" and "Stop guiding" (docs/flows.md, "Guide me
 * with"): a stored flow picked from the list, the window's own guide started or stopped. Every
 * control is a labelled, focusable control with an accessible text, so all of it works from the
 * keyboard.
 */
final class GuideMeBox extends VBox {
    private final Texts t;
    private final FlowLibrary library;
    private final Guiding guiding;
    private final ComboBox<FlowLibrary.Entry> flows = new ComboBox<>();
    private final BooleanProperty guidingNow = new SimpleBooleanProperty(false);
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final Label status = new Label();

    GuideMeBox(Texts t, FlowLibrary library, Guiding guiding) {
        this.t = t;
        this.library = library;
        this.guiding = guiding;
        setSpacing(6);
        setId("guideMeBox");
        Label label = new Label(t.get("flows.guide.with"));
        describe(flows, "guideFlow", t.get("flows.guide.with"));
        label.setLabelFor(flows);
        flows.setPromptText(t.get("flows.guide.pick"));
        flows.setConverter(new StringConverter<>() {
            @Override
            public String toString(FlowLibrary.Entry e) {
                return e == null ? "" : e.name();
            }

            @Override
            public FlowLibrary.Entry fromString(String s) {
                return null;
            }
        });
        flows.setOnShowing(e -> refresh());
        flows.focusedProperty().addListener((o, was, now) -> {
            if (now) {
                refresh();
            }
        });
        Button start = button(t, "guideMe", "flows.guide.start", this::start);
        start.disableProperty().bind(flows.valueProperty().isNull().or(busy).or(guidingNow));
        Button stop = button(t, "stopGuiding", "flows.guide.stop", this::stop);
        stop.disableProperty().bind(guidingNow.not().or(busy));
        status.setId("guideStatus");
        status.setWrapText(true);
        status.getStyleClass().add("hint");
        status.accessibleTextProperty().bind(status.textProperty());
        getChildren().addAll(label, flows, new HBox(8, start, stop), status);
        library.onChange(this::refresh); // a flow kept, imported, renamed or deleted shows here at once
        refresh();
    }

    /** Reads the stored flows again (the list may have changed in the library or by a recording). */
    void refresh() {
        library.list().whenComplete((list, e) -> FxThread.run(() -> {
            if (e == null) {
                FlowLibrary.Entry picked = flows.getValue();
                flows.getItems().setAll(list);
                list.stream().filter(x -> picked != null && x.id() == picked.id()).findFirst().ifPresent(flows::setValue);
            }
        }));
    }

    private void start() {
        FlowLibrary.Entry e = flows.getValue();
        if (e == null) {
            return;
        }
        busy.set(true);
        status.setText(t.get("flows.guide.starting", e.name()));
        guiding.guide(e.id()).whenComplete((ok, error) -> FxThread.run(() -> {
            busy.set(false);
            if (error == null) {
                guidingNow.set(true);
                status.setText(t.get("flows.guide.started", e.name()));
            } else {
                status.setText(AppActions.cause(error) instanceof Guiding.InGroup ? t.get("flows.guide.inGroup")
                        : FlowWords.failure(t, error));
            }
        }));
    }

    private void stop() {
        busy.set(true);
        guiding.stop().whenComplete((ok, error) -> FxThread.run(() -> {
            busy.set(false);
            guidingNow.set(false);
            status.setText(error == null ? t.get("flows.guide.stopped") : FlowWords.failure(t, error));
        }));
    }
}
