package dev.companion.app.ui.group;

import dev.companion.app.ui.AppActions;
import dev.companion.app.ui.AppViewModel;
import dev.companion.app.ui.Texts;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.ProposalKind;
import dev.companion.p2p.protocol.ProtocolException;
import javafx.animation.PauseTransition;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * A lead hand-over waiting for this user: "bob asks to lead" or "alice offers you the lead", with
 * Accept and Decline. It goes away when answered or when the proposal expires.
 */
final class LeadProposalPane extends VBox {
    private final AppViewModel model;
    private final Texts t;
    private final Label text = new Label();
    private final PauseTransition expiry = new PauseTransition();
    private Messages.LeadProposal shown;

    LeadProposalPane(AppViewModel model, AppActions actions, GroupActions group) {
        this.model = model;
        this.t = model.texts();
        setId("leadProposalPane");
        getStyleClass().add("lead-proposal");
        text.setId("leadProposal");
        text.setWrapText(true);
        Button accept = new Button(t.get("group.lead.accept"));
        accept.setId("acceptLead");
        accept.getStyleClass().add("primary");
        Button decline = new Button(t.get("group.lead.decline"));
        decline.setId("declineLead");
        accept.setOnAction(e -> answer(actions, group, true));
        decline.setOnAction(e -> answer(actions, group, false));
        expiry.setOnFinished(e -> model.clearLeadProposal(shown));
        getChildren().addAll(text, new HBox(8, accept, decline));
    }

    void show(Messages.LeadProposal p) {
        if (p.equals(shown)) {
            return;
        }
        shown = p;
        String words = t.get(p.kind() == ProposalKind.ASK ? "group.lead.asks" : "group.lead.offers", p.from());
        text.setText(words);
        setAccessibleText(words);
        expiry.stop();
        long left = p.expiresAt() - System.currentTimeMillis();
        if (p.expiresAt() > 0 && left > 0) {
            expiry.setDuration(Duration.millis(left));
            expiry.playFromStart();
        }
    }

    private void answer(AppActions actions, GroupActions group, boolean accept) {
        Messages.LeadProposal p = shown;
        if (p == null) {
            return;
        }
        expiry.stop();
        model.clearLeadProposal(p);
        actions.attempt(() -> group.answerLead(p.id(), accept), ok -> { }, e -> {
            if (e instanceof ProtocolException pe && pe.code() == ErrorCode.UNKNOWN_PROPOSAL) {
                model.notice(tx -> tx.get("group.lead.expired", p.from()));
            } else if (e instanceof ProtocolException pe && pe.code() == ErrorCode.NOT_IN_GROUP) {
                // Left (or removed from) the group while the request was shown: it no longer applies.
                model.notice(tx -> tx.get("group.lead.notMember", p.from()));
            } else {
                model.failed(e);
            }
        });
    }
}
