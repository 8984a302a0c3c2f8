package dev.companion.testkit;

import dev.companion.app.chat.ChatEntry;
import dev.companion.app.follow.ApplyResult;
import dev.companion.app.follow.FollowTarget;
import dev.companion.app.session.ControlCenterState;
import dev.companion.app.session.SessionListener;
import dev.companion.app.session.SessionService;
import dev.companion.app.store.LocalStore;
import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.NavigationCause;
import dev.companion.p2p.tls.Identity;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A terminal without a browser (a "headless bot"): the real session, control-center client, peer
 * links, follow engine and SQLite profile, with a target that records the actions it is asked to
 * apply ({@link Recording}). Unlike a LAN terminal's it pretends a page: the last URL it loaded
 * (loading one reports the page ready at once), whose snapshot is one field's state, and it keeps
 * the page states it is asked to restore.
 * Closing and opening it again on the same profile is an app restart.
 */
public final class HeadlessTerminal implements AutoCloseable, FollowTarget, SessionListener {
    public final String user;
    public final SessionService session;
    public final List<Action> applied;
    public final List<Messages.PageState> restored = new CopyOnWriteArrayList<>();
    public final Set<String> linked = ConcurrentHashMap.newKeySet();
    public final List<Messages.Invitation> invitations = new CopyOnWriteArrayList<>();
    public final List<Messages.LeadProposal> proposals = new CopyOnWriteArrayList<>();
    public final List<Messages.LeadAnswered> answers = new CopyOnWriteArrayList<>();
    /** What the bot that leads said to this terminal (bot_says), in order. */
    public final List<Messages.BotSays> botSaid = new CopyOnWriteArrayList<>();
    /** The chat lines this terminal kept since it started, in the order it kept them (own ones too). */
    public final List<ChatEntry> chat = new CopyOnWriteArrayList<>();
    public volatile Messages.GroupState group;
    public volatile String groupEnded;
    public volatile String page = "";
    /** The control-center connection as last reported (null before the first sign-in). */
    public volatile ControlCenterState controlCenter;
    private final LocalStore store;
    /** Load and apply: recorded in applied, as LanTerminal's; snapshot and restore are this terminal's pretend page. */
    private final Recording recording;
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);

    public HeadlessTerminal(String user, Path profile, int sccPort, String sccFingerprint) {
        this(user, profile, sccPort, sccFingerprint, new CopyOnWriteArrayList<>());
    }

    /** applied: where applied actions are recorded (kept by the test across restarts). */
    public HeadlessTerminal(String user, Path profile, int sccPort, String sccFingerprint, List<Action> applied) {
        this(user, profile, "127.0.0.1", sccPort, sccFingerprint, "127.0.0.1", applied, SessionService.Reconnect.DEFAULT);
    }

    /** reconnect: how the session tries the control center again (tests drive its timer by hand). */
    public HeadlessTerminal(String user, Path profile, int sccPort, String sccFingerprint, List<Action> applied,
                            SessionService.Reconnect reconnect) {
        this(user, profile, "127.0.0.1", sccPort, sccFingerprint, "127.0.0.1", applied, reconnect);
    }

    /** A terminal reaching the control center at sccHost and accepting peer links on bindHost ("0.0.0.0": every address). */
    public HeadlessTerminal(String user, Path profile, String sccHost, int sccPort, String sccFingerprint, String bindHost,
                            List<Action> applied) {
        this(user, profile, sccHost, sccPort, sccFingerprint, bindHost, applied, SessionService.Reconnect.DEFAULT);
    }

    private HeadlessTerminal(String user, Path profile, String sccHost, int sccPort, String sccFingerprint, String bindHost,
                             List<Action> applied, SessionService.Reconnect reconnect) {
        this.user = user;
        this.applied = applied;
        recording = new Recording(applied, this::pageReady);
        store = LocalStore.open(profile);
        session = new SessionService(new SessionService.Config(sccHost, sccPort, sccFingerprint,
                Identity.create(user), bindHost), store, this, scheduler, reconnect);
        session.addListener(this);
        session.addChatListener(chat::add);
    }

    /** This terminal's profile database (flows, journal...). */
    public LocalStore store() {
        return store;
    }

    public void login() throws Exception {
        session.login(user, user + "-pass").get(20, TimeUnit.SECONDS);
    }

    /** This terminal's user goes to url (its own navigation, as typed in the address bar). */
    public void browse(String url) {
        page = url;
        session.onLocalAction(Action.navigate(url, NavigationCause.USER));
    }

    @Override
    public void load(String url) {
        page = url;
        recording.load(url);
    }

    @Override
    public CompletableFuture<ApplyResult> apply(Action action) {
        return recording.apply(action);
    }

    @Override
    public CompletableFuture<Messages.PageState> snapshot() {
        String p = page;
        return CompletableFuture.completedFuture(Action.isWebUrl(p.isEmpty() ? "x:" : p)
                ? new Messages.PageState(p, List.of(new Messages.FieldState("", "#q", "state of " + user, null)), 0, 120, List.of())
                : null);
    }

    @Override
    public CompletableFuture<ApplyResult> restore(Messages.PageState state) {
        restored.add(state);
        return CompletableFuture.completedFuture(new ApplyResult(true, null));
    }

    @Override
    public void onGroup(Messages.GroupState g, String reason, String who) {
        group = g;
        if (g == null) {
            groupEnded = reason + ":" + who;
        }
    }

    @Override
    public void onControlCenter(ControlCenterState state) {
        controlCenter = state;
    }

    /** The control-center connection is in status (as last reported). */
    public boolean controlCenterIs(ControlCenterState.Status status) {
        ControlCenterState s = controlCenter;
        return s != null && s.status() == status;
    }

    @Override
    public void onLink(String peer, boolean up) {
        if (up) {
            linked.add(peer);
        } else {
            linked.remove(peer);
        }
    }

    @Override
    public void onInvitation(Messages.Invitation invitation) {
        invitations.add(invitation);
    }

    @Override
    public void onLeadProposal(Messages.LeadProposal p) {
        proposals.add(p);
    }

    @Override
    public void onLeadAnswered(Messages.LeadAnswered a) {
        answers.add(a);
    }

    @Override
    public void onBotSays(Messages.BotSays says) {
        botSaid.add(says);
    }

    public static void await(BooleanSupplier condition, String what) throws InterruptedException {
        await(condition, what, Duration.ofSeconds(20));
    }

    public static void await(BooleanSupplier condition, String what, Duration within) throws InterruptedException {
        Instant end = Instant.now().plus(within);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20); // polling with a deadline: the listener has no latch per condition
        }
    }

    /** A loaded URL's page is ready at once (there is no page to wait for). */
    private void pageReady(String url) {
        scheduler.execute(() -> session.onPageReady(url));
    }

    @Override
    public void close() {
        session.close();
        scheduler.shutdownNow();
        store.close();
    }
}
