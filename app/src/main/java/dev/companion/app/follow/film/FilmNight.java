package dev.companion.app.follow.film;

import dev.companion.app.follow.FollowTarget;
import dev.companion.app.follow.Outbox;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.GroupMessage;
import dev.companion.p2p.protocol.Messages.ClockAnswer;
import dev.companion.p2p.protocol.Messages.ClockAsk;
import dev.companion.p2p.protocol.Messages.Film;
import dev.companion.p2p.protocol.Messages.FilmReady;
import dev.companion.p2p.protocol.Messages.GroupState;
import dev.companion.p2p.protocol.Messages.Member;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Film night: the group watches the leader's film together (docs/architecture.md, "Film night").
 * <ul>
 *   <li>Leader: once its person started a film, it reads it every tick and sends {@code film}
 *       (position, rate, playing, at its clock's time) to every member on each change and at least
 *       every {@link FilmConfig#sendEvery()}; while a member says its film is not ready
 *       ({@code film_ready} false: loading, seeking, buffering) the leader holds its own film (paused
 *       as the agent's own change, never sent as the person's pause), for at most
 *       {@link FilmConfig#holdTimeout()} per member, then goes on without them.</li>
 *   <li>Member: syncs its clock with the leader's ({@link ClockSync}), finds the leader's film on its
 *       page by evidence, tells the leader when it can or cannot play, and steers its film to the
 *       leader's ({@link DriftControl}).</li>
 * </ul>
 * Received messages are untrusted: at most {@link #BUDGET_PER_SECOND} a second from one member
 * (bursts of {@link #BUDGET_BURST}; over it RATE_LIMITED), a film state only from the leader
 * (PeerRules), one not of now (more than 30 s from this clock, once synced) ACTION_REFUSED, a clock
 * answer only to an open ask (NOT_ASKED); values are bounded on decoding.
 *
 * <p>A little over our usual size: the leader's half and the member's share the group, the clock
 * sync and the lock, and each is short; the decisions themselves are in {@link DriftControl},
 * {@link FilmGate}, {@link ClockSync} and {@link Budgets}.
 *
 * <p>Threads: any thread may call; state changes under one lock of its own (film night shares no
 * state with the engine's ordered streams); browser calls are asynchronous, one tick at a time.
 */
public final class FilmNight implements AutoCloseable {
    static final int BUDGET_PER_SECOND = 10;
    static final int BUDGET_BURST = 30;
    private static final long NOT_OF_NOW_MICROS = 30_000_000;
    private static final int WANTED_SAMPLES = 8;
    private static final long RESYNC_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(30);

    /** A refusal of a received film night message: its code and why. */
    public record Refused(ErrorCode code, String reason) { }

    /**
     * What tests and the group panel can see of film night now; holds: how many times the leader held
     * its film, lastHeldFor: whom the latest hold waited for when it began.
     */
    public record Status(String role, String film, Long offsetMicros, Long roundTripMicros, int samples, Double error,
                         Double rate, long steered, long seeks, boolean held, List<String> waitingFor, String problem,
                         long holds, List<String> lastHeldFor) { }

    private final String me;
    private final Outbox outbox;
    private final FollowTarget target;
    private final FilmConfig config;
    private final LongSupplier micros;
    private final BooleanSupplier paused;
    private final Object lock = new Object();
    private final AtomicBoolean busy = new AtomicBoolean();
    private final ScheduledExecutorService scheduler;
    private final ScheduledFuture<?> ticker;
    private final Budgets budgets = new Budgets(BUDGET_PER_SECOND, BUDGET_BURST);

    // under lock
    private final ClockSync clock = new ClockSync();
    private final FilmGate gate = new FilmGate();
    private GroupState group;
    private Film leaderFilm;
    private long leaderFilmNanos;
    private boolean leading;
    private Film lastSent;
    private long lastSentNanos;
    private long lastAskNanos;
    private Boolean lastReady;
    private long lastReadyNanos;
    private boolean held;
    private List<String> waitingFor = List.of();
    private long holds;
    private List<String> lastHeldFor = List.of();
    private List<String> toldHeldFor = List.of();
    private volatile java.util.function.Consumer<List<String>> holdListener = w -> { };
    private Double lastError;
    private Double lastRate;
    private long steered;
    private long seeks;
    private String problem;
    private volatile boolean closed;

    /** micros: this terminal's clock (µs since the epoch, the clock the page agent reads too); paused: following paused. */
    public FilmNight(String me, Outbox outbox, FollowTarget target, ScheduledExecutorService scheduler, FilmConfig config,
                     LongSupplier micros, BooleanSupplier paused) {
        this.me = Objects.requireNonNull(me);
        this.outbox = Objects.requireNonNull(outbox);
        this.target = Objects.requireNonNull(target);
        this.config = Objects.requireNonNull(config);
        this.micros = Objects.requireNonNull(micros);
        this.paused = Objects.requireNonNull(paused);
        this.scheduler = scheduler;
        long tick = config.tick().toMillis();
        this.ticker = scheduler.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
    }

    /** The wall clock in microseconds since the epoch. */
    public static long systemMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    /** The group changed (or is gone): a new leader starts film night again. */
    public void onGroup(GroupState g) {
        synchronized (lock) {
            String oldLeader = group == null ? null : group.leader();
            group = g;
            if (g == null || !g.leader().equals(oldLeader)) {
                leaderFilm = null;
                leading = false;
                lastSent = null;
                held = false;
                waitingFor = List.of();
                lastReady = null;
                gate.clear();
            }
            clock.syncWith(g == null || me.equals(g.leader()) ? null : g.leader());
            if (g != null) {
                gate.retain(g.members().stream().map(Member::user).collect(Collectors.toSet()));
            }
        }
        tellHold();
    }

    /** This terminal's person played, paused, sought or changed the rate of a film. */
    public void onLocalMedia(boolean pausedByPerson) {
        synchronized (lock) {
            if (group == null || !me.equals(group.leader())) {
                return;
            }
            leading = true;
            if (pausedByPerson) {
                held = false; // the person's pause wins over a hold: nothing resumes by itself
            }
        }
        tellHold();
        soon();
    }

    /**
     * Who hears whom this terminal's film waits for, each time that changes (empty: it waits for no
     * one); the group panel says it. Called on film night's threads, outside its lock.
     */
    public void onHoldChanged(java.util.function.Consumer<List<String>> l) {
        holdListener = java.util.Objects.requireNonNull(l);
    }

    /** Tells the hold's listener when whom the film waits for changed since last told. */
    private void tellHold() {
        List<String> now;
        synchronized (lock) {
            now = held ? waitingFor : List.of();
            if (now.equals(toldHeldFor)) {
                return;
            }
            toldHeldFor = now;
        }
        holdListener.accept(now);
    }

    /** A film night message from fromUser, which PeerRules let through. Null when taken, else why not. */
    public Refused onRemote(String fromUser, GroupMessage m) {
        long arrived = micros.getAsLong();
        if (!budgets.take(fromUser, System.nanoTime())) {
            return new Refused(ErrorCode.RATE_LIMITED, "more than " + BUDGET_PER_SECOND + " film night messages a second");
        }
        GroupState g;
        synchronized (lock) {
            g = group;
            switch (m) {
                case ClockAsk a -> { }
                case ClockAnswer a -> {
                    if (!clock.onAnswer(fromUser, a.t0(), a.t1(), a.t2(), arrived)) {
                        return new Refused(ErrorCode.NOT_ASKED, "a clock answer to no open ask");
                    }
                }
                case Film f -> {
                    var offset = clock.offset();
                    if (offset.isPresent() && Math.abs(f.at() - (arrived + offset.getAsLong())) > NOT_OF_NOW_MICROS) {
                        return new Refused(ErrorCode.ACTION_REFUSED, "a film state not of now");
                    }
                    boolean changed = leaderFilm == null || leaderFilm.playing() != f.playing();
                    leaderFilm = f;
                    leaderFilmNanos = System.nanoTime();
                    if (changed) {
                        soon();
                    }
                }
                case FilmReady r -> {
                    if (g != null && me.equals(g.leader())) {
                        gate.onReady(fromUser, r.ready(), System.nanoTime());
                        if (!r.ready()) {
                            soon();
                        }
                    }
                }
                default -> {
                    return new Refused(ErrorCode.UNKNOWN_TYPE, "not a film night message");
                }
            }
        }
        if (m instanceof ClockAsk a && g != null) {
            outbox.send(g.group(), fromUser, new ClockAnswer(g.group(), me, fromUser, a.t0(), arrived,
                    Math.max(arrived, micros.getAsLong())));
        }
        return null;
    }

    public Status status() {
        synchronized (lock) {
            boolean lead = group != null && me.equals(group.leader());
            ClockSync.Sample best = clock.best();
            Film f = lead ? lastSent : leaderFilm;
            return new Status(group == null ? "none" : lead ? "leader" : "member", f == null ? null : f.src(),
                    best == null ? null : best.offset(), best == null ? null : best.roundTrip(), clock.samples(),
                    lastError, lastRate, steered, seeks, held, waitingFor, problem, holds, lastHeldFor);
        }
    }

    private void soon() {
        if (!closed) {
            scheduler.execute(this::tick);
        }
    }

    private void tick() {
        if (closed || !busy.compareAndSet(false, true)) {
            return;
        }
        CompletableFuture<?> step;
        try {
            step = step();
        } catch (RuntimeException e) {
            busy.set(false);
            throw e;
        }
        step.whenComplete((r, e) -> {
            busy.set(false);
            if (e != null) {
                synchronized (lock) {
                    problem = "the page did not answer: " + e.getClass().getSimpleName();
                }
            }
        });
    }

    private CompletableFuture<?> step() {
        GroupState g;
        FilmRequest which = null;
        synchronized (lock) {
            g = group;
            if (g == null || g.members().size() < 2) {
                return CompletableFuture.completedFuture(null);
            }
            if (!me.equals(g.leader())) {
                Film lf = leaderFilm;
                if (lf == null || paused.getAsBoolean() || System.nanoTime() - leaderFilmNanos > IDLE_NANOS) {
                    return CompletableFuture.completedFuture(null); // no film night: no clock traffic either
                }
                askClock(g);
                which = new FilmRequest(lf.selector(), lf.src(), null);
            } else if (!leading) {
                return CompletableFuture.completedFuture(null);
            }
        }
        if (which == null) {
            return target.film(FilmRequest.OWN).thenCompose(r -> lead(g, r));
        }
        FilmRequest film = which;
        return target.film(film).thenCompose(r -> follow(g, film, r));
    }

    // ---- leader ---------------------------------------------------------------------------------

    private CompletableFuture<?> lead(GroupState g, FilmReading r) {
        FilmRequest.Command command = null;
        synchronized (lock) {
            if (!r.found()) {
                leading = false; // the film is gone (another page): film night starts again with the next one
                problem = r.reason();
                return CompletableFuture.completedFuture(null);
            }
            waitingFor = gate.waitingFor(System.nanoTime(), config.holdTimeout().toNanos());
            if (!waitingFor.isEmpty() && !r.paused()) {
                if (!held) {
                    holds++;
                    lastHeldFor = waitingFor;
                }
                held = true;
                command = new FilmRequest.Command(null, null, null, null, false);
            } else if (held && waitingFor.isEmpty()) {
                held = false;
                command = r.paused() ? new FilmRequest.Command(null, null, null, null, true) : null;
            }
        }
        tellHold();
        if (command == null) {
            send(g, r);
            return CompletableFuture.completedFuture(null);
        }
        return target.film(FilmRequest.OWN.with(command)).thenAccept(after -> {
            if (after.found()) {
                send(g, after);
            }
        });
    }

    private void send(GroupState g, FilmReading r) {
        Film f;
        synchronized (lock) {
            f = new Film(g.group(), me, "", r.selector(), r.src(), r.position(), r.rate(), r.playing(), held, r.at());
            Film s = lastSent;
            boolean changed = s == null || s.playing() != f.playing() || s.held() != f.held() || s.rate() != f.rate()
                    || !s.selector().equals(f.selector())
                    || Math.abs(DriftControl.expectedAt(s, f.at()) - f.position()) > config.deadBand();
            if (!changed && System.nanoTime() - lastSentNanos < config.sendEvery().toNanos()) {
                return;
            }
            lastSent = f;
            lastSentNanos = System.nanoTime();
            problem = null;
        }
        outbox.broadcast(g.group(), f);
    }

    // ---- member ---------------------------------------------------------------------------------

    /** Under lock: asks the leader's clock until enough samples are in, then every few seconds. */
    private void askClock(GroupState g) {
        long now = System.nanoTime();
        if (clock.samples() < WANTED_SAMPLES || now - lastAskNanos > RESYNC_NANOS) {
            lastAskNanos = now;
            long t0 = clock.ask(micros.getAsLong());
            outbox.send(g.group(), g.leader(), new ClockAsk(g.group(), me, g.leader(), t0));
        }
    }

    private CompletableFuture<?> follow(GroupState g, FilmRequest which, FilmReading r) {
        DriftControl.Decision d = null;
        boolean report;
        synchronized (lock) {
            if (!r.found()) {
                problem = r.reason() + (r.detail() == null ? "" : ": " + r.detail());
                return CompletableFuture.completedFuture(null);
            }
            problem = null;
            long now = System.nanoTime();
            report = lastReady == null || lastReady != r.ready() || (!r.ready() && now - lastReadyNanos > TimeUnit.SECONDS.toNanos(2));
            if (report) {
                lastReady = r.ready();
                lastReadyNanos = now;
            }
            var offset = clock.offset();
            Film lf = leaderFilm;
            if (offset.isPresent() && lf != null) {
                d = DriftControl.decide(config, lf, offset.getAsLong(), r);
                lastError = d.error();
                lastRate = d.command().rate();
                if (d.command().seekTo() != null) {
                    seeks++;
                }
                if (d.command().rate() != null && d.command().rate() != lf.rate()) {
                    steered++;
                }
            }
        }
        if (report) {
            outbox.send(g.group(), g.leader(), new FilmReady(g.group(), me, g.leader(), r.ready(), r.position()));
        }
        if (d == null || d.command().isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return target.film(which.with(d.command()));
    }

    @Override
    public void close() {
        closed = true;
        ticker.cancel(false);
    }
}
