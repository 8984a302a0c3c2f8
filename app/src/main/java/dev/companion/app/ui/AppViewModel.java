package dev.companion.app.ui;

import dev.companion.app.follow.ApplyResult;
import dev.companion.app.follow.FollowListener;
import dev.companion.app.follow.MemberStatus;
import dev.companion.app.follow.StepDecider;
import dev.companion.app.session.ControlCenterState;
import dev.companion.app.session.SessionListener;
import dev.companion.app.thread.FxThread;
import dev.companion.app.ui.group.GroupWords;
import dev.companion.app.ui.group.PendingStep;
import dev.companion.app.ui.group.StepText;
import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.CatchUpReason;
import dev.companion.p2p.link.LinkManager;
import dev.companion.p2p.link.LinkPath;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Outcome;
import dev.companion.p2p.protocol.ProposalKind;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import javafx.collections.ObservableSet;
import javafx.util.Duration;

/**
 * The window's state as JavaFX properties. Session and follow events arrive on background threads
 * and are moved onto the FX thread here; views bind to these properties and touch nothing else.
 *
 * <p>Over our usual size on purpose: it is the one list of the window's properties and of the hops
 * onto the FX thread that fill them; each method is a hop and a few assignments.
 */
public final class AppViewModel implements SessionListener, FollowListener {
    private static final int LOG_LIMIT = 200;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private volatile Texts texts;
    public final BooleanProperty signedIn = new SimpleBooleanProperty(false);
    public final StringProperty user = new SimpleStringProperty("");
    public final BooleanProperty controlCenterOnline = new SimpleBooleanProperty(false);
    public final StringProperty controlCenterReason = new SimpleStringProperty("");
    /** Where this terminal stands with the control center after sign-in (null before). */
    public final ObjectProperty<ControlCenterState> controlCenter = new SimpleObjectProperty<>();
    /** While waiting to try the control center again: the whole seconds left, counted down each second. */
    public final IntegerProperty retrySeconds = new SimpleIntegerProperty(0);
    private Timeline countdown; // FX thread; made at first use
    public final ObservableList<Messages.Contact> contacts = FXCollections.observableArrayList();
    public final ObservableList<Messages.Invitation> invitations = FXCollections.observableArrayList();
    public final ObjectProperty<Messages.GroupState> group = new SimpleObjectProperty<>();
    public final ObservableSet<String> linked = FXCollections.observableSet();
    /** Each linked member's path and round trip, as the session last told them. */
    public final ObservableMap<String, LinkManager.LinkStatus> paths = FXCollections.observableHashMap();
    public final StringProperty groupNotice = new SimpleStringProperty("");
    public final ObservableList<String> activity = FXCollections.observableArrayList();
    /** Manual mode, sending side: the actions waiting for Send. */
    public final ObservableList<Action> held = FXCollections.observableArrayList();
    /** Sending side: where each member is in following this terminal (from their results). */
    public final ObservableMap<String, MemberStatus> statuses = FXCollections.observableHashMap();
    /** A lead hand-over waiting for this user's answer, or null. */
    public final ObjectProperty<Messages.LeadProposal> leadProposal = new SimpleObjectProperty<>();
    /** Manual mode, following side: the step shown for a yes or no (the first of those waiting), or null. */
    public final ObjectProperty<PendingStep> pendingStep = new SimpleObjectProperty<>();
    /** Join by code, leader's side: people asking to join with this user's code, oldest first. */
    public final ObservableList<Messages.JoinAsked> joinAsks = FXCollections.observableArrayList();
    /** Join by code, joiner's side: the leader's last answer to this user's ask, or null. */
    public final ObjectProperty<Messages.JoinAnswered> joinAnswer = new SimpleObjectProperty<>();
    /** A companion://join/ link the app was started with, until it was looked up after sign-in ("" when none). */
    public final StringProperty joinLink = new SimpleStringProperty("");
    /** Film night, leading: whom the film waits for ("" when it waits for no one). */
    public final StringProperty filmNotice = new SimpleStringProperty("");
    /** This user stopped following for now ("take my screen back"). */
    public final BooleanProperty paused = new SimpleBooleanProperty(false);
    private final Deque<PendingStep> steps = new ArrayDeque<>(); // FX thread only
    /** The activity list's lines as words, newest first, to show again in another language (FX thread). */
    private final List<Logged> logged = new ArrayList<>();
    private Words noticeWords = tx -> ""; // the group notice's words (FX thread)

    /**
     * A line for the person in the language of the moment: made from bundle keys and arguments
     * ({@code tx -> tx.get("group.member.left", who)}), so a language switch shows it again in the new
     * language; text that came from elsewhere (a control center's reason, an error's message) is an
     * argument and stays as it came.
     */
    @FunctionalInterface
    public interface Words {
        String in(Texts t);
    }

    private record Logged(String time, Words words) {
    }

    public AppViewModel(Texts texts) {
        this.texts = texts;
    }

    public Texts texts() {
        return texts;
    }

    /**
     * Switches the language: the group notice and the activity list are shown again in it (FX thread);
     * the views rebuild themselves (see MainWindow).
     */
    public void setTexts(Texts texts) {
        this.texts = texts;
        FxThread.run(() -> {
            groupNotice.set(noticeWords.in(texts));
            activity.setAll(logged.stream().map(l -> l.time() + "  " + l.words().in(texts)).toList());
        });
    }

    /** A line in the activity list (any thread), as it came: it stays in its language. */
    public void log(String line) {
        log(tx -> line);
    }

    /** A line in the activity list (any thread), in the language of the moment. */
    public void log(Words words) {
        FxThread.run(() -> {
            Logged l = new Logged(LocalTime.now().format(TIME), words);
            logged.add(0, l);
            activity.add(0, l.time() + "  " + words.in(texts));
            if (activity.size() > LOG_LIMIT) {
                activity.remove(LOG_LIMIT, activity.size());
                logged.subList(LOG_LIMIT, logged.size()).clear();
            }
        });
    }

    /** A notice under the group panel (any thread), as it came; also kept in the activity list. */
    public void notice(String text) {
        notice(tx -> text);
    }

    /** A notice under the group panel (any thread) in the language of the moment; also kept in the activity list. */
    public void notice(Words words) {
        FxThread.run(() -> {
            noticeWords = words;
            groupNotice.set(words.in(texts));
        });
        log(words);
    }

    /** Tells the user a request failed (any thread): a notice and the activity list. */
    public void failed(Throwable e) {
        String why = AppActions.message(e); // as it came
        notice(tx -> tx.get("error.generic", why));
    }

    public void signedIn(String name) {
        FxThread.run(() -> {
            user.set(name);
            signedIn.set(true);
        });
    }

    /** Signed out (the classroom ended): the sign-in view again, no contacts. */
    public void signedOut() {
        FxThread.run(() -> {
            signedIn.set(false);
            contacts.clear();
        });
    }

    @Override
    public void onContacts(List<Messages.Contact> list) {
        FxThread.run(() -> contacts.setAll(list));
    }

    @Override
    public void onInvitation(Messages.Invitation invitation) {
        FxThread.run(() -> { // pending invitations come again with every login, also a reconnect's
            if (invitations.stream().noneMatch(i -> i.id().equals(invitation.id()))) {
                invitations.add(invitation);
            }
        });
    }

    @Override
    public void onInvitationAnswered(Messages.InvitationAnswered a) {
        notice(tx -> tx.get(a.accepted() ? "invitations.accepted" : "invitations.declined", a.user()));
    }

    @Override
    public void onGroup(Messages.GroupState g, String reason, String who) {
        FxThread.run(() -> {
            Messages.GroupState old = group.get();
            group.set(g);
            if (g == null) {
                linked.clear();
                clearFollowing();
                String me = user.get();
                Words notice = reason == null ? null : switch (reason) {
                    case "disconnected" -> tx -> tx.get("group.ended.disconnected", who);
                    case "gone" -> tx -> tx.get("group.ended.gone");
                    case "left" -> who != null && !who.equals(me) ? tx -> tx.get("group.ended.left", who) : tx -> tx.get("group.left");
                    default -> null;
                };
                if (notice == null) {
                    noticeWords = tx -> "";
                    groupNotice.set("");
                } else {
                    notice(notice);
                }
                return;
            }
            if (old != null && !old.group().equals(g.group())) {
                clearFollowing();
            }
            Messages.Member mine = g.member(user.get());
            paused.set(mine != null && mine.paused());
            if (old == null || !old.group().equals(g.group())) {
                return;
            }
            for (Messages.Member m : old.members()) {
                if (g.member(m.user()) == null) {
                    notice(tx -> tx.get("group.member.left", m.user()));
                    linked.remove(m.user());
                    statuses.remove(m.user());
                }
            }
            for (Messages.Member m : g.members()) {
                Messages.Member was = old.member(m.user());
                if (was != null && !was.state().equals(m.state()) && !m.user().equals(user.get())) {
                    String key = switch (m.state()) {
                        case PAUSED -> "group.member.nowPaused";
                        case AWAY -> "group.member.nowAway";
                        case HERE -> "group.member.nowHere";
                    };
                    log(tx -> tx.get(key, m.user()));
                }
            }
            if (!old.leader().equals(g.leader())) {
                String leader = g.leader();
                notice(leader.equals(user.get()) ? tx -> tx.get("group.lead.you") : tx -> tx.get("group.lead.now", leader));
                leadProposal.set(null); // a proposal was about the old leader
                if (!g.sends(user.get())) {
                    statuses.clear(); // nobody follows this user any more
                }
            } else if (!sameSettings(old, g)) {
                notice(tx -> tx.get("group.settings.now", GroupWords.mode(tx, g)));
            }
            if (!g.sends(user.get())) {
                held.clear();
            }
        });
    }

    private static boolean sameSettings(Messages.GroupState a, Messages.GroupState b) {
        return a.mode().equals(b.mode()) && a.following().equals(b.following()) && a.scope().equals(b.scope())
                && a.kinds().equals(b.kinds()) && a.pages().equals(b.pages());
    }

    /** FX thread: the group ended or was replaced: nothing of its following stays. */
    private void clearFollowing() {
        held.clear();
        statuses.clear();
        leadProposal.set(null);
        paused.set(false);
        declineSteps();
    }

    @Override
    public void onControlCenter(ControlCenterState state) {
        FxThread.run(() -> {
            ControlCenterState was = controlCenter.get();
            controlCenter.set(state);
            controlCenterOnline.set(state.online());
            controlCenterReason.set(state.reason() == null ? "" : state.reason());
            if (countdown == null) {
                countdown = new Timeline(new KeyFrame(Duration.seconds(1),
                        e -> retrySeconds.set(Math.max(0, retrySeconds.get() - 1))));
            }
            countdown.stop();
            retrySeconds.set(state.status() == ControlCenterState.Status.WAITING
                    ? (int) Math.ceil(state.retryIn().toMillis() / 1000.0) : 0);
            if (retrySeconds.get() > 0) {
                countdown.setCycleCount(retrySeconds.get());
                countdown.playFromStart();
            }
            if (was != null && was.online() && !state.online()) {
                // the control center's (or the connection's) words stay as they came; ours are worded here
                String reason = controlCenterReason.get();
                boolean byIt = state.closedByControlCenter();
                log(tx -> tx.get("session.cc.lost", byIt ? tx.get("session.cc.closedByIt") : reason));
            } else if (was != null && !was.online() && state.online()) {
                log(tx -> tx.get("session.cc.back"));
            }
        });
    }

    @Override
    public void onLink(String peer, boolean up) {
        FxThread.run(() -> {
            if (up) {
                linked.add(peer);
            } else {
                linked.remove(peer);
                paths.remove(peer);
            }
        });
    }

    @Override
    public void onLinkPath(String peer, LinkPath path, long rttMillis) {
        FxThread.run(() -> paths.put(peer, new LinkManager.LinkStatus(path, rttMillis)));
    }

    @Override
    public void onProblem(String code, String detail) {
        log(tx -> tx.get("activity.problem", code, detail));
    }

    @Override
    public void onSent(long seq, List<Action> actions, int recipients) {
        actions.forEach(action -> log(tx -> tx.get("activity.sent", describe(action))));
    }

    @Override
    public void onHeld(List<Action> list) {
        List<Action> copy = List.copyOf(list);
        FxThread.run(() -> held.setAll(copy));
    }

    @Override
    public void onApplied(String from, long seq, Action action, Outcome outcome, String reason) {
        String what = describe(action);
        Words line = switch (outcome) {
            case APPLIED -> tx -> tx.get("activity.applied", what);
            case DECLINED -> tx -> tx.get("activity.declined", what);
            case PAUSED -> tx -> tx.get("activity.paused", what);
            case WAITING -> tx -> tx.get("activity.waiting", what, reason == null ? "" : reason);
            case OWNER_ONLY -> tx -> tx.get("follow.ownerOnly", ApplyResult.ownerOnlyName(reason));
            case FAILED, REFUSED, SUPERSEDED ->
                    tx -> tx.get("activity.failed", what, outcome.wire() + (reason == null ? "" : ": " + reason));
        };
        if (outcome == Outcome.OWNER_ONLY) {
            notice(line); // "Press 'Place order' yourself": the page shows it outlined
        } else {
            log(line);
        }
    }

    @Override
    public void onRefused(String from, long seq, String code, String reason) {
        log(tx -> tx.get("activity.refused", from, code + " " + reason));
    }

    @Override
    public void onCaughtUp(String from, long seq, CatchUpReason reason, String page) {
        String whyKey = reason == CatchUpReason.JOIN ? "activity.caughtUp.join" : "activity.caughtUp.gap";
        log(page == null ? tx -> tx.get("activity.caughtUp", from, tx.get(whyKey))
                : tx -> tx.get("activity.caughtUp.page", from, StepText.place(page), tx.get(whyKey)));
    }

    @Override
    public void onFilmHeld(List<String> waitingFor) {
        String text = waitingFor.isEmpty() ? "" : texts.get("film.heldFor", String.join(", ", waitingFor));
        FxThread.run(() -> filmNotice.set(text));
    }

    @Override
    public void onMemberStatus(MemberStatus status) {
        FxThread.run(() -> {
            Messages.GroupState g = group.get();
            if (g != null && g.member(status.user()) != null) {
                statuses.put(status.user(), status);
            }
        });
    }

    // ---- lead hand-over -------------------------------------------------------------------------

    @Override
    public void onJoinAsked(Messages.JoinAsked asked) {
        FxThread.run(() -> joinAsks.add(asked));
    }

    @Override
    public void onJoinAnswered(Messages.JoinAnswered answered) {
        FxThread.run(() -> joinAnswer.set(answered));
    }

    @Override
    public void onLeadProposal(Messages.LeadProposal p) {
        FxThread.run(() -> {
            Messages.GroupState g = group.get();
            if (g == null || !g.group().equals(p.group()) || !p.to().equals(user.get())) {
                return;
            }
            leadProposal.set(p);
            log(tx -> tx.get(p.kind() == ProposalKind.ASK ? "group.lead.asks" : "group.lead.offers", p.from()));
        });
    }

    @Override
    public void onLeadAnswered(Messages.LeadAnswered a) {
        notice(tx -> tx.get(a.accepted() ? "group.lead.accepted" : "group.lead.declined", a.user()));
    }

    /** FX thread: the proposal shown was answered (or is gone). */
    public void clearLeadProposal(Messages.LeadProposal p) {
        if (Objects.equals(leadProposal.get(), p)) {
            leadProposal.set(null);
        }
    }

    // ---- manual following: step decisions ------------------------------------------------------

    /**
     * The app's {@link StepDecider}: shows each step for a yes or no, one at a time. The decision
     * completes on continueOn (the follow engine's thread), never on the FX thread that pressed the button.
     */
    public StepDecider stepDecider(Executor continueOn) {
        return (from, seq, actions) -> decide(from, seq, actions).thenApplyAsync(yes -> yes, continueOn);
    }

    /** Queues a step for this user's decision; any thread. Completes when Accept or Decline is pressed. */
    public CompletableFuture<Boolean> decide(String from, long seq, List<Action> actions) {
        PendingStep p = new PendingStep(from, seq, actions, new CompletableFuture<>());
        FxThread.run(() -> {
            steps.add(p);
            if (pendingStep.get() == null) {
                pendingStep.set(p);
            }
        });
        return p.decision();
    }

    /** FX thread: the user's answer to the step shown; the next waiting step (if any) is shown. */
    public void answerStep(boolean accept) {
        PendingStep p = pendingStep.get();
        if (p == null) {
            return;
        }
        steps.remove(p);
        pendingStep.set(steps.peek());
        log(tx -> tx.get(accept ? "activity.step.accepted" : "activity.step.declined", p.from()));
        p.decision().complete(accept);
    }

    /** FX thread: stops or starts following here; a stop declines the steps waiting for a decision. */
    public void setPaused(boolean on) {
        paused.set(on);
        if (on) {
            declineSteps();
        }
    }

    /** FX thread: every waiting step is declined (the group ended, or this user took their screen back). */
    private void declineSteps() {
        List<PendingStep> all = List.copyOf(steps);
        steps.clear();
        pendingStep.set(null);
        all.forEach(p -> p.decision().complete(false));
    }

    /** The element an action is on: its evidence's name, else its selector. */
    private static String element(String selector, Action a) {
        String name = a.target() == null ? null : a.target().name();
        return name != null && !name.isBlank() ? "'" + name + "'" : String.valueOf(selector);
    }

    /** A short description of an action for the activity list (never a field's value). */
    static String describe(Action a) {
        return switch (a) {
            case Action.Navigate n -> "open " + n.url();
            case Action.Scroll s -> "scroll to " + Math.round(s.y());
            case Action.Click c -> "click " + element(c.selector(), c);
            case Action.Input i -> "input " + element(i.selector(), i);
            case Action.Change c -> "change " + element(c.selector(), c);
            case Action.Submit s -> "submit " + element(s.selector(), s);
            case Action.Media m -> "media " + element(m.selector(), m);
            case Action.Key k -> "key " + k.phase() + " " + (k.selector() == null && k.target() == null ? "on the page"
                    : element(k.selector(), k));
        };
    }
}
