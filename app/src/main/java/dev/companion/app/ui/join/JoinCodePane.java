package dev.companion.app.ui.join;

import dev.companion.app.ui.AppActions;
import dev.companion.app.ui.AppViewModel;
import dev.companion.app.ui.Texts;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.ProtocolException;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * The leader's side of join by code, in the group panel's actions: "Show a join code" (for the group
 * this user leads, or a new group when in none) shows the code, its companion://join/ link with the
 * time left and Copy; below, each person who asks to join with it, with Let in and Not now. The
 * group panel shows it while this user is in no group or leads one.
 */
public final class JoinCodePane extends VBox {
    private final AppViewModel model;
    private final AppActions actions;
    private final Texts t;
    private final Button show;
    private final Label code = new Label();
    private final Label left = new Label();
    private final Button copy;
    private final VBox shown;
    private final VBox asks = new VBox(4);
    private final Timeline tick = new Timeline(new KeyFrame(Duration.seconds(1), e -> countDown()));
    private Messages.JoinCodeIssued issued;

    public JoinCodePane(AppViewModel model, AppActions actions) {
        this.model = model;
        this.actions = actions;
        this.t = model.texts();
        setId("joinCodePane");
        setSpacing(4);
        show = new Button(t.get("join.show"));
        show.setId("showJoinCode");
        show.setOnAction(e -> actions.attempt(() -> actions.session().joining().showCode(), this::shown, model::failed));
        code.setId("joinCode");
        code.getStyleClass().add("join-code");
        code.setAccessibleText(t.get("join.code.title"));
        left.setId("joinCodeLeft");
        left.getStyleClass().add("hint");
        copy = new Button(t.get("join.code.copy"));
        copy.setId("copyJoinLink");
        copy.setOnAction(e -> copyLink());
        shown = new VBox(2, code, new HBox(8, left, copy));
        shown.setId("joinCodeShown");
        shown.managedProperty().bind(shown.visibleProperty());
        shown.setVisible(false);
        asks.setId("joinAsks");
        tick.setCycleCount(Timeline.INDEFINITE);
        getChildren().addAll(show, shown, asks);
        model.joinAsks.addListener(new javafx.collections.WeakListChangeListener<>(onAsks)); // weak: a replaced panel goes
        showAsks();
    }

    /** Held here, registered weakly. */
    private final javafx.collections.ListChangeListener<Messages.JoinAsked> onAsks = c -> showAsks();

    private void shown(Messages.JoinCodeIssued c) {
        issued = c;
        code.setText(c.code());
        shown.setVisible(true);
        countDown();
        tick.playFromStart();
    }

    private void countDown() {
        if (issued == null) {
            return;
        }
        long ms = issued.expiresAt() - System.currentTimeMillis();
        if (ms <= 0) {
            tick.stop();
            left.setText(t.get("join.code.expired"));
            code.getStyleClass().add("expired");
            copy.setDisable(true);
            return;
        }
        long s = (ms + 999) / 1000;
        left.setText(t.get("join.code.left", String.format("%d:%02d", s / 60, s % 60)));
        code.getStyleClass().remove("expired");
        copy.setDisable(false);
    }

    private void copyLink() {
        if (issued == null) {
            return;
        }
        ClipboardContent content = new ClipboardContent();
        content.putString(issued.link());
        Clipboard.getSystemClipboard().setContent(content);
        model.log(tx -> tx.get("join.code.copied", issued.link()));
    }

    private void showAsks() {
        asks.getChildren().clear();
        model.joinAsks.forEach(this::ask);
    }

    private void ask(Messages.JoinAsked asked) {
        Label who = new Label(t.get("join.asked", asked.from()));
        who.setWrapText(true);
        Button letIn = new Button(t.get("join.letIn"));
        letIn.setId("letIn-" + asked.from());
        letIn.getStyleClass().add("primary");
        Button notNow = new Button(t.get("join.notNow"));
        notNow.setId("notNow-" + asked.from());
        VBox row = new VBox(2, who, new HBox(8, letIn, notNow));
        letIn.setOnAction(e -> decide(asked, true));
        notNow.setOnAction(e -> decide(asked, false));
        asks.getChildren().add(row);
        long ms = asked.expiresAt() - System.currentTimeMillis();
        if (ms > 0) { // the control center forgets the ask then: so does the panel
            new Timeline(new KeyFrame(Duration.millis(ms), e -> model.joinAsks.remove(asked))).play();
        }
    }

    private void decide(Messages.JoinAsked asked, boolean accept) {
        model.joinAsks.remove(asked);
        actions.attempt(() -> actions.session().joining().decide(asked, accept), ok -> {
            if (accept) {
                shown.setVisible(false); // used once
                tick.stop();
                issued = null;
            }
        }, e -> {
            if (e instanceof ProtocolException pe && pe.code() == ErrorCode.UNKNOWN_PROPOSAL) {
                model.notice(tx -> tx.get("join.expiredAsk"));
            } else {
                model.failed(e);
            }
        });
    }
}
