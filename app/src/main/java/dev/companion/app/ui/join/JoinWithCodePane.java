package dev.companion.app.ui.join;

import dev.companion.app.session.Joining;
import dev.companion.app.ui.AppActions;
import dev.companion.app.ui.AppViewModel;
import dev.companion.app.ui.Texts;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.ProtocolException;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.WeakChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The joiner's side of join by code, in the contacts area: type a code (or paste a companion://join/
 * link; a link the app was started with is filled in after sign-in), Look up, see who leads the group
 * and its members, then Ask to join or Cancel; then wait for the leader's answer.
 */
public final class JoinWithCodePane extends VBox {
    private final AppViewModel model;
    private final AppActions actions;
    private final Texts t;
    private final TextField field = new TextField();
    private final Label info = new Label();
    private final Button ask;
    private final Button cancel;
    private final HBox decide;
    private Messages.JoinInfo found;
    // held here, registered weakly
    private final ChangeListener<Messages.JoinAnswered> onAnswer = (o, was, now) -> {
        if (now != null) {
            answered(now);
        }
    };
    private final ChangeListener<Boolean> onSignedIn = (o, was, now) -> fromLink();
    private final ChangeListener<String> onLink = (o, was, now) -> fromLink();

    public JoinWithCodePane(AppViewModel model, AppActions actions) {
        this.model = model;
        this.actions = actions;
        this.t = model.texts();
        setId("joinWithCodePane");
        setSpacing(4);
        Label title = new Label(t.get("join.with"));
        title.getStyleClass().add("section-title");
        field.setId("joinCodeField");
        field.setPromptText(t.get("join.with.prompt"));
        field.setAccessibleText(t.get("join.with"));
        Button lookUp = new Button(t.get("join.lookUp"));
        lookUp.setId("lookUpJoinCode");
        lookUp.setOnAction(e -> lookUp());
        field.setOnAction(e -> lookUp());
        HBox.setHgrow(field, Priority.ALWAYS);
        info.setId("joinInfo");
        info.setWrapText(true);
        info.managedProperty().bind(info.visibleProperty());
        info.setVisible(false);
        ask = new Button(t.get("join.ask"));
        ask.setId("askToJoin");
        ask.getStyleClass().add("primary");
        ask.setOnAction(e -> askToJoin());
        cancel = new Button(t.get("join.cancel"));
        cancel.setId("cancelJoin");
        cancel.setOnAction(e -> reset());
        decide = new HBox(8, ask, cancel);
        decide.setId("joinDecide");
        decide.managedProperty().bind(decide.visibleProperty());
        decide.setVisible(false);
        getChildren().addAll(title, new HBox(6, field, lookUp), info, decide);
        model.joinAnswer.addListener(new WeakChangeListener<>(onAnswer)); // weak: a replaced panel goes
        // a companion://join/ link the app was started with: looked up once this user is signed in
        model.signedIn.addListener(new WeakChangeListener<>(onSignedIn));
        // or handed over later by another start of this profile (OneInstance)
        model.joinLink.addListener(new WeakChangeListener<>(onLink));
        fromLink();
    }

    private void fromLink() {
        String link = model.joinLink.get();
        if (model.signedIn.get() && link != null && !link.isBlank()) {
            model.joinLink.set("");
            field.setText(Joining.codeOf(link));
            lookUp();
        }
    }

    private void lookUp() {
        String code = field.getText();
        if (Joining.codeOf(code).isEmpty()) {
            return;
        }
        actions.attempt(() -> actions.session().joining().lookUp(code), this::found, this::refused);
    }

    private void found(Messages.JoinInfo i) {
        found = i;
        show(t.get("join.info", i.leader(), String.join(", ", i.members())));
        decide.setVisible(true);
        ask.setDisable(false);
    }

    private void askToJoin() {
        Messages.JoinInfo i = found;
        if (i == null) {
            return;
        }
        ask.setDisable(true);
        actions.attempt(() -> actions.session().joining().ask(i.code()), ok -> {
            decide.setVisible(false);
            show(t.get("join.waiting", i.leader()));
        }, this::refused);
    }

    private void answered(Messages.JoinAnswered a) {
        if (found == null || !found.group().equals(a.group())) {
            return;
        }
        String key = a.accepted() ? "join.accepted" : "join.declined";
        model.notice(tx -> tx.get(key));
        reset();
        if (!a.accepted()) {
            show(t.get(key));
        }
    }

    private void refused(Throwable e) {
        if (e instanceof ProtocolException pe) {
            switch (pe.code()) {
                case UNKNOWN_CODE -> {
                    show(t.get("join.unknown"));
                    decide.setVisible(false);
                    return;
                }
                case TOO_MANY_ATTEMPTS -> {
                    long s = pe.retryAfter() == null ? 1 : (pe.retryAfter() + 999) / 1000;
                    show(t.get("join.tooMany", s));
                    decide.setVisible(false);
                    return;
                }
                default -> { }
            }
        }
        model.failed(e);
    }

    private void show(String text) {
        info.setText(text);
        info.setAccessibleText(text);
        info.setVisible(true);
    }

    private void reset() {
        found = null;
        field.clear();
        info.setVisible(false);
        decide.setVisible(false);
    }
}
