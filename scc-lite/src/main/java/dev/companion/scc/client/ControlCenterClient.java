package dev.companion.scc.client;

import dev.companion.p2p.frame.Frame;
import dev.companion.p2p.net.Endpoint;
import dev.companion.p2p.net.FramedTls;
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
import dev.companion.p2p.tls.Identity;
import dev.companion.p2p.tls.Tls;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.apache.mina.core.future.ConnectFuture;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.FilterEvent;
import org.apache.mina.filter.ssl.SslEvent;
import org.apache.mina.transport.socket.nio.NioSocketConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's connection to the control center: TLS 1.3 pinned to the control center's certificate
 * fingerprint, login, requests answered by id, pushes, heartbeats.
 *
 * <p>Every listener call, and every completion of a returned future, happens in wire order on the
 * client's one event thread, never on the caller's thread: do not block it waiting for another
 * answer. {@link Listener#onClosed} reports the end of a logged-in connection that this client did
 * not close itself; a connection that fails before login fails {@link #connect} instead.
 */
public final class ControlCenterClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControlCenterClient.class);
    private static final AttributeKey CONN = new AttributeKey(ControlCenterClient.class, "conn");

    /** How long a request (and the login) waits for its answer. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
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

    private final String host;
    private final int port;
    /** The one fingerprint accepted, when the client was made with one; else null. */
    private final String pinned;
    private final Predicate<String> serverFingerprintOk;
    private final Listener listener;
    private final Timing timing;
    private final ScheduledThreadPoolExecutor events;
    private final AtomicLong nextReq = new AtomicLong();
    private final Map<Long, CompletableFuture<Message>> pending = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private NioSocketConnector connector;
    private Conn current;
    private volatile boolean closed;

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
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        this.pinned = pinned;
        this.serverFingerprintOk = Objects.requireNonNull(serverFingerprintOk, "serverFingerprintOk");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.timing = timing;
        this.events = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "cc-client-events");
            t.setDaemon(true);
            return t;
        });
        events.setRemoveOnCancelPolicy(true);
        events.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
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
        Messages.Login login = new Messages.Login(nextReq.incrementAndGet(), Protocol.VERSION, user, password,
                terminal, route, fingerprint);
        Conn c = new Conn(login);
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("client closed");
            }
            if (current != null) {
                throw new IllegalStateException("already connected or connecting");
            }
            if (connector == null) {
                connector = newConnector();
            }
            current = c;
        }
        ScheduledFuture<?> timeout = events.schedule(() -> c.failLogin(new TimeoutException(
                "no answer to login within " + timing.requestTimeout().toMillis() + " ms")),
                timing.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        c.login.whenComplete((ok, e) -> timeout.cancel(false));
        events.execute(() -> open(c));
        return c.login;
    }

    /** Resolves and connects off the caller's thread. */
    private void open(Conn c) {
        InetSocketAddress addr = new InetSocketAddress(host, port);
        if (addr.isUnresolved()) {
            c.failLogin(new IOException("cannot resolve control center host " + host));
            return;
        }
        ConnectFuture f;
        synchronized (lock) {
            if (closed) {
                c.failLogin(new IOException("client closed"));
                return;
            }
            f = connector.connect(addr, (session, future) -> session.setAttribute(CONN, c));
        }
        f.addListener(done -> {
            ConnectFuture cf = (ConnectFuture) done;
            if (!cf.isConnected()) {
                Throwable e = cf.getException();
                c.failLogin(new IOException("cannot connect to the control center at " + host + ":" + port + ": "
                        + (e == null ? "unknown error" : e.getMessage()), e));
            }
        });
    }

    /**
     * Sends the request build makes from a fresh request id (build must put that id in req) and
     * completes with the answer; an error answer fails it with {@link ProtocolException}(code,
     * message), no answer within {@link #REQUEST_TIMEOUT} with {@link TimeoutException}, a lost or
     * absent connection with {@link IOException}.
     */
    public CompletableFuture<Message> request(LongFunction<? extends ControlRequest> build) {
        long id = nextReq.incrementAndGet();
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
        Conn c;
        synchronized (lock) {
            c = current;
        }
        IoSession s = c == null ? null : c.session;
        if (s == null || !c.loggedIn || !s.isConnected() || s.isClosing()) {
            return CompletableFuture.failedFuture(new IOException("not connected to the control center"));
        }
        CompletableFuture<Message> f = new CompletableFuture<>();
        pending.put(id, f);
        String type = m.getClass().getSimpleName();
        try {
            ScheduledFuture<?> timeout = events.schedule(() -> {
                if (pending.remove(id, f)) {
                    f.completeExceptionally(new TimeoutException("no answer to " + type + " within "
                            + timing.requestTimeout().toMillis() + " ms"));
                }
            }, timing.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
            f.whenComplete((r, e) -> timeout.cancel(false));
        } catch (RejectedExecutionException e) {
            pending.remove(id);
            return CompletableFuture.failedFuture(new IOException("client closed"));
        }
        s.write(payload);
        if (!s.isConnected() && pending.remove(id, f)) {
            f.completeExceptionally(new IOException("connection to the control center lost"));
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

    /** Logged in and the connection is open. */
    public boolean isConnected() {
        Conn c;
        synchronized (lock) {
            c = current;
        }
        IoSession s = c == null ? null : c.session;
        return s != null && c.loggedIn && s.isConnected() && !s.isClosing();
    }

    /** Closes the connection after what was written (without onClosed), fails what is pending. Safe twice. */
    @Override
    public void close() {
        Conn c;
        NioSocketConnector conn;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            c = current;
            current = null;
            conn = connector;
        }
        if (c != null) {
            c.failLogin(new IOException("client closed"));
            IoSession s = c.session;
            if (s != null) {
                try {
                    s.closeOnFlush().awaitUninterruptibly(2000);
                } catch (IllegalStateException e) { // on an I/O thread: do not wait
                    s.closeNow();
                }
            }
        }
        failPending(new IOException("client closed"));
        events.shutdown();
        if (conn != null) {
            conn.dispose(true);
        }
    }

    // ---- internals -----------------------------------------------------------------------------

    private NioSocketConnector newConnector() {
        SSLContext ctx = pinned != null ? Tls.sharedClientContext(ClientIdentity.INSTANCE, pinned)
                : Tls.context(ClientIdentity.INSTANCE, serverFingerprintOk);
        return FramedTls.connector(Endpoint.CONTROL_CENTER_CLIENT.withIdleSeconds(timing.idleSeconds(), timing.pingSeconds()),
                ctx, new Events());
    }

    /**
     * The identity every client's TLS context carries. The control center asks for no client
     * certificate, so it is never shown; one per process spares a key pair and a certificate per client.
     */
    private static final class ClientIdentity {
        static final Identity INSTANCE = Identity.create("client");
    }

    private void failPending(Throwable e) {
        for (Long id : List.copyOf(pending.keySet())) {
            CompletableFuture<Message> f = pending.remove(id);
            if (f != null) {
                onEvents(() -> f.completeExceptionally(e));
            }
        }
    }

    /** Runs r on the event thread, or here when the client is closed. */
    private void onEvents(Runnable r) {
        Runnable safe = () -> {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.warn("control center listener failed", e);
            }
        };
        try {
            events.execute(safe);
        } catch (RejectedExecutionException e) {
            safe.run();
        }
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

    private static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

    /** One connection attempt and, once logged in, the connection. */
    private final class Conn {
        final Messages.Login loginMsg;
        final CompletableFuture<Messages.LoginOk> login = new CompletableFuture<>();
        /** Set once the login's outcome is decided (answer, failure or timeout). */
        final java.util.concurrent.atomic.AtomicBoolean settled = new java.util.concurrent.atomic.AtomicBoolean();
        volatile IoSession session;
        volatile boolean loggedIn;
        volatile String closeReason;
        volatile Throwable failure;

        Conn(Messages.Login loginMsg) {
            this.loginMsg = loginMsg;
        }

        void failLogin(Throwable e) {
            if (settled.compareAndSet(false, true)) {
                synchronized (lock) {
                    if (current == this) {
                        current = null;
                    }
                }
                onEvents(() -> login.completeExceptionally(e));
                IoSession s = session;
                if (s != null) {
                    s.closeOnFlush();
                }
            }
        }
    }

    private final class Events extends IoHandlerAdapter {
        @Override
        public void sessionCreated(IoSession session) {
            Conn c = (Conn) session.getAttribute(CONN);
            c.session = session;
            if (c.settled.get() || closed) { // timed out or closed while connecting
                session.closeNow();
            }
        }

        @Override
        public void event(IoSession session, FilterEvent event) {
            if (event == SslEvent.SECURED) {
                Conn c = (Conn) session.getAttribute(CONN);
                session.write(c.loginMsg);
            }
        }

        @Override
        public void messageReceived(IoSession session, Object message) {
            Conn c = (Conn) session.getAttribute(CONN);
            Frame frame = (Frame) message;
            Message m;
            try {
                m = frame.decode();
            } catch (ProtocolException e) {
                LOG.warn("bad frame from the control center: {} {}", e.code(), e.getMessage());
                Long req = frame.requestId();
                if (req != null && req == c.loginMsg.req()) {
                    c.failLogin(e);
                } else if (req != null) {
                    CompletableFuture<Message> f = pending.remove(req);
                    if (f != null) {
                        onEvents(() -> f.completeExceptionally(e));
                    }
                }
                session.write(e.toMessage(req));
                return;
            }
            switch (m) {
                case Messages.Ping p -> session.write(new Messages.Pong(p.t()));
                case Messages.Pong p -> { }
                default -> {
                    if (!c.loggedIn) {
                        onLoginAnswer(session, c, m);
                    } else {
                        onMessage(m);
                    }
                }
            }
        }

        private void onLoginAnswer(IoSession session, Conn c, Message m) {
            if (m instanceof Messages.LoginOk ok && c.loginMsg.req().equals(ok.req())) {
                if (c.settled.compareAndSet(false, true)) {
                    c.loggedIn = true;
                    onEvents(() -> c.login.complete(ok));
                }
            } else if (m instanceof Messages.Error err && (err.req() == null || c.loginMsg.req().equals(err.req()))) {
                c.closeReason = "login refused: " + err.code();
                c.failLogin(new ProtocolException(err.code(), err.message()));
            } else if (m.req() != null) {
                c.closeReason = "unexpected answer to login";
                c.failLogin(new ProtocolException(ErrorCode.UNKNOWN_TYPE,
                        "unexpected answer to login: " + m.getClass().getSimpleName()));
            } else {
                onEvents(() -> listener.onPush(m));
            }
        }

        private void onMessage(Message m) {
            Long req = m.req();
            CompletableFuture<Message> f = req == null ? null : pending.remove(req);
            if (f == null) {
                onEvents(() -> listener.onPush(m));
            } else if (m instanceof Messages.Error err) {
                onEvents(() -> f.completeExceptionally(new ProtocolException(err.code(), err.message())));
            } else {
                onEvents(() -> f.complete(m));
            }
        }

        @Override
        public void sessionIdle(IoSession session, IdleStatus status) {
            Conn c = (Conn) session.getAttribute(CONN);
            if (status == IdleStatus.READER_IDLE) {
                c.closeReason = "idle timeout: nothing received for " + timing.idleSeconds() + " s";
                session.closeNow();
            } else if (status == IdleStatus.WRITER_IDLE && session.isSecured()) {
                session.write(new Messages.Ping(System.currentTimeMillis()));
            }
        }

        @Override
        public void exceptionCaught(IoSession session, Throwable cause) {
            Conn c = (Conn) session.getAttribute(CONN);
            if (c.failure == null) {
                c.failure = cause;
            }
            if (c.closeReason == null) {
                c.closeReason = describe(cause);
            }
            LOG.debug("control center connection: {}", describe(cause));
            session.closeNow();
        }

        @Override
        public void sessionClosed(IoSession session) {
            Conn c = (Conn) session.getAttribute(CONN);
            synchronized (lock) {
                if (current == c) {
                    current = null;
                }
            }
            String reason = c.closeReason != null ? c.closeReason : "closed by the control center";
            if (!c.settled.get()) {
                Throwable f = c.failure;
                if (f instanceof SSLException) {
                    SSLHandshakeException e = new SSLHandshakeException("TLS with the control center at " + host + ":"
                            + port + " failed: " + describe(f));
                    e.initCause(f);
                    c.failLogin(e);
                } else {
                    c.failLogin(new IOException("connection to the control center closed before login: " + reason, f));
                }
            }
            failPending(new IOException("connection to the control center closed: " + reason));
            if (c.loggedIn && !closed) {
                onEvents(() -> listener.onClosed(reason));
            }
        }
    }
}
