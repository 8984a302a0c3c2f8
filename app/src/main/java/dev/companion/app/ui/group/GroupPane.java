package dev.companion.app.ui.group;

import dev.companion.app.ui.AppActions;
import dev.companion.app.ui.AppViewModel;
import dev.companion.app.ui.Texts;
import dev.companion.p2p.protocol.Messages;
import javafx.beans.Observable;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** The group panel: who leads, who follows, link state per member, and Leave. */
public final class GroupPane extends VBox {
    private final AppViewModel model;
    private final Label status = new Label();
    private final Label mode = new Label();
    private final VBox members = new VBox(2);
    private final Label notice = new Label();
    private final Button leave;

    public GroupPane(AppViewModel model, AppActions actions) {
        this.model = model;
        Texts t = model.texts();
        getStyleClass().add("group-box");
        Label title = new Label(t.get("group.title"));
        title.getStyleClass().add("section-title");
        status.setId("groupStatus");
        status.getStyleClass().add("group-status");
        mode.getStyleClass().add("hint");
        members.setId("groupMembers");
        notice.setId("groupNotice");
        notice.getStyleClass().add("hint");
        notice.textProperty().bind(model.groupNotice);
        leave = new Button(t.get("group.leave"));
        leave.setId("leaveButton");
        leave.setOnAction(e -> actions.run(() -> actions.session().leave(), ok -> { }));
        getChildren().addAll(title, status, mode, members, leave, notice);
        model.group.addListener((Observable o) -> refresh());
        model.linked.addListener((Observable o) -> refresh());
        model.user.addListener((Observable o) -> refresh());
        refresh();
    }

    /** A mode word in the UI language; the wire value itself if this version has no word for it. */
    private static String word(Texts t, String key) {
        try {
            return t.get(key);
        } catch (java.util.MissingResourceException e) {
            return key.substring(key.lastIndexOf('.') + 1);
        }
    }

    private void refresh() {
        Texts t = model.texts();
        Messages.GroupState g = model.group.get();
        members.getChildren().clear();
        leave.setVisible(g != null);
        leave.setManaged(g != null);
        if (g == null) {
            status.setText(t.get("group.none"));
            mode.setText("");
            return;
        }
        String me = model.user.get();
        status.setText(me.equals(g.leader())
                ? t.get("group.you.lead", g.members().size() - 1)
                : t.get("group.following", g.leader()));
        mode.setText(t.get("group.mode", word(t, "group.mode." + g.mode()), word(t, "group.following." + g.following()),
                word(t, "group.scope." + g.scope())));
        for (Messages.Member m : g.members()) {
            String role = t.get("leader".equals(m.role()) ? "group.member.leader" : "group.member.follower");
            String link = m.user().equals(me) ? ""
                    : " · " + t.get(model.linked.contains(m.user()) ? "group.member.link.up" : "group.member.link.down");
            Label row = new Label("• " + m.user() + " (" + role + ")" + link);
            row.setId("member-" + m.user());
            members.getChildren().add(row);
        }
    }
}
