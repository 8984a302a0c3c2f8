package dev.companion.app.ui.group;

import dev.companion.app.follow.MemberStatus;
import dev.companion.app.ui.AppActions;
import dev.companion.app.ui.AppViewModel;
import dev.companion.app.ui.Fit;
import dev.companion.app.ui.Texts;
import dev.companion.p2p.link.LinkManager;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Role;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * One member on one line: name (and "leads" for the leader), state (here, away, paused), for the member this
 * user leads where they are in following ("step 42 · … · 1 not followed …"), then the peer link with its
 * path and round trip; too long for the sidebar, the line ends in "…" and its tooltip shows it all. The
 * leader can hand them the lead (the button is in the row only then).
 * Made once per member and updated in place, so keyboard focus stays on its button.
 */
final class MemberRow extends HBox {
    private final Texts t;
    private final Label text = new Label();
    private final Button offer;

    MemberRow(String user, AppViewModel model, AppActions actions, GroupActions group) {
        this.t = model.texts();
        setSpacing(8);
        setAlignment(Pos.CENTER_LEFT);
        getStyleClass().add("member-row");
        text.setId("member-" + user);
        Fit.oneLine(text, OverrunStyle.ELLIPSIS);
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMaxWidth(Double.MAX_VALUE);
        offer = new Button(t.get("group.lead.offer"));
        offer.setId("offerLead-" + user);
        offer.setAccessibleText(t.get("group.lead.offer.to", user));
        offer.setTooltip(new Tooltip(t.get("group.lead.offer.to", user)));
        offer.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // the line is elided, the button keeps its words
        offer.setOnAction(e -> actions.attempt(() -> group.offerLead(user),
                ok -> model.notice(tx -> tx.get("group.lead.offered", user)), model::failed));
        getChildren().add(text);
    }

    void show(Messages.Member m, String me, boolean iLead, boolean linked, LinkManager.LinkStatus path, MemberStatus status) {
        boolean self = m.user().equals(me);
        // one line, most telling first: who, their state, their step; the link last (it is elided first)
        String name = self ? t.get("group.member.you", m.user()) : m.user();
        StringBuilder b = new StringBuilder("• ")
                .append(m.role() == Role.LEADER ? t.get("group.member.named", name, t.get("group.member.leader")) : name)
                .append(" · ").append(GroupWords.word(t, "group.member.state." + m.state().wire()));
        if (status != null && !self) {
            b.append(" · ").append(GroupWords.status(t, status));
        }
        if (!self) {
            b.append(" · ").append(t.get(linked ? "group.member.link.up" : "group.member.link.down"));
            if (linked && path != null) {
                b.append(" · ").append(GroupWords.word(t, "group.member.path." + path.path().word()));
                if (path.rttMillis() >= 0) {
                    b.append(" · ").append(t.get("group.member.rtt", Long.toString(path.rttMillis())));
                }
            }
        }
        text.setText(b.toString());
        boolean canOffer = iLead && !self;
        if (canOffer != getChildren().contains(offer)) {
            if (canOffer) {
                getChildren().add(offer);
            } else {
                getChildren().remove(offer);
            }
        }
    }
}
