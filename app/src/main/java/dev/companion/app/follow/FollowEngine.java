package dev.companion.app.follow;

import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.ActionKind;
import dev.companion.p2p.protocol.CatchUpReason;
import dev.companion.p2p.protocol.Codec;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.GroupMessage;
import dev.companion.p2p.protocol.GroupSettings;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.Messages.ActionMsg;
import dev.companion.p2p.protocol.Messages.CatchUp;
import dev.companion.p2p.protocol.Messages.GroupState;
import dev.companion.p2p.protocol.Messages.Member;
import dev.companion.p2p.protocol.Messages.PageState;
import dev.companion.p2p.protocol.Messages.Result;
import dev.companion.p2p.protocol.Messages.Resume;
import dev.companion.p2p.protocol.Messages.Step;
import dev.companion.p2p.protocol.NavigationCause;
import dev.companion.p2p.protocol.Outcome;
import dev.companion.p2p.protocol.Protocol;
import dev.companion.p2p.protocol.Scope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

/**
 * The follow engine: decides what this terminal sends, and what it applies, in every mode.
 *
 * <p><b>Sending.</b> A member's captured action travels when the group lets it send (the leader in
 * leader/follower mode, everyone in mutual mode), it is not paused, and the action is in the group's
 * scope; else it stays local. Each action (or, in manual mode, each step of held actions sent with
 * {@link #sendHeld()}) gets the sender's next sequence number in the group and is kept in a bounded
 * log ({@link FollowJournal}, {@link Protocol#LOG_BOUND}) before it goes to every member.
 *
 * <p><b>Receiving.</b> Received messages are untrusted: the link authenticated the sender; the engine
 * checks it is a member allowed to send, and the sequence number. Each sender's actions are applied
 * exactly once, in order: a duplicate is refused (STALE_SEQUENCE), an early one is held while the gap
 * is asked for again with {@code resume}, one that cannot be right is refused (SEQUENCE_INVALID).
 * What was applied is recorded in the journal, so a restart resumes where it stopped. When the
 * sender's log cannot fill a gap, or the member is new or resumes after a pause, the sender answers
 * {@code catch_up}: the leader's page state, which this terminal loads and restores -- said, never
 * skipped silently. Every applied, failed, declined, refused, superseded or paused action is answered
 * with a {@code result} to its sender, which shows it per member ({@link MemberStatus}).
 *
 * <p><b>Mutual mode.</b> Nothing is forwarded (each member sends its own actions to all), so nothing
 * echoes or loops; a navigation that follows from applying someone else's action is not sent again.
 * Concurrent changes of the same thing (a field, the page, a scroll position, a media element) end
 * in one agreed state: every action carries a Lamport clock, and a change older than the last one
 * seen for that thing, by (clock, sender), is superseded instead of applied.
 *
 * <p>Threads: public methods may be called from any thread; applying runs on the scheduler, one
 * action after the other, never on the caller's thread.
 */
public final class FollowEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FollowEngine.class);

    /**
     * Waiting bounds: pageWait, how long a follower waits to reach the page of an action by itself;
     * arriveWait, the same for a page the leader reached through the page (a link, a form);
     * loadWait, how long a catch-up load may take; echoWindow, how long after applying a received
     * action a page-caused navigation here counts as its consequence (mutual mode: not sent);
     * resumeRetry, how long a gap may stay open before resume is sent again.
     */
    public record Timing(Duration pageWait, Duration arriveWait, Duration loadWait, Duration echoWindow,
                         Duration resumeRetry) {
        public static final Timing DEFAULT = new Timing(Duration.ofSeconds(5), Duration.ofSeconds(3),
                Duration.ofSeconds(15), Duration.ofSeconds(2), Duration.ofSeconds(2));

        public Timing(Duration pageWait, Duration arriveWait, Duration loadWait) {
            this(pageWait, arriveWait, loadWait, DEFAULT.echoWindow, DEFAULT.resumeRetry);
        }
    }

    /** What a sender's stream looks like from here. last: the last seq accepted; -1 until synced. */
    private static final class Inbound {
        long last;
        final java.util.TreeMap<Long, Message> held = new java.util.TreeMap<>();
        long askedAt;

        Inbound(long last) {
            this.last = last;
        }
    }

    private final String me;
    private final Outbox outbox;
    private final FollowTarget target;
    private final ScheduledExecutorService scheduler;
    private final Timing timing;
    private final FollowJournal journal;
    private final StepDecider decider;
    private final int logBound;
    private final CopyOnWriteArrayList<FollowListener> listeners = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<PageWaiter> waiters = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private final ScheduledFuture<?> ticker;

    // under lock
    private GroupState group;
    private long sendSeq;
    private long lamport;
    private final Map<String, Inbound> inbound = new HashMap<>();
    private final Map<String, MemberStatus> statuses = new HashMap<>();
    private final List<Action> held = new ArrayList<>();
    private final Registers registers = new Registers();
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

    private volatile boolean paused;
    private volatile boolean closed;
    private volatile long lastRemoteApply = System.nanoTime() - Duration.ofHours(1).toNanos();
    private volatile String readyUrl = "";

    public FollowEngine(String me, Outbox outbox, FollowTarget target, ScheduledExecutorService scheduler) {
        this(me, outbox, target, scheduler, Timing.DEFAULT);
    }

    public FollowEngine(String me, Outbox outbox, FollowTarget target, ScheduledExecutorService scheduler, Timing timing) {
        this(me, outbox, target, scheduler, timing, new MemoryJournal(), StepDecider.ACCEPT_ALL, Protocol.LOG_BOUND);
    }

    public FollowEngine(String me, Outbox outbox, FollowTarget target, ScheduledExecutorService scheduler, Timing timing,
                        FollowJournal journal, StepDecider decider, int logBound) {
        this.me = Objects.requireNonNull(me);
        this.outbox = Objects.requireNonNull(outbox);
        this.target = Objects.requireNonNull(target);
        this.scheduler = Objects.requireNonNull(scheduler);
        this.timing = Objects.requireNonNull(timing);
        this.journal = Objects.requireNonNull(journal);
        this.decider = Objects.requireNonNull(decider);
        if (logBound < 1) {
            throw new IllegalArgumentException("logBound must be positive");
        }
        this.logBound = logBound;
        long tick = Math.max(20, timing.resumeRetry().toMillis() / 4);
        this.ticker = scheduler.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
    }

    public void addListener(FollowListener l) {
        listeners.add(l);
    }

    // ---- group and local state ------------------------------------------------------------------

    /** The control center's latest view of the group (or null when there is none). */
    public void onGroup(GroupState g) {
        List<Action> flushed = null;
        synchronized (lock) {
            boolean same = g != null && group != null && group.group().equals(g.group());
            if (!same) {
                inbound.clear();
                statuses.clear();
                held.clear();
                registers.clear();
                paused = false;
                journal.forgetAllBut(g == null ? null : g.group());
                sendSeq = g == null ? 0 : journal.lastSent(g.group());
            }
            GroupState old = group;
            group = g;
            if (g == null) {
                return;
            }
            for (String gone : List.copyOf(inbound.keySet())) {
                if (g.member(gone) == null) { // left: if they come back they start their numbering again
                    inbound.remove(gone);
                    journal.forgetSender(g.group(), gone);
                }
            }
            statuses.keySet().removeIf(u -> g.member(u) == null);
            for (Member m : g.members()) {
                if (!m.user().equals(me)) {
                    inbound.computeIfAbsent(m.user(), u -> new Inbound(journal.applied(g.group(), u)));
                }
            }
            if (!held.isEmpty() && (!g.sends(me) || !g.manual())) {
                if (g.sends(me) && old != null && old.manual()) {
                    sendStepLocked(g); // manual switched to auto: what was held goes as one step
                } else {
                    held.clear();
                }
                flushed = List.of();
            }
        }
        if (flushed != null) {
            listeners.forEach(l -> l.onHeld(List.of()));
        }
    }

    public boolean isLeader() {
        synchronized (lock) {
            return group != null && me.equals(group.leader());
        }
    }

    public boolean isPaused() {
        return paused;
    }

    /** Manual mode: the actions waiting for Send. */
    public List<Action> held() {
        synchronized (lock) {
            return List.copyOf(held);
        }
    }

    /** Where each member is in following this terminal, as their results said. */
    public List<MemberStatus> statuses() {
        synchronized (lock) {
            return List.copyOf(statuses.values());
        }
    }

    /**
     * Stops following ("take my screen back": received actions are answered paused, not applied) or
     * starts again: then every sender is asked to bring this terminal to where it is now (catch_up).
     */
    public void setPaused(boolean p) {
        synchronized (lock) {
            if (paused == p) {
                return;
            }
            paused = p;
            if (!p && group != null) {
                for (Map.Entry<String, Inbound> e : inbound.entrySet()) {
                    e.getValue().last = -1;
                    e.getValue().held.clear();
                    sendResume(group, e.getKey(), e.getValue());
                }
            }
        }
    }

    // ---- sending --------------------------------------------------------------------------------

    /** An action the page agent captured here. Sent when this terminal may send in its group. */
    public void onLocalAction(Action action) {
        List<Action> nowHeld = null;
        synchronized (lock) {
            GroupState g = group;
            if (closed || g == null || g.members().size() < 2 || paused || !g.sends(me)
                    || !GroupSettings.inScope(g, action)) {
                return; // stays local
            }
            if (g.mutual() && action instanceof Action.Navigate n && n.cause() == NavigationCause.PAGE
                    && System.nanoTime() - lastRemoteApply < timing.echoWindow().toNanos()) {
                return; // the consequence of applying someone else's action: they caused it, not us
            }
            long clock = ++lamport;
            registers.claim(action, clock, me);
            if (g.manual()) {
                if (held.size() >= Protocol.MAX_STEP_ACTIONS) {
                    sendStepLocked(g);
                }
                held.add(action);
                nowHeld = List.copyOf(held);
            } else {
                sendLocked(g, seq -> new ActionMsg(g.group(), me, seq, clock, action), List.of(action));
            }
        }
        if (nowHeld != null) {
            List<Action> h = nowHeld;
            listeners.forEach(l -> l.onHeld(h));
        }
    }

    /** Manual mode: sends the held actions as one step. Returns false when nothing was held. */
    public boolean sendHeld() {
        synchronized (lock) {
            if (held.isEmpty() || group == null) {
                return false;
            }
            sendStepLocked(group);
        }
        listeners.forEach(l -> l.onHeld(List.of()));
        return true;
    }

    /** Manual mode: forgets the held actions (they stay local). */
    public void discardHeld() {
        synchronized (lock) {
            held.clear();
        }
        listeners.forEach(l -> l.onHeld(List.of()));
    }

    private void sendStepLocked(GroupState g) {
        List<Action> actions = List.copyOf(held);
        held.clear();
        long clock = ++lamport;
        sendLocked(g, seq -> new Step(g.group(), me, seq, clock, actions), actions);
    }

    /** Under lock: numbers, logs and broadcasts one message. */
    private void sendLocked(GroupState g, LongFunction<Message> make, List<Action> actions) {
        long seq = ++sendSeq;
        Message m = make.apply(seq);
        journal.logSent(g.group(), seq, Codec.encode(m), logBound);
        int n = outbox.broadcast(g.group(), m);
        listeners.forEach(l -> l.onSent(seq, actions, n));
    }

    // ---- receiving ------------------------------------------------------------------------------

    /** The link to peer came up: asks it for what this terminal missed (resume). */
    public void onLinkUp(String peer) {
        synchronized (lock) {
            Inbound in = inbound.get(peer);
            if (group != null && in != null) {
                sendResume(group, peer, in);
            }
        }
    }

    /**
     * A message that arrived on the peer link of groupId authenticated as fromUser (the link checked
     * that m names both as its group and from). Returns null when it was accepted, else the error code
     * it was refused with (the group is unharmed either way).
     */
    public ErrorCode onRemote(String groupId, String fromUser, GroupMessage m) {
        return switch (m) {
            case ActionMsg a -> onSequenced(groupId, fromUser, a.seq(), a.clock(), m);
            case Step s -> onSequenced(groupId, fromUser, s.seq(), s.clock(), m);
            case Resume r -> onResume(groupId, fromUser, r);
            case CatchUp c -> onCatchUp(groupId, fromUser, c);
            case Result r -> onResult(groupId, fromUser, r);
        };
    }

    private ErrorCode onSequenced(String groupId, String fromUser, long seq, long clock, Message m) {
        synchronized (lock) {
            ErrorCode bad = check(groupId, fromUser);
            if (bad == null && !group.sends(fromUser)) {
                bad = ErrorCode.NOT_LEADER;
            }
            if (bad != null) {
                return refuse(fromUser, seq, bad, bad == ErrorCode.NOT_LEADER
                        ? "only the leader's actions are followed" : "not from a member of this group");
            }
            Inbound in = inbound.computeIfAbsent(fromUser, u -> new Inbound(-1));
            if (in.last >= 0 && seq <= in.last) {
                return refuse(fromUser, seq, ErrorCode.STALE_SEQUENCE, "already have " + fromUser + "'s " + seq);
            }
            if (seq > Math.max(in.last, 0) + 2L * logBound || in.held.size() >= 2 * logBound) {
                return refuse(fromUser, seq, ErrorCode.SEQUENCE_INVALID, "sequence " + seq + " is out of range");
            }
            lamport = Math.max(lamport, clock);
            if (in.last < 0 && seq == 1) {
                in.last = 0; // the sender's first: nothing came before it to catch up with
            }
            if (in.last < 0 || seq > in.last + 1) {
                in.held.put(seq, m); // wait for the gap (or the catch-up) to be filled
                if (in.last >= 0 && System.nanoTime() - in.askedAt > timing.resumeRetry().toNanos() / 4) {
                    sendResume(group, fromUser, in);
                }
                return null;
            }
            accept(fromUser, in, m, seq);
            drain(fromUser, in);
        }
        return null;
    }

    private ErrorCode onResume(String groupId, String fromUser, Resume r) {
        GroupState g;
        long seq;
        CatchUpReason reason;
        synchronized (lock) {
            ErrorCode bad = check(groupId, fromUser);
            if (bad == null && !me.equals(r.sender())) {
                bad = ErrorCode.NOT_A_MEMBER;
            }
            if (bad != null) {
                return refuse(fromUser, 0, bad, "resume refused");
            }
            g = group;
            seq = sendSeq;
            Long after = r.after();
            if (after != null && after == seq) {
                return null; // nothing missed
            }
            if (after != null && after < seq) {
                long first = journal.firstLogged(g.group());
                if (first != 0 && first <= after + 1) {
                    for (byte[] payload : journal.sentBetween(g.group(), after, seq)) {
                        outbox.send(g.group(), fromUser, Codec.decode(payload));
                    }
                    return null;
                }
            }
            reason = after == null ? CatchUpReason.JOIN : CatchUpReason.GAP;
        }
        boolean withState = me.equals(g.leader());
        CompletableFuture<PageState> state = withState
                ? snapshotSafely().thenApply(s -> scoped(g, s)) : CompletableFuture.completedFuture(null);
        state.thenAccept(s -> outbox.send(g.group(), fromUser, new CatchUp(g.group(), me, seq, reason, s)));
        return null;
    }

    /**
     * What of state the group's scope lets travel: nothing from a page outside the page patterns or
     * when navigation is not followed; field values only when typing or choosing is; scroll and media
     * positions only when those are.
     */
    static PageState scoped(GroupState g, PageState s) {
        if (s == null || g.scope() != Scope.PARTIAL) {
            return s;
        }
        if (!GroupSettings.inScope(g, Action.navigate(s.url(), NavigationCause.USER))) {
            return null;
        }
        List<ActionKind> k = g.kinds();
        boolean all = k.isEmpty();
        return new PageState(s.url(), all || k.contains(ActionKind.INPUT) || k.contains(ActionKind.CHANGE) ? s.fields()
                : List.of(), all || k.contains(ActionKind.SCROLL) ? s.scrollX() : 0,
                all || k.contains(ActionKind.SCROLL) ? s.scrollY() : 0,
                all || k.contains(ActionKind.MEDIA) ? s.media() : List.of());
    }

    private CompletableFuture<PageState> snapshotSafely() {
        CompletableFuture<PageState> s;
        try {
            s = target.snapshot();
        } catch (RuntimeException e) {
            s = CompletableFuture.failedFuture(e);
        }
        return s.orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> {
            LOG.warn("page snapshot for a catch-up failed; sending none", e);
            return null;
        });
    }

    private ErrorCode onCatchUp(String groupId, String fromUser, CatchUp c) {
        synchronized (lock) {
            ErrorCode bad = check(groupId, fromUser);
            if (bad != null) {
                return refuse(fromUser, c.seq(), bad, "catch-up refused");
            }
            Inbound in = inbound.computeIfAbsent(fromUser, u -> new Inbound(-1));
            if (in.last >= 0 && (c.seq() <= in.last || c.reason() == CatchUpReason.JOIN)) {
                // an answer to an earlier resume: nothing new; or a join answer that comes after this
                // terminal synced with the sender's stream by itself (its first action came first): what
                // was missed since is filled from the sender's log by resume, exactly, not skipped over
                return null;
            }
            in.last = c.seq();
            in.held.headMap(c.seq(), true).clear();
            String group = groupId;
            enqueue(() -> restore(group, fromUser, c));
            drain(fromUser, in);
        }
        return null;
    }

    private ErrorCode onResult(String groupId, String fromUser, Result r) {
        MemberStatus status;
        synchronized (lock) {
            ErrorCode bad = check(groupId, fromUser);
            if (bad != null || !me.equals(r.to())) {
                return bad == null ? null : refuse(fromUser, r.seq(), bad, "result refused");
            }
            status = statuses.computeIfAbsent(fromUser, u -> new MemberStatus(u, 0, null, null, 0, null))
                    .next(r.seq(), r.outcome(), r.reason(), r.page());
            statuses.put(fromUser, status);
        }
        listeners.forEach(l -> l.onMemberStatus(status));
        return null;
    }

    /** Under lock. Null when a message from fromUser on the link of groupId may be considered, else why not. */
    private ErrorCode check(String groupId, String fromUser) {
        if (group == null || !group.group().equals(groupId)) {
            return ErrorCode.NOT_IN_GROUP;
        }
        if (me.equals(fromUser) || group.member(fromUser) == null) {
            return ErrorCode.NOT_A_MEMBER;
        }
        return null;
    }

    /** Under lock. */
    private void sendResume(GroupState g, String sender, Inbound in) {
        in.askedAt = System.nanoTime();
        outbox.send(g.group(), sender, new Resume(g.group(), me, sender, in.last >= 0 ? in.last : null));
    }

    /** Under lock: seq is the next one from sender; it is queued for applying. */
    private void accept(String sender, Inbound in, Message m, long seq) {
        in.last = seq;
        String group = this.group.group();
        enqueue(() -> applySequenced(group, sender, seq, m));
    }

    /** Under lock: queues the held messages that are now next. */
    private void drain(String sender, Inbound in) {
        Message next;
        while ((next = in.held.remove(in.last + 1)) != null) {
            accept(sender, in, next, in.last + 1);
        }
    }

    private void tick() {
        synchronized (lock) {
            if (closed || group == null) {
                return;
            }
            long now = System.nanoTime();
            for (Map.Entry<String, Inbound> e : inbound.entrySet()) {
                Inbound in = e.getValue();
                if ((in.last < 0 || !in.held.isEmpty()) && now - in.askedAt > timing.resumeRetry().toNanos()) {
                    sendResume(group, e.getKey(), in);
                }
            }
        }
    }

    private ErrorCode refuse(String from, long seq, ErrorCode code, String reason) {
        listeners.forEach(l -> l.onRefused(from, seq, code.name(), reason));
        return code;
    }

    // ---- applying -------------------------------------------------------------------------------

    /** Under lock: runs job after everything queued before it, on the scheduler. */
    private void enqueue(java.util.function.Supplier<CompletableFuture<Void>> job) {
        tail = tail.thenComposeAsync(v -> closed ? CompletableFuture.<Void>completedFuture(null) : job.get(), scheduler)
                .exceptionally(e -> {
                    LOG.warn("applying failed", e);
                    return null;
                });
    }

    private CompletableFuture<Void> applySequenced(String group, String from, long seq, Message m) {
        CompletableFuture<Answer> done;
        List<Action> actions = m instanceof Step s ? s.actions() : List.of(((ActionMsg) m).action());
        if (paused) {
            done = CompletableFuture.completedFuture(new Answer(Outcome.PAUSED, null, "not following for now"));
        } else if (m instanceof Step s) {
            done = decider.decide(from, seq, s.actions()).exceptionally(e -> false).thenCompose(yes -> yes
                    ? applyAll(s.actions(), s.clock(), from)
                    : CompletableFuture.completedFuture(new Answer(Outcome.DECLINED, null, "declined")));
        } else {
            ActionMsg a = (ActionMsg) m;
            done = applyAll(List.of(a.action()), a.clock(), from);
        }
        return done.handle((o, e) -> {
            Answer out = e != null ? new Answer(Outcome.FAILED, null, "error: " + e.getMessage()) : o;
            journal.markApplied(group, from, seq); // also while closing: it was applied
            outbox.send(group, from, new Result(group, me, from, seq, out.outcome, out.code, out.reason,
                    readyUrl.isEmpty() ? null : readyUrl));
            for (Action a : actions) {
                listeners.forEach(l -> l.onApplied(from, seq, a, out.outcome, out.reason));
            }
            return null;
        });
    }

    private record Answer(Outcome outcome, String code, String reason) {
    }

    /** Applies actions in order; the outcome is the first that was not applied, else applied. */
    private CompletableFuture<Answer> applyAll(List<Action> actions, long clock, String from) {
        CompletableFuture<Answer> chain = CompletableFuture.completedFuture(new Answer(Outcome.APPLIED, null, null));
        for (Action a : actions) {
            chain = chain.thenCompose(prev -> applyOne(a, clock, from)
                    .thenApply(o -> prev.outcome == Outcome.APPLIED ? o : prev));
        }
        return chain;
    }

    private CompletableFuture<Answer> applyOne(Action a, long clock, String from) {
        GroupState g;
        synchronized (lock) {
            g = group;
            if (g == null) {
                return CompletableFuture.completedFuture(new Answer(Outcome.REFUSED, ErrorCode.NOT_IN_GROUP.name(), "no group"));
            }
            if (!GroupSettings.inScope(g, a)) {
                return CompletableFuture.completedFuture(
                        new Answer(Outcome.REFUSED, ErrorCode.OUT_OF_SCOPE.name(), "outside the group's scope"));
            }
            if (g.mutual() && !registers.offer(a, clock, from)) {
                return CompletableFuture.completedFuture(new Answer(Outcome.SUPERSEDED, null, "a later change won"));
            }
        }
        lastRemoteApply = System.nanoTime();
        return applyInBrowser(a).thenApply(r -> {
            lastRemoteApply = System.nanoTime();
            return r.applied() ? new Answer(Outcome.APPLIED, null, null) : new Answer(Outcome.FAILED, null, r.reason());
        });
    }

    private CompletableFuture<ApplyResult> applyInBrowser(Action a) {
        if (a instanceof Action.Navigate n) {
            if (n.cause() == NavigationCause.USER) {
                target.load(n.url());
                return CompletableFuture.completedFuture(new ApplyResult(true, null));
            }
            // the follower repeats the link, form or script that led there: wait to arrive, then load as a catch-up
            return arriveAt(n.url(), timing.arriveWait()).thenApply(arrived -> {
                if (!arrived) {
                    target.load(n.url());
                }
                return new ApplyResult(true, null);
            });
        }
        // an action in a frame carries the frame's URL: the page agent waits for that frame itself
        String page = a.frame().isEmpty() ? a.page() : null;
        return (page == null ? CompletableFuture.completedFuture(true) : catchUp(page))
                .thenCompose(onPage -> onPage
                        ? target.apply(a)
                        : CompletableFuture.completedFuture(new ApplyResult(false, "not-on-page")));
    }

    /** Brings this terminal to the state c carries (if any); records c.seq() as settled. */
    private CompletableFuture<Void> restore(String group, String from, CatchUp c) {
        PageState s = c.state();
        CompletableFuture<Boolean> done;
        if (s == null || paused) {
            done = CompletableFuture.completedFuture(true);
        } else {
            lastRemoteApply = System.nanoTime();
            // mutual mode's registers stay: a local change made after the sender's snapshot still
            // beats an older concurrent one that arrives later, as it does on every other member
            done = (PageUrls.samePage(readyUrl, s.url()) ? CompletableFuture.completedFuture(true) : load(s.url()))
                    .thenCompose(onPage -> onPage ? target.restore(s).thenApply(ApplyResult::applied)
                            : CompletableFuture.completedFuture(false));
        }
        return done.handle((ok, e) -> {
            lastRemoteApply = System.nanoTime();
            journal.markApplied(group, from, c.seq());
            String page = s == null ? null : s.url();
            listeners.forEach(l -> l.onCaughtUp(from, c.seq(), c.reason(), page));
            return null;
        });
    }

    // ---- pages ----------------------------------------------------------------------------------

    /**
     * The page agent is ready in the top frame of url (after a load, or a same-document navigation):
     * wakes actions waiting for that page.
     */
    public void onPageReady(String url) {
        readyUrl = url == null ? "" : url;
        for (PageWaiter w : waiters) {
            if (PageUrls.samePage(w.url, url)) {
                scheduler.execute(() -> w.done.complete(true)); // never apply on the caller's (FX or CEF) thread
            }
        }
    }

    /**
     * Brings the follower to page: waits for it to get there by itself (it usually repeats the
     * leader's link or form), and otherwise loads it (catch-up). Completes false if it never arrives.
     */
    private CompletableFuture<Boolean> catchUp(String page) {
        return arriveAt(page, timing.pageWait()).thenCompose(arrived -> {
            if (arrived || !Action.isWebUrl(page)) {
                return CompletableFuture.completedFuture(arrived);
            }
            return load(page);
        });
    }

    private CompletableFuture<Boolean> load(String page) {
        target.load(page);
        return arriveAt(page, timing.loadWait());
    }

    /** Completes true once the follower's top page is url (now or within wait), false after wait. */
    private CompletableFuture<Boolean> arriveAt(String url, Duration wait) {
        if (PageUrls.samePage(readyUrl, url)) {
            return CompletableFuture.completedFuture(true);
        }
        PageWaiter w = new PageWaiter(url, new CompletableFuture<>());
        waiters.add(w);
        if (PageUrls.samePage(readyUrl, url)) { // arrived while registering
            w.done.complete(true);
        }
        scheduler.schedule(() -> w.done.complete(false), wait.toMillis(), TimeUnit.MILLISECONDS);
        return w.done.whenComplete((r, e) -> waiters.remove(w));
    }

    private record PageWaiter(String url, CompletableFuture<Boolean> done) {
    }

    /**
     * Stops: nothing more is applied or answered; waits (up to 5 s) for the action being applied to
     * finish, so what is recorded as applied is what was applied.
     */
    @Override
    public void close() {
        CompletableFuture<Void> last;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            last = tail;
        }
        ticker.cancel(false);
        try {
            last.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.debug("closing while applying", e);
        }
    }
}
