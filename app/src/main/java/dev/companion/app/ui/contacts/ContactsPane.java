package dev.companion.app.ui.contacts;

import dev.companion.app.ui.AppActions;
import dev.companion.app.ui.AppViewModel;
import dev.companion.app.ui.Texts;
import dev.companion.app.ui.join.JoinWithCodePane;
import dev.companion.app.ui.usage.UsagePane;
import dev.companion.p2p.protocol.ContactState;
import dev.companion.p2p.protocol.Messages;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;

/**
 * Friends with who is online, a way to add one, and an Invite button per online friend; below, join
 * with a code ({@link JoinWithCodePane}) and this user's own usage ({@link UsagePane}).
 */
public final class ContactsPane extends VBox {
    public ContactsPane(AppViewModel model, AppActions actions) {
        Texts t = model.texts();
        setSpacing(6);
        Label title = new Label(t.get("contacts.title"));
        title.getStyleClass().add("section-title");
        ListView<Messages.Contact> list = new ListView<>(model.contacts);
        list.setId("contactsList");
        list.setPlaceholder(new Label(t.get("contacts.empty")));
        list.setAccessibleText(t.get("contacts.title"));
        list.setCellFactory(v -> new ContactCell(model, actions));
        model.group.addListener((o, was, now) -> list.refresh()); // Invite is off for current members
        // keyboard: Enter on a friend invites them (or accepts their friend request)
        list.setOnKeyPressed(e -> {
            Messages.Contact c = list.getSelectionModel().getSelectedItem();
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER && c != null) {
                javafx.scene.Node b = list.lookup("#" + (c.state() == ContactState.PENDING_IN ? "acceptContact-" : "invite-") + c.user());
                if (b instanceof Button button && !button.isDisabled() && button.isVisible()) {
                    button.fire();
                }
                e.consume();
            }
        });
        TextField add = new TextField();
        add.setId("addContactField");
        add.setPromptText(t.get("contacts.add.prompt"));
        add.setAccessibleText(t.get("contacts.add.prompt"));
        Button addButton = new Button(t.get("contacts.add.button"));
        addButton.setId("addContactButton");
        addButton.setOnAction(e -> {
            String name = add.getText().trim();
            if (!name.isEmpty()) {
                actions.run(() -> actions.session().addContact(name), ok -> {
                    add.clear();
                    model.log(tx -> tx.get("contacts.add.sent", name));
                });
            }
        });
        HBox.setHgrow(add, Priority.ALWAYS);
        getChildren().addAll(title, list, new HBox(6, add, addButton), new JoinWithCodePane(model, actions),
                new UsagePane(model, actions));
    }

    /** One friend: a presence dot, name and state, and Invite or Accept. Its nodes are made once and reused. */
    private static final class ContactCell extends ListCell<Messages.Contact> {
        private final AppViewModel model;
        private final Circle dot = new Circle(5);
        private final Label name = new Label();
        private final Button invite = new Button();
        private final Button accept = new Button();
        private final HBox row;
        private Messages.Contact contact;

        ContactCell(AppViewModel model, AppActions actions) {
            this.model = model;
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            row = new HBox(8, dot, name, spacer, invite, accept);
            row.setAlignment(Pos.CENTER_LEFT);
            invite.managedProperty().bind(invite.visibleProperty());
            accept.managedProperty().bind(accept.visibleProperty());
            invite.setOnAction(e -> {
                String who = contact.user();
                // said under the group panel, where the person looks next: an answer is awaited (or why not)
                actions.attempt(() -> actions.session().invite(who),
                        sent -> model.notice(tx -> tx.get("invitations.waiting", who)), model::failed);
            });
            accept.setOnAction(e -> {
                String who = contact.user();
                actions.run(() -> actions.session().acceptContact(who), ok -> { });
            });
        }

        @Override
        protected void updateItem(Messages.Contact c, boolean empty) {
            super.updateItem(c, empty);
            contact = c;
            setText(null);
            if (empty || c == null) {
                setGraphic(null);
                return;
            }
            Texts t = model.texts();
            dot.getStyleClass().setAll(c.online() ? "dot-online" : "dot-offline");
            String state = switch (c.state()) {
                case PENDING_IN -> t.get("contacts.pending.in");
                case PENDING_OUT -> t.get("contacts.pending.out");
                case CONTACT -> t.get(c.online() ? "contacts.online" : "contacts.offline");
            };
            name.setText(c.user() + " · " + state);
            accept.setVisible(c.state() == ContactState.PENDING_IN);
            accept.setText(t.get("contacts.accept"));
            accept.setId("acceptContact-" + c.user());
            invite.setVisible(c.state() == ContactState.CONTACT);
            invite.setText(t.get("contacts.invite"));
            invite.setId("invite-" + c.user());
            invite.setAccessibleText(t.get("contacts.invite") + " " + c.user());
            Messages.GroupState g = model.group.get();
            boolean member = g != null && g.members().stream().anyMatch(m -> m.user().equals(c.user()));
            boolean canInvite = g == null || model.user.get().equals(g.leader());
            invite.setDisable(!c.online() || member || !canInvite);
            setGraphic(row);
            setAccessibleText(c.user() + " " + state);
        }
    }
}
