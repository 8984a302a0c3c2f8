package dev.companion.app.ui.contacts;

import dev.companion.app.ui.AppActions;
import dev.companion.app.ui.AppViewModel;
import dev.companion.app.ui.Texts;
import dev.companion.p2p.protocol.Messages;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** Invitations received: who invites, Accept (join and follow) or Decline (the inviter is told). */
public final class InvitationsPane extends VBox {
    private final AppViewModel model;
    private final AppActions actions;
    private final VBox rows = new VBox(6);

    public InvitationsPane(AppViewModel model, AppActions actions) {
        this.model = model;
        this.actions = actions;
        setSpacing(6);
        Label title = new Label(model.texts().get("invitations.title"));
        title.getStyleClass().add("section-title");
        getChildren().addAll(title, rows);
        visibleProperty().bind(Bindings.isNotEmpty(model.invitations));
        managedProperty().bind(visibleProperty());
        model.invitations.addListener((javafx.collections.ListChangeListener<Messages.Invitation>) c -> rebuild());
        rebuild(); // invitations that came before this pane (a language switch rebuilds the window)
    }

    private void rebuild() {
        Texts t = model.texts();
        rows.getChildren().clear();
        for (Messages.Invitation inv : model.invitations) {
            Label text = new Label(t.get("invitations.from", inv.from()));
            text.getStyleClass().add("hint");
            Button accept = new Button(t.get("invitations.accept"));
            accept.setId("acceptInvitation-" + inv.from());
            accept.getStyleClass().add("primary");
            Button decline = new Button(t.get("invitations.decline"));
            decline.setId("declineInvitation-" + inv.from());
            accept.setOnAction(e -> decide(inv, true));
            decline.setOnAction(e -> decide(inv, false));
            rows.getChildren().add(new VBox(4, text, new HBox(8, accept, decline)));
        }
    }

    private void decide(Messages.Invitation inv, boolean accept) {
        model.invitations.remove(inv);
        actions.run(() -> actions.session().answer(inv.id(), accept), ok -> { });
    }
}
