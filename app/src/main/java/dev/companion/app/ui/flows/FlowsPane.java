package dev.companion.app.ui.flows;

import static dev.companion.app.ui.flows.FlowWords.describe;

import dev.companion.app.flow.Flow;
import dev.companion.app.flow.FlowRecorder;
import dev.companion.app.flow.Recording;
import dev.companion.app.thread.FxThread;
import dev.companion.app.ui.AppActions;
import dev.companion.app.ui.AppViewModel;
import dev.companion.app.ui.Texts;
import dev.companion.p2p.protocol.Messages;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The sidebar's flows section: Record (the leader of a live group, or anyone alone), a visible
 * indicator while recording, Stop that asks for a name and keeps the flow, the flow library,
 * "Guide me with: …" ({@link GuideMeBox}), and the flows members shared, waiting for a yes or no.
 */
public final class FlowsPane extends VBox {
    /** What the section works with; made once by the app, kept when the window is rebuilt. */
    public record Parts(Recording recording, FlowLibrary library, FlowOffers offers, FlowSender sender, Guiding guiding) {
    }

    private final AppViewModel model;
    private final AppActions actions;
    private final Recording recording;
    private final FlowLibrary library;
    private final Texts t;
    private final IntegerProperty recorded = new SimpleIntegerProperty(-1); // -1: not recording
    private final Button record;
    private final Label indicator = new Label();
    private final VBox naming = new VBox(6);
    private final BooleanProperty waitingForName = new SimpleBooleanProperty(false);
    private final TextField name = new TextField();
    private final Label status = new Label();
    private FlowRecorder stopped; // FX thread: a recording waiting for its name

    public FlowsPane(AppViewModel model, AppActions actions, Parts parts, FileChoices files) {
        this.model = model;
        this.actions = actions;
        this.recording = parts.recording();
        this.library = parts.library();
        this.t = model.texts();
        setId("flowsPane");
        setSpacing(6);
        Label title = new Label(t.get("flows.title"));
        title.getStyleClass().add("section-title");
        record = describe(new Button(t.get("flows.record")), "recordFlow", t.get("flows.record.help"));
        record.setOnAction(e -> toggle());
        BooleanBinding follower = Bindings.createBooleanBinding(() -> {
            Messages.GroupState g = model.group.get();
            return g != null && !g.leader().equals(model.user.get());
        }, model.group, model.user);
        record.disableProperty().bind(follower.and(recorded.lessThan(0)).or(waitingForName));
        Label followerHint = new Label(t.get("flows.record.leaderOnly"));
        followerHint.getStyleClass().add("hint");
        followerHint.visibleProperty().bind(follower.and(recorded.lessThan(0)));
        followerHint.managedProperty().bind(followerHint.visibleProperty());
        indicator.setId("recordingIndicator");
        indicator.getStyleClass().add("recording");
        indicator.textProperty().bind(Bindings.createStringBinding(() -> t.get("flows.recording", recorded.get()), recorded));
        indicator.accessibleTextProperty().bind(indicator.textProperty());
        indicator.visibleProperty().bind(recorded.greaterThanOrEqualTo(0));
        indicator.managedProperty().bind(indicator.visibleProperty());
        buildNaming();
        status.setId("flowsStatus");
        status.setWrapText(true);
        status.getStyleClass().add("hint");
        status.accessibleTextProperty().bind(status.textProperty());
        Button open = describe(new Button(t.get("flows.library")), "openLibrary", t.get("flows.library.help"));
        open.setOnAction(e -> new FlowLibraryDialog(model, actions, library, files, parts.sender())
                .show(getScene().getWindow()));
        getChildren().addAll(title, new HBox(8, record, open), followerHint, indicator, naming, status,
                new GuideMeBox(t, library, parts.guiding()), new OffersPane(t, parts.offers()));
    }

    private void buildNaming() {
        Label label = new Label(t.get("flows.name"));
        describe(name, "flowName", t.get("flows.name"));
        name.setPromptText(t.get("flows.name.prompt"));
        label.setLabelFor(name);
        Button save = describe(new Button(t.get("flows.save")), "saveFlow", t.get("flows.save.help"));
        save.getStyleClass().add("primary");
        save.setOnAction(e -> save());
        name.setOnAction(e -> save());
        Button discard = describe(new Button(t.get("flows.discard")), "discardFlow", t.get("flows.discard.help"));
        discard.setOnAction(e -> {
            stopped = null;
            showNaming(false);
            status.setText(t.get("flows.discarded"));
        });
        naming.setId("flowNaming");
        naming.getChildren().addAll(label, name, new HBox(8, save, discard));
        naming.visibleProperty().bind(waitingForName);
        naming.managedProperty().bind(waitingForName);
    }

    private void showNaming(boolean on) {
        waitingForName.set(on);
    }

    /** Record, or Stop: the steps so far wait for a name; nothing recorded keeps nothing. */
    private void toggle() {
        if (recorded.get() < 0) {
            recording.start(n -> FxThread.run(() -> {
                if (recording.active()) {
                    recorded.set(n);
                }
            }));
            recorded.set(0);
            record.setText(t.get("flows.stop"));
            record.setAccessibleText(t.get("flows.stop.help"));
            status.setText("");
            model.log(tx -> tx.get("flows.recording.started"));
            return;
        }
        FlowRecorder r = recording.stop();
        recorded.set(-1);
        record.setText(t.get("flows.record"));
        record.setAccessibleText(t.get("flows.record.help"));
        if (r == null || r.size() == 0) {
            showNaming(false);
            status.setText(t.get("flows.nothing"));
            return;
        }
        stopped = r;
        showNaming(true);
        status.setText(t.get("flows.stopped", r.size()));
        name.requestFocus();
    }

    private void save() {
        FlowRecorder r = stopped;
        if (r == null) {
            return;
        }
        Flow flow;
        try {
            flow = r.stop(name.getText(), t.locale().toLanguageTag());
        } catch (RuntimeException e) {
            status.setText(FlowWords.failure(t, e));
            return;
        }
        actions.attempt(() -> library.add(flow), stored -> {
            stopped = null;
            name.clear();
            showNaming(false);
            status.setText(t.get("flows.saved", stored.flow().name(), stored.flow().steps().size()));
            model.log(status.getText());
        }, e -> status.setText(FlowWords.failure(t, e)));
    }
}
