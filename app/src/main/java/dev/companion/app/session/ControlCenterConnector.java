package dev.companion.app.session;

import dev.companion.app.session.ControlCenterState.Status;
import dev.companion.app.store.LocalStore;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.ProtocolException;
import dev.companion.scc.client.ControlCenterClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sign-in's connection to the control center, and its reconnect loop.
 *
 * <p>The first sign-in uses the password; the control center's {@code login_ok} carries a session
 * token, and every later connection of this sign-in logs in with the newest token instead (the
 * password is never kept). When a logged-in connection is lost, attempts follow with exponential
 * back-off and jitter ({@link Backoff}) for as long as the user is signed in; "reconnect now" cuts the
 * wait short. The loop stops only when going on cannot help: the token is refused (expired or
 * revoked: the password is asked for, {@link #signInAgain}), another terminal of the user replaced
 * this one, the control center refuses this app's protocol version, or it said it ended for good
 * ({@code classroom_ended}: a room whose teacher stopped it is not tried again).
 *
 * <p>Trust: a control center already pinned (or given) must show that fingerprint; on first contact
 * the fingerprint seen is pinned after {@code login_ok}, and from then on the same client accepts only
 * it, so a reconnect never sends the token to another server. One {@link ControlCenterClient} serves
 * every attempt (its TLS context lets a reconnect resume the TLS session).
 *
 * <p>Threads: everything here runs on the session thread, except {@link #client()} and
 * {@link #isOnline()}, which any thread may call.
 */
final class ControlCenterConnector implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControlCenterConnector.class);
    /** A control center's retryAfter is honoured up to this (its longest throttle, 15 minutes). */
    private static final long MAX_RETRY_AFTER_MS = Duration.ofMinutes(15).toMillis();

    /** What the connection hands to the rest of the session, on the session thread. */
    interface Events {
        /** A push from the control center, in wire order. */
        void onPush(Message m);

        /** Online again after a lost connection; what the control center pushed at login came before. */
        void onBack(Messages.LoginOk ok);
    }

    private final SessionThread thread;
    private final SessionService.Reconnect reconnect;
    private final LocalStore store;
    private final Events events;
    private final String user;
    private final String terminal;
    private final String fingerprint;
    private final List<String> route;
    private final String address;
    /** The fingerprint accepted once known (pinned before, or on first contact after login_ok). */
    private final AtomicReference<String> trusted = new AtomicReference<>();
    /** First contact: the fingerprint the control center showed, pinned after login_ok. */
    private final AtomicReference<String> seen = new AtomicReference<>();
    private final ControlCenterClient client;

    // session thread
    private String token;
    private int failures;
    private int round; // a scheduled attempt runs only in the round it was scheduled in
    private RetryTimer.Cancel pending;
    private boolean replaced;
    private String ended; // the room a classroom_ended named: the close that follows ends the loop
    private boolean everOnline;
    private volatile boolean closed;
    private volatile ControlCenterState state = ControlCenterState.of(Status.CONNECTING, null); // any thread reads

    ControlCenterConnector(SessionService.Config config, LocalStore store, SessionThread thread,
                           SessionService.Reconnect reconnect, String user, List<String> route, Events events) {
        this.thread = thread;
        this.reconnect = reconnect;
        this.store = store;
        this.events = events;
        this.user = user;
        this.route = route;
        this.terminal = store.terminalId();
        this.fingerprint = config.identity().fingerprint();
        this.address = config.host() + ":" + config.port();
        String pinned = store.pinnedFingerprint(address).orElse(config.expectedFingerprint());
        ControlCenterClient.Listener listener = new ControlCenterClient.Listener() {
            @Override
            public void onPush(Message m) {
                thread.run(() -> pushed(m));
            }

            @Override
            public void onClosed(String reason) {
                thread.run(() -> lost(reason));
            }
        };
        // pinned: the shared TLS context of that fingerprint, so a sign-in after a drop resumes the
        // TLS session; first contact: trust on first use, the fingerprint is pinned after login_ok
        trusted.set(pinned);
        client = pinned != null ? new ControlCenterClient(config.host(), config.port(), pinned, listener)
                : new ControlCenterClient(config.host(), config.port(), this::firstContact, listener);
    }

    /** MINA's thread, during TLS: the pinned fingerprint once known, else any (remembered to pin). */
    private boolean firstContact(String fp) {
        String t = trusted.get();
        if (t != null) {
            return t.equals(fp);
        }
        seen.set(fp);
        return true;
    }

    /** The first sign-in, with the password. Completes on the session thread; a failure leaves nothing connected. */
    CompletableFuture<Messages.LoginOk> signIn(String password) {
        return thread.hop(connect(password)).thenApply(ok -> {
            online(ok);
            return ok;
        });
    }

    /**
     * Signs in again with the password, when the token was refused (or at any time it is not online).
     * Fails with the control center's answer; the loop goes on as before when it had a token.
     */
    CompletableFuture<Messages.LoginOk> signInAgain(String password) {
        if (state.status() == Status.ONLINE) {
            return CompletableFuture.failedFuture(new IllegalStateException("already signed in as " + user));
        }
        if (state.status() == Status.CONNECTING) {
            return CompletableFuture.failedFuture(new IllegalStateException("connecting to the control center already"));
        }
        cancelPending();
        state(new ControlCenterState(Status.CONNECTING, null, Duration.ZERO, failures));
        CompletableFuture<Messages.LoginOk> f = thread.hop(connect(password));
        f.whenComplete((ok, e) -> {
            if (thread.isClosed() || closed) {
                return;
            }
            if (e == null) {
                back(ok);
            } else if (token == null) {
                state(ControlCenterState.of(Status.PASSWORD_NEEDED, describe(e)));
            } else {
                failed(e);
            }
        });
        return f;
    }

    /** The user's "reconnect now": an attempt at once when waiting or stopped (not when the password is needed). */
    void reconnectNow() {
        Status s = state.status(); // not ENDED: the room is gone
        if (s == Status.WAITING || s == Status.REPLACED || s == Status.OFFLINE) {
            failures = 0;
            attempt();
        }
    }

    ControlCenterState state() {
        return state;
    }

    /** Any thread: the client when logged in, for requests. */
    ControlCenterClient client() {
        if (!client.isConnected()) {
            throw new ProtocolException(ErrorCode.NOT_LOGGED_IN, "not connected to the control center");
        }
        return client;
    }

    /** The client whether connected or not (ICE signalling checks for itself). Any thread. */
    ControlCenterClient anyClient() {
        return client;
    }

    /** Any thread. */
    boolean isOnline() {
        return client.isConnected();
    }

    private CompletableFuture<Messages.LoginOk> connect(String secret) {
        try {
            return client.connect(user, secret, terminal, route, fingerprint);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void online(Messages.LoginOk ok) {
        token = ok.token();
        failures = 0;
        String fp = seen.get();
        if (trusted.get() == null && fp != null) {
            store.pin(address, fp); // trust on first use, refused if it ever changes
            trusted.set(fp);
        }
        everOnline = true;
        state(ControlCenterState.of(Status.ONLINE, null));
    }

    private void pushed(Message m) {
        if (m instanceof Messages.Error err && err.req() == null && err.code() == ErrorCode.NOT_LOGGED_IN) {
            replaced = true; // "replaced by a newer login": the close that follows is not a drop
        }
        if (m instanceof Messages.ClassroomEnded end) {
            ended = end.room(); // only the pinned control center can say it (the TLS connection's own)
        }
        events.onPush(m);
    }

    /** The logged-in connection ended (not by close()). */
    private void lost(String reason) {
        if (closed) {
            return;
        }
        if (replaced) {
            replaced = false;
            state(ControlCenterState.of(Status.REPLACED, reason));
            return;
        }
        if (ended != null) {
            cancelPending();
            state(ControlCenterState.of(Status.ENDED, ended));
            return;
        }
        failures = 0;
        waitAndRetry(reason);
    }

    private void waitAndRetry(String reason) {
        waitAndRetry(reason, Duration.ZERO);
    }

    /** Schedules the next attempt after the back-off, and at least atLeast (a control center's retryAfter). */
    private void waitAndRetry(String reason, Duration atLeast) {
        cancelPending();
        Duration backoff = reconnect.backoff().delay(failures + 1);
        Duration wait = backoff.compareTo(atLeast) >= 0 ? backoff : atLeast;
        int mine = ++round;
        pending = reconnect.timer().schedule(wait, () -> thread.run(() -> {
            if (mine == round) {
                attempt();
            }
        }));
        state(new ControlCenterState(Status.WAITING, reason, wait, failures));
    }

    private void attempt() {
        if (closed) {
            return;
        }
        cancelPending();
        if (token == null) {
            state(ControlCenterState.of(Status.PASSWORD_NEEDED, state.reason()));
            return;
        }
        state(new ControlCenterState(Status.CONNECTING, state.reason(), Duration.ZERO, failures));
        thread.hop(connect(token)).whenComplete((ok, e) -> {
            if (thread.isClosed() || closed) {
                return;
            }
            if (e == null) {
                back(ok);
            } else {
                failed(e);
            }
        });
    }

    private void back(Messages.LoginOk ok) {
        LOG.info("back online with the control center as {}", user);
        online(ok);
        events.onBack(ok);
    }

    /** An attempt failed: a refused token or protocol stops the loop, anything else waits longer. */
    private void failed(Throwable e) {
        Verdict v = judge(e);
        if (v.status() == Status.WAITING) {
            failures++;
            LOG.debug("reconnect attempt {} failed: {}", failures, v.reason());
            waitAndRetry(v.reason(), v.atLeast());
        } else {
            if (v.status() == Status.PASSWORD_NEEDED) {
                token = null; // expired or revoked: only the password helps now
            }
            state(ControlCenterState.of(v.status(), v.reason()));
        }
    }

    /** What a failed reconnect means: stop in status, or (WAITING) try again after at least atLeast. */
    record Verdict(Status status, String reason, Duration atLeast) {
    }

    static Verdict judge(Throwable failure) {
        Throwable t = SessionThread.cause(failure);
        if (t instanceof ProtocolException pe && pe.code() == ErrorCode.BAD_CREDENTIALS) {
            return new Verdict(Status.PASSWORD_NEEDED, describe(t), Duration.ZERO);
        }
        if (t instanceof ProtocolException pe && pe.code() == ErrorCode.VERSION_MISMATCH) {
            return new Verdict(Status.OFFLINE, pe.getMessage(), Duration.ZERO);
        }
        Long after = t instanceof ProtocolException pe ? pe.retryAfter() : null; // BUSY, TOO_MANY_ATTEMPTS
        long wait = after == null ? 0 : Math.min(Math.max(after, 0), MAX_RETRY_AFTER_MS);
        return new Verdict(Status.WAITING, describe(t), Duration.ofMillis(wait));
    }

    private void state(ControlCenterState s) {
        state = s;
        if (everOnline) { // a first sign-in reports through its future
            thread.tell(l -> l.onControlCenter(s));
        }
    }

    private void cancelPending() {
        round++;
        if (pending != null) {
            pending.cancel();
            pending = null;
        }
    }

    private static String describe(Throwable e) {
        Throwable t = SessionThread.cause(e);
        if (t instanceof ProtocolException pe) {
            return pe.code() + ": " + pe.getMessage();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    /** Stops the loop and closes the connection (without reporting it); any thread. Safe twice. */
    @Override
    public void close() {
        closed = true; // a scheduled attempt that still fires does nothing
        client.close();
    }
}
