package dev.companion.app.ui.group;

import dev.companion.app.ui.AppActions;
import dev.companion.app.ui.AppViewModel;
import dev.companion.app.ui.Background;
import dev.companion.app.ui.Fit;
import dev.companion.app.ui.Texts;
import dev.companion.app.ui.chat.ChatModel;
import dev.companion.app.ui.chat.ChatPane;
import dev.companion.app.ui.join.JoinCodePane;
import dev.companion.p2p.protocol.Messages;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.WeakChangeListener;
import javafx.collections.ListChangeListener;
import javafx.collections.MapChangeListener;
import javafx.collections.SetChangeListener;
import javafx.collections.WeakListChangeListener;
import javafx.collections.WeakMapChangeListener;
import javafx.collections.WeakSetChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/**
 * The group panel: who leads and who follows, the mode every member sees (with the partial scope
 * and who is paused or away), each member's link and progress, the lead hand-over, manual steps on
 * both sides, "take my screen back", the group chat ({@link ChatPane}), the settings editor (a
 * collapsible section) and Leave; for a leader (or someone in no group) the join code
 * ({@link JoinCodePane}). One line per member; a line or the scope that is too long for the sidebar
 * ends in "…" and shows in full as its tooltip.
 *
 * <p>Parts that do not apply are taken out of the scene (not just hidden), so what exists by fx:id
 * is what the user can see and use.
 */
public final class GroupPane extends VBox {
    private final AppViewModel model;
    private final Label status = new Label();
    private final Label mode = new Label();
    private final Label scope = new Label();
    private final Label presence = new Label();
    private final VBox members = new VBox(4);
    /** The members, one line each, scrolling past about a dozen (a classroom has up to 31). */
    private final ScrollPane memberList = new ScrollPane(members);
    private final Map<String, MemberRow> rows = new HashMap<>();
    private final LeadProposalPane proposal;
    private final StepPreviewPane preview;
    private final HeldStepsPane held;
    private final Button pause;
    private final Button askLead;
    private final Button leave;
    private final FlowPane buttons;
    private final TitledPane settings; // the SettingsEditor in a section opened when needed
    private final Label notice = new Label();
    private final Label filmNotice = new Label();
    private final JoinCodePane joinCode;
    private final AppActions actions;
    private final GroupActions group;
    private final Node chat; // the group's chat (ui.chat), or null
    // held strongly here, registered weakly: a panel replaced by a language switch can be collected
    private final ChangeListener<Object> onChange = (o, was, now) -> refresh();
    private final ListChangeListener<Object> onList = c -> refresh();
    private final SetChangeListener<Object> onSet = c -> refresh();
    private final MapChangeListener<Object, Object> onMap = c -> refresh();

    public GroupPane(AppViewModel model, AppActions actions) {
        this(model, actions, (dev.companion.app.browser.BrowserView) null);
    }

    /** view: the page the chat points in (null: none). */
    public GroupPane(AppViewModel model, AppActions actions, dev.companion.app.browser.BrowserView view) {
        this(model, actions, GroupActions.of(actions.session(), Background::run),
                new ChatPane(model, ChatModel.of(actions.session(), view)));
    }

    public GroupPane(AppViewModel model, AppActions actions, GroupActions group) {
        this(model, actions, group, null);
    }

    /** chat: the chat pane shown while in a group (null: none). */
    public GroupPane(AppViewModel model, AppActions actions, GroupActions group, Node chat) {
        this.model = model;
        this.actions = actions;
        this.group = group;
        this.chat = chat;
        Texts t = model.texts();
        setId("groupPane");
        getStyleClass().add("group-box");
        Label title = new Label(t.get("group.title"));
        title.getStyleClass().add("section-title");
        status.setId("groupStatus");
        status.getStyleClass().add("group-status");
        mode.setId("groupMode");
        mode.getStyleClass().add("group-mode");
        mode.setWrapText(true);
        scope.setId("groupScope");
        scope.getStyleClass().add("hint");
        Fit.oneLine(scope, OverrunStyle.ELLIPSIS); // the kinds first; long page patterns end in "…"
        presence.setId("groupPresence");
        presence.getStyleClass().add("hint");
        members.setId("groupMembers");
        memberList.setId("groupMemberList");
        memberList.getStyleClass().add("member-list");
        memberList.setFitToWidth(true);
        memberList.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        memberList.setFocusTraversable(false); // the rows' buttons take the focus, not the list
        notice.setId("groupNotice");
        notice.getStyleClass().add("hint");
        notice.textProperty().bind(model.groupNotice);
        filmNotice.setId("filmNotice");
        filmNotice.getStyleClass().add("hint");
        filmNotice.setWrapText(true);
        filmNotice.textProperty().bind(model.filmNotice);
        filmNotice.visibleProperty().bind(model.filmNotice.isNotEmpty());
        filmNotice.managedProperty().bind(filmNotice.visibleProperty());
        proposal = new LeadProposalPane(model, actions, group);
        preview = new StepPreviewPane(model);
        held = new HeldStepsPane(model, actions, group);
        pause = new Button();
        pause.setId("pauseButton");
        pause.setOnAction(e -> pause());
        askLead = new Button(t.get("group.lead.ask"));
        askLead.setId("askLead");
        askLead.setOnAction(e -> askLead());
        leave = new Button(t.get("group.leave"));
        leave.setId("leaveButton");
        leave.setOnAction(e -> actions.run(group::leave, ok -> { }));
        buttons = new FlowPane(8, 6);
        buttons.getStyleClass().add("group-buttons");
        settings = Fit.collapsible("groupSettingsSection", t.get("group.settings.title"), new SettingsEditor(model, actions, group));
        joinCode = new JoinCodePane(model, actions);
        model.group.addListener(new WeakChangeListener<>(onChange));
        model.user.addListener(new WeakChangeListener<>(onChange));
        model.paused.addListener(new WeakChangeListener<>(onChange));
        model.leadProposal.addListener(new WeakChangeListener<>(onChange));
        model.pendingStep.addListener(new WeakChangeListener<>(onChange));
        model.linked.addListener(new WeakSetChangeListener<>(onSet));
        model.held.addListener(new WeakListChangeListener<>(onList));
        model.statuses.addListener(new WeakMapChangeListener<>(onMap));
        model.paths.addListener(new WeakMapChangeListener<>(onMap));
        getChildren().add(title);
        refresh();
    }

    private void refresh() {
        Texts t = model.texts();
        Messages.GroupState g = model.group.get();
        String me = model.user.get();
        List<Node> shown = new ArrayList<>();
        shown.add(getChildren().get(0)); // the title
        shown.add(status);
        if (g == null) {
            status.setText(t.get("group.none"));
            rows.clear();
            members.getChildren().clear();
            shown.add(joinCode); // a code for a new group this user will lead
            shown.add(notice);
            replaceChildren(shown);
            return;
        }
        boolean iLead = me.equals(g.leader());
        status.setText(iLead ? t.get("group.you.lead", g.members().size() - 1) : t.get("group.following", g.leader()));
        mode.setText(GroupWords.mode(t, g));
        scope.setText(GroupWords.scope(t, g));
        presence.setText(GroupWords.presence(t, g));
        shown.add(mode);
        if (!scope.getText().isEmpty()) {
            shown.add(scope);
        }
        if (!presence.getText().isEmpty()) {
            shown.add(presence);
        }
        showMembers(g, me, iLead);
        shown.add(memberList);
        shown.add(filmNotice); // film night: whom the film waits for (shown only then)
        if (model.leadProposal.get() != null) {
            proposal.show(model.leadProposal.get());
            shown.add(proposal);
        }
        if (model.pendingStep.get() != null) {
            preview.show(model.pendingStep.get());
            shown.add(preview);
        }
        if ((g.manual() && g.sends(me)) || !model.held.isEmpty()) {
            held.show(model.held);
            shown.add(held);
        }
        List<Node> row = new ArrayList<>();
        if (g.mutual() || !iLead) {
            pause.setText(t.get(model.paused.get() ? "group.pause.off" : "group.pause.on"));
            row.add(pause);
        }
        if (!iLead) {
            row.add(askLead);
        }
        row.add(leave);
        if (!buttons.getChildren().equals(row)) {
            buttons.getChildren().setAll(row);
        }
        shown.add(buttons);
        if (iLead) {
            shown.add(joinCode);
        }
        shown.add(notice);
        if (chat != null) {
            shown.add(chat);
        }
        shown.add(settings);
        replaceChildren(shown);
    }

    /** Changes the children only when the list differs: re-adding a node would take its keyboard focus away. */
    private void replaceChildren(List<Node> shown) {
        if (!getChildren().equals(shown)) {
            getChildren().setAll(shown);
        }
    }

    private void showMembers(Messages.GroupState g, String me, boolean iLead) {
        rows.keySet().removeIf(u -> g.member(u) == null);
        List<Node> list = new ArrayList<>();
        for (Messages.Member m : g.members()) {
            MemberRow r = rows.computeIfAbsent(m.user(), u -> new MemberRow(u, model, actions, group));
            r.show(m, me, iLead, model.linked.contains(m.user()), model.paths.get(m.user()),
                    g.sends(me) ? model.statuses.get(m.user()) : null);
            list.add(r);
        }
        if (!members.getChildren().equals(list)) {
            members.getChildren().setAll(list);
        }
    }

    private void pause() {
        boolean on = !model.paused.get();
        model.setPaused(on);
        Texts t = model.texts();
        // the pause holds here even when the others cannot be told (control center unreachable)
        actions.attempt(() -> group.pause(on), ok -> { },
                e -> {
                    String why = AppActions.message(e); // as it came
                    model.notice(tx -> tx.get("group.pause.notTold", why));
                });
    }

    private void askLead() {
        Texts t = model.texts();
        Messages.GroupState g = model.group.get();
        actions.attempt(group::askLead, ok -> model.notice(tx -> tx.get("group.lead.asked", g == null ? "" : g.leader())),
                model::failed);
    }
}
