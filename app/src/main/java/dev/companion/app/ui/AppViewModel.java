package dev.companion.app.ui;

import dev.companion.app.follow.FollowListener;
import dev.companion.app.session.SessionListener;
import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.Messages;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;

/**
 * The window's state as JavaFX properties. Session and follow events arrive on background threads
 * and are moved onto the FX thread here; views bind to these properties and touch nothing else.
 */
public final class AppViewModel implements SessionListener, FollowListener {
    private static final int LOG_LIMIT = 200;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private volatile Texts texts;
    public final BooleanProperty signedIn = new SimpleBooleanProperty(false);
    public final StringProperty user = new SimpleStringProperty("");
    public final BooleanProperty controlCenterOnline = new SimpleBooleanProperty(false);
    public final StringProperty controlCenterReason = new SimpleStringProperty("");
    public final ObservableList<Messages.Contact> contacts = FXCollections.observableArrayList();
    public final ObservableList<Messages.Invitation> invitations = FXCollections.observableArrayList();
    public final ObjectProperty<Messages.GroupState> group = new SimpleObjectProperty<>();
    public final ObservableSet<String> linked = FXCollections.observableSet();
    public final StringProperty groupNotice = new SimpleStringProperty("");
    public final ObservableList<String> activity = FXCollections.observableArrayList();

    public AppViewModel(Texts texts) {
        this.texts = texts;
    }

    public Texts texts() {
        return texts;
    }

    /** Switches the language of new text; the views rebuild themselves (see MainWindow). */
    public void setTexts(Texts texts) {
        this.texts = texts;
    }

    public void log(String line) {
        FxThread.run(() -> {
            activity.add(0, LocalTime.now().format(TIME) + "  " + line);
            if (activity.size() > LOG_LIMIT) {
                activity.remove(LOG_LIMIT, activity.size());
            }
        });
    }

    public void signedIn(String name) {
        FxThread.run(() -> {
            user.set(name);
            signedIn.set(true);
        });
    }

    @Override
    public void onContacts(List<Messages.Contact> list) {
        FxThread.run(() -> contacts.setAll(list));
    }

    @Override
    public void onInvitation(Messages.Invitation invitation) {
        FxThread.run(() -> invitations.add(invitation));
    }

    @Override
    public void onInvitationAnswered(Messages.InvitationAnswered a) {
        String line = texts.get(a.accepted() ? "invitations.accepted" : "invitations.declined", a.user());
        FxThread.run(() -> groupNotice.set(line));
        log(line);
    }

    @Override
    public void onGroup(Messages.GroupState g, String reason, String who) {
        FxThread.run(() -> {
            Messages.GroupState old = group.get();
            group.set(g);
            if (g == null) {
                linked.clear();
                String notice = reason == null ? "" : switch (reason) {
                    case "disconnected" -> texts.get("group.ended.disconnected", who);
                    case "left" -> who != null && !who.equals(user.get()) ? texts.get("group.ended.left", who) : texts.get("group.left");
                    default -> "";
                };
                groupNotice.set(notice);
                if (!notice.isEmpty()) {
                    log(notice);
                }
            } else if (old != null && old.group().equals(g.group())) {
                for (Messages.Member m : old.members()) {
                    if (g.members().stream().noneMatch(n -> n.user().equals(m.user()))) {
                        String notice = texts.get("group.member.left", m.user());
                        groupNotice.set(notice);
                        linked.remove(m.user());
                        log(notice);
                    }
                }
            }
        });
    }

    @Override
    public void onControlCenter(boolean online, String reason) {
        FxThread.run(() -> {
            controlCenterOnline.set(online);
            controlCenterReason.set(reason == null ? "" : reason);
        });
    }

    @Override
    public void onLink(String peer, boolean up) {
        FxThread.run(() -> {
            if (up) {
                linked.add(peer);
            } else {
                linked.remove(peer);
            }
        });
    }

    @Override
    public void onProblem(String code, String detail) {
        log(texts.get("activity.problem", code, detail));
    }

    @Override
    public void onSent(long seq, Action action, int recipients) {
        log(texts.get("activity.sent", describe(action)));
    }

    @Override
    public void onApplied(String from, long seq, Action action, boolean applied, String reason) {
        log(applied ? texts.get("activity.applied", describe(action))
                : texts.get("activity.failed", describe(action), reason));
    }

    @Override
    public void onRefused(String from, long seq, String code, String reason) {
        log(texts.get("activity.refused", from, code + " " + reason));
    }

    /** A short description of an action for the activity list (never a field's value). */
    static String describe(Action a) {
        return switch (a.kind()) {
            case "navigate" -> "open " + a.url();
            case "scroll" -> "scroll to " + Math.round(a.y());
            default -> a.kind() + " " + a.selector();
        };
    }
}
