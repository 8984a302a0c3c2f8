package dev.companion.scc.client;

import dev.companion.p2p.net.Endpoint;
import dev.companion.p2p.protocol.ActionKind;
import dev.companion.p2p.protocol.Codec;
import dev.companion.p2p.protocol.ControlRequest;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Following;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Messages.LinkOffer;
import dev.companion.p2p.protocol.Mode;
import dev.companion.p2p.protocol.Protocol;
import dev.companion.p2p.protocol.ProtocolException;
import dev.companion.p2p.protocol.Scope;
import dev.companion.p2p.tls.Tls;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.LongFunction;
import java.util.function.Predicate;
import javax.net.ssl.SSLHandshakeException;

/**
 * The app's connection to the control center: TLS 1.3 pinned to the control center's certificate
 * fingerprint, login, requests answered by id, pushes, heartbeats.
 *
 * <p>Every listener call, and every completion of a returned future, happens in wire order on the
 * client's one event thread, never on the caller's thread: do not block it waiting for another
 * answer. {@link Listener#onClosed} reports the end of a logged-in connection that this client did
 * not close itself; a connection that fails before login fails {@link #connect} instead.
 *
 * <p>The façade over three parts: {@link ControlCenterConnection} (the MINA session, TLS, login,
 * heartbeats, close), {@link RequestTable} (request ids, pending answers, timeouts) and
 * {@link EventThread} (where listener calls and completions run).
 */
public final class ControlCenterClient implements AutoCloseable {
    /** How long a request (and the login) waits for its answer. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** The reason given when the control center closed the connection without saying why (the app words it in the person's language). */
    public static final String CLOSED_BY_CONTROL_CENTER = "closed by the control center";
    /** How long the TCP connect may take. */
    public static final Duration CONNECT_TIMEOUT = Endpoint.CONTROL_CENTER_CLIENT.connectTimeout();

    /** What the control center pushes, and the end of the connection. Called on the client's event thread. */
    public interface Listener {
        void onPush(Message m);

        void onClosed(String reason);
    }

    /** Heartbeat and request timings (tests shorten them). */
    record Timing(int pingSeconds, int idleSeconds, Duration requestTimeout) {
        static final Timing DEFAULT = new Timing(Protocol.PING_INTERVAL_SECONDS, Protocol.IDLE_TIMEOUT_SECONDS, REQUEST_TIMEOUT);
    }

    private final Listener listener;
    private final EventThread events = new EventThread("cc-client-events");
    private final RequestTable requests;
    private final ControlCenterConnection connection;

    /**
     * A client accepting the control center whose certificate serverFingerprintOk accepts (for
     * instance trust on first use). Each such client makes its own TLS context, so only its own
     * reconnects can resume a TLS session; prefer the pinned constructor once the fingerprint is known.
     */
    public ControlCenterClient(String host, int port, Predicate<String> serverFingerprintOk, Listener listener) {
        this(host, port, null, serverFingerprintOk, listener, Timing.DEFAULT);
    }

    /**
     * A client accepting exactly the control center whose certificate fingerprint is pinned
     * ("sha-256:<hex>"). Every client pinned to the same fingerprint shares one TLS context
     * ({@link Tls#sharedClientContext}), so that a new client, after a sign-out or a lost connection,
     * resumes the TLS 1.3 session of an earlier one instead of making a full handshake.
     */
    public ControlCenterClient(String host, int port, String pinned, Listener listener) {
        this(host, port, Objects.requireNonNull(pinned, "pinned"), pinned::equals, listener, Timing.DEFAULT);
    }

    ControlCenterClient(String host, int port, Predicate<String> serverFingerprintOk, Listener listener, Timing timing) {
        this(host, port, null, serverFingerprintOk, listener, timing);
    }

    private ControlCenterClient(String host, int port, String pinned, Predicate<String> serverFingerprintOk,
                                Listener listener, Timing timing) {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.requests = new RequestTable(events, timing.requestTimeout());
        this.connection = new ControlCenterConnection(Objects.requireNonNull(host, "host"), port, pinned,
                Objects.requireNonNull(serverFingerprintOk, "serverFingerprintOk"), timing, events, new Inbound());
    }

    /**
     * Connects over TLS 1.3 (the server's fingerprint must be the pinned one, or satisfy
     * serverFingerprintOk; no client certificate is asked for) and logs in. Completes with login_ok;
     * fails with {@link ProtocolException} carrying the server's error code (BAD_CREDENTIALS,
     * VERSION_MISMATCH, ...), with {@link SSLHandshakeException} when TLS fails (for instance a
     * server certificate that is not the expected one), or with another {@link IOException} or
     * {@link TimeoutException}.
     *
     * @throws ProtocolException (MISSING_FIELD) at once when an argument cannot make a login message
     * @throws IllegalStateException when closed, or already connected or connecting
     */
    public CompletableFuture<Messages.LoginOk> connect(String user, String password, String terminal,
                                                       List<String> route, String fingerprint) {
        return connection.connect(new Messages.Login(requests.nextId(), Protocol.VERSION, user, password,
                terminal, route, fingerprint));
    }

    /**
     * Sends the request build makes from a fresh request id (build must put that id in req) and
     * completes with the answer; an error answer fails it with {@link ProtocolException}(code,
     * message), no answer within {@link #REQUEST_TIMEOUT} with {@link TimeoutException}, a lost or
     * absent connection with {@link IOException}.
     */
    public CompletableFuture<Message> request(LongFunction<? extends ControlRequest> build) {
        long id = requests.nextId();
        ControlRequest m;
        byte[] payload;
        try {
            m = build.apply(id);
            if (m == null || m.req() == null || m.req() != id) {
                throw new IllegalArgumentException("the request must carry the req id it was given (" + id + ")");
            }
            payload = Codec.encode(m);
            if (payload.length > Protocol.MAX_FRAME_BYTES) {
                throw new IllegalArgumentException("request over " + Protocol.MAX_FRAME_BYTES + " bytes");
            }
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        ControlCenterConnection.Conn c = connection.loggedIn();
        if (c == null) {
            return CompletableFuture.failedFuture(new IOException("not connected to the control center"));
        }
        CompletableFuture<Message> f;
        try {
            f = requests.open(id, m.getClass().getSimpleName());
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new IOException("client closed"));
        }
        if (!c.write(payload)) {
            requests.fail(id, new IOException("connection to the control center lost"));
        }
        return f;
    }

    /** Asks user to become a contact. */
    public CompletableFuture<Messages.Ok> contactAdd(String user) {
        return typed(request(req -> new Messages.ContactAdd(req, user)), Messages.Ok.class);
    }

    /** Accepts user's pending contact request. */
    public CompletableFuture<Messages.Ok> contactAccept(String user) {
        return typed(request(req -> new Messages.ContactAccept(req, user)), Messages.Ok.class);
    }

    /** Invites contact to into group (null: a new group led by this user). */
    public CompletableFuture<Messages.InviteSent> invite(String to, String group) {
        return typed(request(req -> new Messages.Invite(req, to, group)), Messages.InviteSent.class);
    }

    /** Accepts or declines an invitation. */
    public CompletableFuture<Messages.Ok> answer(String invitation, boolean accept) {
        return typed(request(req -> new Messages.InviteAnswer(req, invitation, accept)), Messages.Ok.class);
    }

    /** Leaves group. */
    public CompletableFuture<Messages.Ok> leave(String group) {
        return typed(request(req -> new Messages.GroupLeave(req, group)), Messages.Ok.class);
    }

    /**
     * Changes group's settings, based on the group version the caller saw (fails with GROUP_CHANGED
     * when someone changed the group first, NOT_LEADER when only the leader may change them).
     */
    public CompletableFuture<Messages.Ok> groupSet(String group, long version, Mode mode, Following following,
                                                   Scope scope, List<ActionKind> kinds, List<String> pages) {
        return typed(request(req -> new Messages.GroupSet(req, group, version, mode, following, scope, kinds, pages)),
                Messages.Ok.class);
    }

    /** Asks group's leader for the lead (they receive lead_proposal). */
    public CompletableFuture<Messages.Ok> leadAsk(String group) {
        return typed(request(req -> new Messages.LeadAsk(req, group)), Messages.Ok.class);
    }

    /** As group's leader, offers the lead to member to (they receive lead_proposal). */
    public CompletableFuture<Messages.Ok> leadOffer(String group, String to) {
        return typed(request(req -> new Messages.LeadOffer(req, group, to)), Messages.Ok.class);
    }

    /** Accepts or declines lead proposal id of group (fails with UNKNOWN_PROPOSAL when it is no longer open). */
    public CompletableFuture<Messages.Ok> leadAnswer(String group, String id, boolean accept) {
        return typed(request(req -> new Messages.LeadAnswer(req, group, id, accept)), Messages.Ok.class);
    }

    /** Stops following in group (paused true) or follows again. */
    public CompletableFuture<Messages.Ok> pause(String group, boolean paused) {
        return typed(request(req -> new Messages.FollowPause(req, group, paused)), Messages.Ok.class);
    }

    /** Relays this terminal's link offer to member to of group. */
    public CompletableFuture<Messages.Ok> signal(String group, String to, LinkOffer offer) {
        return typed(request(req -> new Messages.Signal(req, group, to, null, offer)), Messages.Ok.class);
    }

    /** As group's leader (group null: a new group), asks for a join code and its link. */
    public CompletableFuture<Messages.JoinCodeIssued> joinCode(String group) {
        return typed(request(req -> new Messages.JoinCode(req, group)), Messages.JoinCodeIssued.class);
    }

    /** Who leads which group with a code, as typed (fails with UNKNOWN_CODE, or TOO_MANY_ATTEMPTS after many wrong ones). */
    public CompletableFuture<Messages.JoinInfo> joinLookup(String code) {
        return typed(request(req -> new Messages.JoinLookup(req, code)), Messages.JoinInfo.class);
    }

    /** Asks to join the group of code; the leader receives join_asked, this user later join_answered. */
    public CompletableFuture<Messages.Ok> joinAsk(String code) {
        return typed(request(req -> new Messages.JoinAsk(req, code)), Messages.Ok.class);
    }

    /** As group's leader, lets the asker of ask id in, or not. */
    public CompletableFuture<Messages.Ok> joinDecide(String group, String id, boolean accept) {
        return typed(request(req -> new Messages.JoinDecide(req, group, id, accept)), Messages.Ok.class);
    }

    /** Reports the actions this user led and followed since the last report (each 0..10,000). */
    public CompletableFuture<Messages.Ok> usageReport(int led, int followed) {
        return typed(request(req -> new Messages.UsageReport(req, led, followed)), Messages.Ok.class);
    }

    /** This user's usage counts, days from..to (yyyy-mm-dd, UTC). */
    public CompletableFuture<Messages.Usage> usage(String from, String to) {
        return typed(request(req -> new Messages.UsageGet(req, from, to)), Messages.Usage.class);
    }

    /** Logged in and the connection is open. */
    public boolean isConnected() {
        return connection.loggedIn() != null;
    }

    /** Closes the connection after what was written (without onClosed), fails what is pending. Safe twice. */
    @Override
    public void close() {
        if (!connection.close()) {
            return;
        }
        requests.failAll(new IOException("client closed"));
        events.shutdown();
        connection.dispose();
    }

    private static <T extends Message> CompletableFuture<T> typed(CompletableFuture<Message> f, Class<T> type) {
        CompletableFuture<T> out = new CompletableFuture<>();
        f.whenComplete((m, e) -> {
            if (e != null) {
                out.completeExceptionally(e);
            } else if (type.isInstance(m)) {
                out.complete(type.cast(m));
            } else {
                out.completeExceptionally(new ProtocolException(ErrorCode.UNKNOWN_TYPE,
                        "expected " + type.getSimpleName() + ", got " + m.getClass().getSimpleName()));
            }
        });
        return out;
    }

    /** What the connection hands in: answers to the request table, the rest to the listener. */
    private final class Inbound implements ControlCenterConnection.Inbound {
        @Override
        public void received(Message m) {
            if (!requests.complete(m)) {
                events.run(() -> listener.onPush(m));
            }
        }

        @Override
        public void undecodable(long req, ProtocolException e) {
            requests.fail(req, e);
        }

        @Override
        public void closed(String reason, boolean report) {
            requests.failAll(new IOException("connection to the control center closed: " + reason));
            if (report) {
                events.run(() -> listener.onClosed(reason));
            }
        }
    }
}
