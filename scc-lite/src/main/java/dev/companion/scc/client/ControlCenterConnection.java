package dev.companion.scc.client;

import dev.companion.p2p.frame.Frame;
import dev.companion.p2p.net.Endpoint;
import dev.companion.p2p.net.FramedTls;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.ProtocolException;
import dev.companion.p2p.tls.Identity;
import dev.companion.p2p.tls.Tls;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * The connection under a {@link ControlCenterClient}: TLS 1.3 to the control center (its certificate
 * pinned, or judged by a predicate), the login handshake, heartbeats and the close. One attempt at a
 * time; after a failure or a lost connection, {@link #connect} may be called again. What arrives goes
 * to its {@link Inbound}; the login's outcome completes {@link #connect}'s future on the event thread.
 */
final class ControlCenterConnection {
    private static final Logger LOG = LoggerFactory.getLogger(ControlCenterConnection.class);
    private static final AttributeKey CONN = new AttributeKey(ControlCenterConnection.class, "conn");

    /** Where what arrives goes; called on MINA's I/O thread, in wire order. */
    interface Inbound {
        /** A push before login_ok, or anything but ping and pong after it. */
        void received(Message m);

        /** A frame that could not be decoded but carried req (not the login's); it was answered with an error. */
        void undecodable(long req, ProtocolException e);

        /** A connection closed; report: it was logged in and not closed by {@link #close}. */
        void closed(String reason, boolean report);
    }

    private final String host;
    private final int port;
    /** The one fingerprint accepted, when the client was made with one; else null. */
    private final String pinned;
    private final Predicate<String> serverFingerprintOk;
    private final ControlCenterClient.Timing timing;
    private final EventThread events;
    private final Inbound inbound;
    private final Object lock = new Object();
    private NioSocketConnector connector;
    private Conn current;
    private volatile boolean closed;

    ControlCenterConnection(String host, int port, String pinned, Predicate<String> serverFingerprintOk,
                            ControlCenterClient.Timing timing, EventThread events, Inbound inbound) {
        this.host = host;
        this.port = port;
        this.pinned = pinned;
        this.serverFingerprintOk = serverFingerprintOk;
        this.timing = timing;
        this.events = events;
        this.inbound = inbound;
    }

    /**
     * Connects and sends login once TLS is up; see {@link ControlCenterClient#connect}.
     *
     * @throws IllegalStateException when closed, or already connected or connecting
     */
    CompletableFuture<Messages.LoginOk> connect(Messages.Login login) {
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
                "no answer to login within " + timing.requestTimeout().toMillis() + " ms")), timing.requestTimeout());
        c.login.whenComplete((ok, e) -> timeout.cancel(false));
        events.run(() -> open(c));
        return c.login;
    }

    /** Resolves and connects off the caller's thread. */
    private void open(Conn c) {
        InetSocketAddress addr = new InetSocketAddress(host, port);
        if (addr.isUnresolved()) {
            c.failLogin(new UnknownHostException("cannot resolve control center host " + host));
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

    /** The logged-in connection if it is open, else null. */
    Conn loggedIn() {
        Conn c;
        synchronized (lock) {
            c = current;
        }
        IoSession s = c == null ? null : c.session;
        return s != null && c.loggedIn && s.isConnected() && !s.isClosing() ? c : null;
    }

    /** Fails a login under way, closes after what was written (up to 2 s, unreported); false if closed before. */
    boolean close() {
        Conn c;
        synchronized (lock) {
            if (closed) {
                return false;
            }
            closed = true;
            c = current;
            current = null;
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
        return true;
    }

    /** After {@link #close}: releases the connector and its threads. */
    void dispose() {
        NioSocketConnector c;
        synchronized (lock) {
            c = connector;
        }
        if (c != null) {
            c.dispose(true);
        }
    }

    private NioSocketConnector newConnector() {
        SSLContext ctx = pinned != null ? Tls.sharedClientContext(ClientIdentity.INSTANCE, pinned)
                : Tls.context(ClientIdentity.INSTANCE, serverFingerprintOk);
        return FramedTls.connector(Endpoint.CONTROL_CENTER_CLIENT.withIdleSeconds(timing.idleSeconds(), timing.pingSeconds()),
                ctx, new Events());
    }

    /** Every client's TLS identity: never shown (no client certificate is asked for), one per process. */
    private static final class ClientIdentity {
        static final Identity INSTANCE = Identity.create("client");
    }

    private static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

    /** One connection attempt and, once logged in, the connection. */
    final class Conn {
        final Messages.Login loginMsg;
        final CompletableFuture<Messages.LoginOk> login = new CompletableFuture<>();
        /** Set once the login's outcome is decided (answer, failure or timeout). */
        final AtomicBoolean settled = new AtomicBoolean();
        volatile IoSession session;
        volatile boolean loggedIn;
        volatile String closeReason;
        volatile Throwable failure;

        Conn(Messages.Login loginMsg) {
            this.loginMsg = loginMsg;
        }

        /** Writes one encoded message; false when the connection is gone by then. */
        boolean write(byte[] payload) {
            IoSession s = session;
            s.write(payload);
            return s.isConnected();
        }

        void failLogin(Throwable e) {
            if (settled.compareAndSet(false, true)) {
                synchronized (lock) {
                    if (current == this) {
                        current = null;
                    }
                }
                events.run(() -> login.completeExceptionally(e));
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
                    inbound.undecodable(req, e);
                }
                session.write(e.toMessage(req));
                return;
            }
            switch (m) {
                case Messages.Ping p -> session.write(new Messages.Pong(p.t()));
                case Messages.Pong p -> { }
                default -> {
                    if (!c.loggedIn) {
                        onLoginAnswer(c, m);
                    } else {
                        inbound.received(m);
                    }
                }
            }
        }

        private void onLoginAnswer(Conn c, Message m) {
            if (m instanceof Messages.LoginOk ok && c.loginMsg.req().equals(ok.req())) {
                if (c.settled.compareAndSet(false, true)) {
                    c.loggedIn = true;
                    events.run(() -> c.login.complete(ok));
                }
            } else if (m instanceof Messages.Error err && (err.req() == null || c.loginMsg.req().equals(err.req()))) {
                c.closeReason = "login refused: " + err.code();
                c.failLogin(new ProtocolException(err.code(), err.message(), err.retryAfter()));
            } else if (m.req() != null) {
                c.closeReason = "unexpected answer to login";
                c.failLogin(new ProtocolException(ErrorCode.UNKNOWN_TYPE,
                        "unexpected answer to login: " + m.getClass().getSimpleName()));
            } else {
                inbound.received(m); // a push
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
            String reason = c.closeReason != null ? c.closeReason : ControlCenterClient.CLOSED_BY_CONTROL_CENTER;
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
            inbound.closed(reason, c.loggedIn && !closed);
        }
    }
}
