package dev.companion.app.ui.group;

import dev.companion.app.ui.AppActions;
import dev.companion.app.ui.AppViewModel;
import dev.companion.app.ui.Texts;
import dev.companion.p2p.protocol.Action;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** Manual following, sending side: what this user did since the last step, Send (as one step) and Discard. */
final class HeldStepsPane extends VBox {
    private final Texts t;
    private final Label count = new Label();
    private final Label list = new Label();
    private final Button send;
    private final Button discard;

    HeldStepsPane(AppViewModel model, AppActions actions, GroupActions group) {
        this.t = model.texts();
        setId("heldPane");
        getStyleClass().add("held-steps");
        count.setId("heldCount");
        count.setWrapText(true);
        list.setId("heldList");
        list.getStyleClass().add("hint");
        list.setWrapText(true);
        send = new Button(t.get("group.held.send"));
        send.setId("sendStep");
        send.getStyleClass().add("primary");
        send.setOnAction(e -> actions.attempt(group::sendHeld, sent -> { }, model::failed));
        discard = new Button(t.get("group.held.discard"));
        discard.setId("discardStep");
        discard.setOnAction(e -> actions.attempt(group::discardHeld, ok -> { }, model::failed));
        getChildren().addAll(count, list, new HBox(8, send, discard));
    }

    void show(List<Action> held) {
        count.setText(t.get("group.held.count", held.size()));
        list.setText(held.isEmpty() ? "" : StepText.describeAll(t, held));
        list.setVisible(!held.isEmpty());
        list.setManaged(!held.isEmpty());
        javafx.scene.Node owner = getScene() == null ? null : getScene().getFocusOwner();
        boolean keysHere = owner == send || owner == discard;
        send.setDisable(held.isEmpty());
        discard.setDisable(held.isEmpty());
        if (keysHere && held.isEmpty()) {
            // a disabled button passes the keys on to the next one, Leave group, where a second Space
            // or Enter would end the group: the keys stay on this pane (Tab goes on from here)
            requestFocus();
        }
    }
}
