package dev.companion.app.follow;

import dev.companion.app.follow.film.FilmConfig;
import dev.companion.app.follow.film.FilmNight;
import dev.companion.app.similar.SimilarUrls;
import dev.companion.app.thread.Threads;
import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.ChatMessage;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.GroupMessage;
import dev.companion.p2p.protocol.GroupSettings;
import dev.companion.p2p.protocol.Messages.ActionMsg;
import dev.companion.p2p.protocol.Messages.BotAnswer;
import dev.companion.p2p.protocol.Messages.BotSays;
import dev.companion.p2p.protocol.Messages.CatchUp;
import dev.companion.p2p.protocol.Messages.ClockAnswer;
import dev.companion.p2p.protocol.Messages.ClockAsk;
import dev.companion.p2p.protocol.Messages.Film;
import dev.companion.p2p.protocol.Messages.FilmReady;
import dev.companion.p2p.protocol.Messages.Expect;
import dev.companion.p2p.protocol.Messages.FlowShare;
import dev.companion.p2p.protocol.Messages.GroupState;
import dev.companion.p2p.protocol.Messages.Result;
import dev.companion.p2p.protocol.Messages.Resume;
import dev.companion.p2p.protocol.Messages.SimilarRules;
import dev.companion.p2p.protocol.Messages.Step;
import dev.companion.p2p.protocol.Protocol;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The follow engine: decides what this terminal sends, and what it applies, in every mode. A small
 * façade over parts with one job each: {@link Outgoing} (numbering, the log, manual steps, answering
 * {@code resume}), {@link PeerRules} (who may send what), {@link Incoming} (each sender's stream in
 * order, exactly once), {@link ApplyQueue} and {@link Applier} (applying on the follow-apply thread,
 * then the journal and the {@code result}), {@link PageTracker} (where the page is; the one echo
 * rule), {@link MemberStatuses}, {@link Registers} with {@link LamportClock} (mutual mode's
 * agreement), and {@link FilmNight} (the group's film kept in step; its own lock, no shared state). docs/architecture.md follows one action through them.
 *
 * <p>Sending: a captured action travels when the group lets this member send (the leader; everyone
 * in mutual mode), it is not paused, it is in the group's scope and it is not the consequence of an
 * applied action (the echo rule); else it stays local. Receiving: messages are untrusted; what is
 * accepted is applied exactly once, in order, and answered with a {@code result}; what the sender's
 * log cannot fill is caught up with its page state ({@code catch_up}), said, never skipped silently.
 *
 * <p>A little over our usual size: it is the one façade the app, the bot and the tests drive (every
 * entry point of the parts above, film night's included, is here), and each method is a short
 * hand-over to one part under the lock.
 *
 * <p>Threads: public methods may be called from any thread. The parts' state changes under one lock,
 * in the order calls arrive; applying never happens on the caller's thread, and never holds it.
 */
public final class FollowEngine implements AutoCloseable {
    /**
     * Waiting bounds: pageWait, how long a follower waits to reach the page of an action by itself;
     * arriveWait, the same for a page the leader reached through the page (a link, a form);
     * loadWait, how long a catch-up load may take; echoWindow, the echo rule's window
     * ({@link PageTracker}); resumeRetry, how long a gap may stay open before resume is sent again.
     */
    public record Timing(Duration pageWait, Duration arriveWait, Duration loadWait, Duration echoWindow,
                         Duration resumeRetry) {
        public static final Timing DEFAULT = new Timing(Duration.ofSeconds(5), Duration.ofSeconds(3),
                Duration.ofSeconds(15), Duration.ofSeconds(1), Duration.ofSeconds(2));

        public Timing(Duration pageWait, Duration arriveWait, Duration loadWait) {
            this(pageWait, arriveWait, loadWait, DEFAULT.echoWindow, DEFAULT.resumeRetry);
        }
    }

    private final String me;
    private final Listeners listeners = new Listeners();
    private final Object lock = new Object();
    private final LamportClock clock = new LamportClock();
    private final PageTracker pages;
    private final ApplyQueue queue;
    private final ScheduledFuture<?> ticker;
    private final FilmNight film;

    // under lock
    private final Outgoing outgoing;
    private final Incoming incoming;
    private final MemberStatuses statuses = new MemberStatuses();
    private final Registers registers;
    private final MemberRate botRate = new MemberRate(System::nanoTime, Protocol.BOT_BURST, Protocol.BOT_PER_SECOND);
    private final FollowJournal journal;
    private final ResumeAnswers answers;
    private GroupState group;

    private volatile boolean paused;
    private volatile boolean closed;

    public FollowEngine(String me, Outbox outbox, FollowTarget target, ScheduledExecutorService scheduler) {
        this(me, outbox, target, scheduler, Timing.DEFAULT);
    }

    public FollowEngine(String me, Outbox outbox, FollowTarget target, ScheduledExecutorService scheduler, Timing timing) {
        this(me, outbox, target, scheduler, timing, new MemoryJournal(), StepDecider.ACCEPT_ALL, Protocol.LOG_BOUND,
                SimilarUrls.builtIn());
    }

    /**
     * scheduler runs the engine's timers (resume retries, page waits); applying runs on a thread of
     * its own (follow-apply), stopped by {@link #close}; similar: the user's similar-action rules
     * (per-user URLs), where members' offers of rules go.
     */
    public FollowEngine(String me, Outbox outbox, FollowTarget target, ScheduledExecutorService scheduler, Timing timing,
                        FollowJournal journal, StepDecider decider, int logBound, SimilarUrls similar) {
        this(me, outbox, target, scheduler, timing, journal, decider, logBound, similar, FilmConfig.fromSystemProperties());
    }

    /** As above, with film night's thresholds. */
    public FollowEngine(String me, Outbox outbox, FollowTarget target, ScheduledExecutorService scheduler, Timing timing,
                        FollowJournal journal, StepDecider decider, int logBound, SimilarUrls similar,
                        FilmConfig filmConfig) {
        this.me = Objects.requireNonNull(me);
        Objects.requireNonNull(outbox);
        Objects.requireNonNull(target);
        this.journal = Objects.requireNonNull(journal);
        this.pages = new PageTracker(scheduler, timing.echoWindow(), Objects.requireNonNull(similar));
        this.registers = new Registers(similar::ownKey);
        this.queue = new ApplyQueue(Threads.single("follow-apply"));
        this.outgoing = new Outgoing(me, outbox, journal, logBound, listeners, clock);
        Applier.Admission admission = new Admissions(lock, () -> group, registers);
        Applier applier = new Applier(me, target, outbox, journal, Objects.requireNonNull(decider), timing, pages,
                listeners, queue.thread(), admission, () -> paused, this::manual);
        this.incoming = new Incoming(me, outbox, journal, logBound, timing.resumeRetry(), new Incoming.Delivery() {
            @Override
            public void apply(String sender, long seq, GroupMessage m) {
                String g = group.group();
                queue.enqueue(() -> applier.apply(g, sender, seq, m));
            }

            @Override
            public void restore(String sender, CatchUp c) {
                queue.enqueue(() -> applier.restore(c.group(), sender, c));
            }
        });
        this.answers = new ResumeAnswers(me, outbox, target);
        this.film = new FilmNight(me, outbox, target, scheduler, filmConfig, FilmNight::systemMicros, () -> paused);
        film.onHoldChanged(w -> listeners.tell(l -> l.onFilmHeld(w)));
        long tick = Math.max(20, timing.resumeRetry().toMillis() / 4);
        this.ticker = scheduler.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
    }

    public void addListener(FollowListener l) {
        listeners.add(l);
    }

    /** Stops telling l (a recorder that stopped); removing one that is not there does nothing. */
    public void removeListener(FollowListener l) {
        listeners.remove(l);
    }

    // ---- group and local state ------------------------------------------------------------------

    /** The control center's latest view of the group (or null when there is none). */
    public void onGroup(GroupState g) {
        boolean flushed = false;
        synchronized (lock) {
            boolean same = g != null && group != null && group.group().equals(g.group());
            if (!same) {
                incoming.clear();
                statuses.clear();
                registers.clear();
                paused = false;
                journal.forgetAllBut(g == null ? null : g.group());
                outgoing.reset(g == null ? null : g.group());
            }
            GroupState old = group;
            group = g;
            film.onGroup(g);
            if (g == null) {
                return;
            }
            incoming.onMembers(g);
            if (same && old != null) {
                incoming.onNewSenders(old, g);
            }
            statuses.retain(g);
            if (outgoing.hasHeld() && (!g.sends(me) || !g.manual())) {
                if (g.sends(me) && old != null && old.manual()) {
                    outgoing.sendHeld(g); // manual switched to auto: what was held goes as one step
                } else {
                    outgoing.discardHeld();
                }
                flushed = true;
            }
        }
        if (flushed) {
            listeners.tell(l -> l.onHeld(List.of()));
        }
    }

    public boolean isLeader() {
        synchronized (lock) {
            return group != null && me.equals(group.leader());
        }
    }

    private boolean manual() {
        synchronized (lock) {
            return group != null && group.manual();
        }
    }

    public boolean isPaused() {
        return paused;
    }

    /** Manual mode: the actions waiting for Send. */
    public List<Action> held() {
        synchronized (lock) {
            return outgoing.held();
        }
    }

    /** Where each member is in following this terminal's actions, as their results said. */
    public List<MemberStatus> statuses() {
        synchronized (lock) {
            return statuses.all();
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
                incoming.restartAll(group);
            }
        }
    }

    // ---- sending --------------------------------------------------------------------------------

    /** An action the page agent or the browser captured here. Sent when this terminal may send it. */
    public void onLocalAction(Action action) {
        if (action instanceof Action.Navigate n) {
            pages.onTopPage(n.url());
        }
        if (action instanceof Action.Media m && !pages.isConsequence(action)) {
            film.onLocalMedia(m.op() == dev.companion.p2p.protocol.MediaOp.PAUSE);
        }
        List<Action> nowHeld = null;
        synchronized (lock) {
            GroupState g = group;
            if (closed || g == null || g.members().size() < 2 || paused || !g.sends(me)
                    || !GroupSettings.inScope(g, action) || pages.isConsequence(action)) {
                return; // stays local
            }
            long time = clock.tick();
            registers.claim(action, time, me);
            if (g.manual()) {
                nowHeld = outgoing.hold(g, action);
            } else {
                outgoing.send(g, action, time);
            }
        }
        if (nowHeld != null) {
            List<Action> h = nowHeld;
            listeners.tell(l -> l.onHeld(h));
        }
    }

    /** Manual mode: sends the held actions as one step. Returns false when nothing was held. */
    public boolean sendHeld() {
        synchronized (lock) {
            if (!outgoing.hasHeld() || group == null) {
                return false;
            }
            outgoing.sendHeld(group);
        }
        listeners.tell(l -> l.onHeld(List.of()));
        return true;
    }

    /**
     * Sends actions as one step that expects what expect says (null: nothing) of each follower's page,
     * whatever the following mode (a bot leading a flow: it has no page of its own to capture from).
     * Returns the step's seq, or 0 when this terminal may not send now (no group of two, paused, not
     * the leader, closed, or an action outside the group's scope).
     */
    public long sendStep(List<Action> actions, Expect expect) {
        long seq;
        synchronized (lock) {
            GroupState g = group;
            if (closed || g == null || g.members().size() < 2 || paused || !g.sends(me)
                    || !actions.stream().allMatch(a -> GroupSettings.inScope(g, a))) {
                return 0;
            }
            long time = clock.tick();
            actions.forEach(a -> registers.claim(a, time, me));
            seq = outgoing.sendStep(g, actions, expect, time);
        }
        return seq;
    }

    /** Manual mode: forgets the held actions (they stay local). */
    public void discardHeld() {
        synchronized (lock) {
            outgoing.discardHeld();
        }
        listeners.tell(l -> l.onHeld(List.of()));
    }

    // ---- receiving ------------------------------------------------------------------------------

    /** The link to peer came up: asks it for what this terminal missed (resume). */
    public void onLinkUp(String peer) {
        synchronized (lock) {
            if (group != null) {
                incoming.onLinkUp(group, peer);
            }
        }
    }

    /**
     * A message that arrived on the peer link of group groupId, authenticated as fromUser. Returns
     * null when it was accepted, else the error code it was refused with (the group is unharmed).
     */
    public ErrorCode onRemote(String groupId, String fromUser, GroupMessage gm) {
        Refusal no;
        ResumeAnswers.Pending catchUp = null;
        MemberStatus status = null;
        boolean forFilm = false;
        synchronized (lock) {
            no = PeerRules.check(group, me, groupId, fromUser, gm);
            if (no == null) {
                switch (gm) {
                    case ClockAsk a -> forFilm = true; // film night's messages: FilmNight, outside the lock
                    case ClockAnswer a -> forFilm = true;
                    case Film f -> forFilm = true;
                    case FilmReady r -> forFilm = true;
                    case ActionMsg a -> no = sequenced(fromUser, a.seq(), a.clock(), a);
                    case Step s -> no = sequenced(fromUser, s.seq(), s.clock(), s);
                    case Resume r -> {
                        Outgoing.ResumeAnswer a = outgoing.answer(group, fromUser, r.after());
                        catchUp = a == null ? null : new ResumeAnswers.Pending(group, fromUser, a);
                    }
                    case CatchUp c -> no = incoming.onCatchUp(fromUser, c);
                    case SimilarRules r -> pages.similar().rules().offer(r); // the user decides (SiteRules)
                    case ChatMessage c -> throw new IllegalStateException("PeerRules refuses chat"); // never reached
                    case FlowShare f -> { } // allowed: the session's flow inbox takes it from here
                    case BotSays b -> no = botRate.take(fromUser); // allowed: the session's listeners take it
                    case BotAnswer b -> no = botRate.take(fromUser);
                    case Result r -> {
                        if (r.seq() > outgoing.lastSeq()) {
                            no = new Refusal(ErrorCode.SEQUENCE_INVALID, "a result for " + r.seq()
                                    + ", which this terminal never sent");
                        } else {
                            status = statuses.onResult(fromUser, r);
                        }
                    }
                }
            }
        }
        if (forFilm) {
            FilmNight.Refused refused = film.onRemote(fromUser, gm);
            no = refused == null ? null : new Refusal(refused.code(), refused.reason());
        }
        if (no != null) {
            Refusal why = no;
            listeners.tell(l -> l.onRefused(fromUser, PeerRules.seq(gm), why.code().name(), why.reason()));
            return no.code();
        }
        if (catchUp != null) {
            answers.send(catchUp);
        }
        if (status != null) {
            MemberStatus s = status;
            Result r = (Result) gm;
            listeners.tell(l -> l.onAnswered(fromUser, r.seq(), r.outcome(), r.reason(), r.matched()));
            listeners.tell(l -> l.onMemberStatus(s));
        }
        return null;
    }

    /** Under lock. */
    private Refusal sequenced(String sender, long seq, long time, GroupMessage m) {
        Refusal no = incoming.onSequenced(group, sender, seq, m);
        if (no == null) {
            clock.witness(time);
        }
        return no;
    }

    private void tick() {
        synchronized (lock) {
            if (!closed && group != null) {
                incoming.tick(group);
            }
        }
    }

    // ---- pages ----------------------------------------------------------------------------------

    /** Film night as it is now: role, clock sync, the last error and rate, who the film waits for. */
    public FilmNight.Status filmNight() {
        return film.status();
    }

    /** The page agent is ready in the top frame of url: wakes actions waiting for that page. */
    public void onPageReady(String url) {
        pages.onTopPage(url);
    }

    /**
     * Stops: nothing more is applied or answered; waits (up to 5 s) for the action being applied to
     * finish, so what is recorded as applied is what was applied.
     */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        ticker.cancel(false);
        film.close();
        queue.close(Duration.ofSeconds(5));
    }
}
