package dev.companion.bench.scc;

import dev.companion.p2p.frame.Frame;
import dev.companion.p2p.net.Endpoint;
import dev.companion.p2p.net.FramedTls;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Protocol;
import dev.companion.p2p.protocol.ProtocolException;
import dev.companion.p2p.tls.Identity;
import dev.companion.p2p.tls.Tls;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.apache.mina.core.future.ConnectFuture;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.FilterEvent;
import org.apache.mina.filter.ssl.SslEvent;
import org.apache.mina.transport.socket.nio.NioSocketConnector;

/**
 * Many headless control-center terminals on one MINA connector (p2p's {@code FramedTls}): TLS 1.3
 * (server fingerprint pinned) + p2p frames, login, a ping every few seconds (as the app does),
 * presence pushes handed to a listener. A terminal costs a session and a {@link Term}, not a
 * thread: {@code ControlCenterClient} owns an event thread and a connector per instance.
 *
 * <p>Connections spread over several loopback source addresses (127.0.0.2, ...) so that 50k of
 * them fit in the ephemeral port range without touching sysctls.
 */
final class LoadClient implements AutoCloseable {
    static final AttributeKey ATTEMPT = new AttributeKey(LoadClient.class, "attempt");
    static final String FAKE_FINGERPRINT = "sha-256:" + "ab".repeat(32);

    static final int OFFLINE = 0;
    static final int ONLINE = 1;
    static final int BUSY = 2;

    /** One headless terminal (one user). */
    static final class Term {
        final int index;
        final String user;
        final AtomicInteger state = new AtomicInteger(OFFLINE);
        volatile String token;
        volatile IoSession session;

        Term(int index, String user) {
            this.index = index;
            this.user = user;
        }

        /** Closes the current connection on purpose (no "unexpected close" counted). */
        void dropConnection() {
            IoSession s = session;
            session = null;
            if (s != null) {
                Attempt a = (Attempt) s.getAttribute(ATTEMPT);
                if (a != null) {
                    a.closing = true;
                }
                s.closeNow();
            }
        }
    }

    /** Called on an I/O thread when a login attempt ends. */
    interface Outcome {
        void loggedIn(Attempt a, long nowNanos);

        void failed(Attempt a, String why);
    }

    /** Receives presence pushes: receiver terminal, the user it is about, online flag, arrival time. */
    interface PresenceListener {
        void presence(Term receiver, String user, boolean online, long nowNanos);
    }

    /** One connection attempt and, after login, the connection. */
    static final class Attempt {
        final Term term;
        final Messages.Login login;
        final long startNanos;
        final Outcome outcome;
        final AtomicBoolean settled = new AtomicBoolean();
        volatile boolean closing;
        volatile long connectedNanos;
        volatile long securedNanos;

        Attempt(Term term, Messages.Login login, long startNanos, Outcome outcome) {
            this.term = term;
            this.login = login;
            this.startNanos = startNanos;
            this.outcome = outcome;
        }

        void fail(String why) {
            if (settled.compareAndSet(false, true)) {
                outcome.failed(this, why);
            }
        }
    }

    private final NioSocketConnector connector;
    private final InetSocketAddress server;
    private final InetSocketAddress[] sources;
    private final boolean bare;
    private volatile PresenceListener presence = (r, u, o, t) -> { };

    final LongAdder fullHandshakes = new LongAdder();
    final LongAdder pongs = new LongAdder();
    final LongAdder presencePushes = new LongAdder();
    final LongAdder unexpectedCloses = new LongAdder();
    final LongAdder replaced = new LongAdder();
    /** Where login time goes: TCP connect, TLS handshake, login request → login_ok (reset per phase). */
    private volatile Stages stages = new Stages();

    static final class Stages {
        final org.HdrHistogram.Histogram connect = Hists.micros();
        final org.HdrHistogram.Histogram handshake = Hists.micros();
        final org.HdrHistogram.Histogram login = Hists.micros();

        java.util.Map<String, Object> summary() {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("tcpConnect", Hists.summary(connect));
            m.put("tlsHandshake", Hists.summary(handshake));
            m.put("loginToLoginOk", Hists.summary(login));
            return m;
        }
    }

    /** The stage timings since the last call, and a fresh set. */
    Stages takeStages() {
        Stages s = stages;
        stages = new Stages();
        return s;
    }

    /**
     * @param bare       the server is the bare MINA floor: a terminal counts as held once TLS is up and
     *                   its login is written (nothing answers)
     * @param resumption share one TLS client session cache across terminals, so that the JDK resumes
     *                   sessions (as the app's client does once the control center is pinned)
     * @param tcpNoDelay turn Nagle's algorithm off (as ControlCenterClient does)
     */
    LoadClient(String host, int port, String serverFingerprint, int sourceAddresses, boolean bare, boolean resumption,
               boolean tcpNoDelay) {
        this.server = new InetSocketAddress(host, port);
        this.bare = bare;
        this.sources = new InetSocketAddress[Math.max(1, sourceAddresses)];
        for (int i = 0; i < sources.length; i++) {
            sources[i] = sourceAddresses <= 0 ? null : new InetSocketAddress("127.0.0." + (2 + i), 0);
        }
        var ctx = Tls.context(Identity.create("bench-terminal"), fp -> {
            fullHandshakes.increment(); // the trust manager runs on full handshakes only
            return fp.equals(serverFingerprint);
        });
        // without resumption (--no-tls-resumption) every connection makes a full TLS 1.3 handshake, as
        // the app's first sign-in to a control center does (trust on first use, a context of its own);
        // once pinned, the app shares one context per fingerprint and resumes, as the default mode does
        connector = FramedTls.connector(Endpoint.DEFAULT.withIoThreads(1).withConnectTimeout(Duration.ofSeconds(15))
                .withReuseAddress(true).withTcpNoDelay(tcpNoDelay).withTlsResumption(resumption), ctx, new Handler());
    }

    void onPresence(PresenceListener l) {
        this.presence = l;
    }

    /** Sends a heartbeat on term's connection if it has one that is up. */
    static void ping(Term t) {
        IoSession s = t.session;
        if (s != null && s.isSecured() && !s.isClosing()) {
            s.write(new Messages.Ping(System.currentTimeMillis()));
        }
    }

    int managedSessions() {
        return connector.getManagedSessionCount();
    }

    /** Opens a connection for term and logs in with secret (password or token). */
    Attempt connect(Term term, String secret, long startNanos, Outcome outcome) {
        Messages.Login login = new Messages.Login(1L, Protocol.VERSION, term.user, secret, "t" + term.index,
                List.of("127.0.0.1:40000"), FAKE_FINGERPRINT);
        Attempt a = new Attempt(term, login, startNanos, outcome);
        InetSocketAddress local = sources[Math.floorMod(term.index, sources.length)];
        ConnectFuture f = local == null
                ? connector.connect(server, (s, fut) -> s.setAttribute(ATTEMPT, a))
                : connector.connect(server, local, (s, fut) -> s.setAttribute(ATTEMPT, a));
        f.addListener(done -> {
            ConnectFuture cf = (ConnectFuture) done;
            if (cf.isConnected()) {
                a.connectedNanos = System.nanoTime();
                Hists.record(stages.connect, a.connectedNanos - a.startNanos);
            } else {
                Throwable e = cf.getException();
                a.fail("connect: " + (e == null ? "?" : e.getClass().getSimpleName() + " " + e.getMessage()));
            }
        });
        return a;
    }

    @Override
    public void close() {
        connector.dispose(false);
    }

    private final class Handler extends IoHandlerAdapter {
        @Override
        public void event(IoSession session, FilterEvent event) {
            if (event == SslEvent.SECURED) {
                Attempt a = (Attempt) session.getAttribute(ATTEMPT);
                a.securedNanos = System.nanoTime();
                if (a.connectedNanos != 0) {
                    Hists.record(stages.handshake, a.securedNanos - a.connectedNanos);
                }
                session.write(a.login);
                if (bare && a.settled.compareAndSet(false, true)) {
                    a.term.session = session;
                    a.outcome.loggedIn(a, System.nanoTime());
                }
            }
        }

        @Override
        public void messageReceived(IoSession session, Object message) {
            long now = System.nanoTime();
            Attempt a = (Attempt) session.getAttribute(ATTEMPT);
            Message m;
            try {
                m = ((Frame) message).decode();
            } catch (ProtocolException e) {
                return;
            }
            switch (m) {
                case Messages.Pong p -> pongs.increment();
                case Messages.Ping p -> session.write(new Messages.Pong(p.t()));
                case Messages.Presence p -> {
                    presencePushes.increment();
                    presence.presence(a.term, p.user(), p.online(), now);
                }
                case Messages.LoginOk ok -> {
                    if (a.settled.compareAndSet(false, true)) {
                        if (a.securedNanos != 0) {
                            Hists.record(stages.login, now - a.securedNanos);
                        }
                        a.term.token = ok.token();
                        a.term.session = session;
                        a.outcome.loggedIn(a, now);
                    }
                }
                case Messages.Error err -> {
                    if (!a.settled.get()) {
                        a.closing = true;
                        a.fail("login refused: " + err.code() + " " + err.message());
                        session.closeNow();
                    } else if (err.code() == dev.companion.p2p.protocol.ErrorCode.NOT_LOGGED_IN) {
                        replaced.increment();
                        a.closing = true;
                    }
                }
                default -> { }
            }
        }

        @Override
        public void exceptionCaught(IoSession session, Throwable cause) {
            Attempt a = (Attempt) session.getAttribute(ATTEMPT);
            if (a != null) {
                a.fail(cause.getClass().getSimpleName() + ": " + cause.getMessage());
            }
            session.closeNow();
        }

        @Override
        public void sessionClosed(IoSession session) {
            Attempt a = (Attempt) session.getAttribute(ATTEMPT);
            if (a == null) {
                return;
            }
            if (!a.settled.get()) {
                a.fail("closed before login");
            } else if (!a.closing) {
                unexpectedCloses.increment();
                if (a.term.session == session) {
                    a.term.session = null;
                    a.term.state.set(OFFLINE);
                }
            }
        }
    }
}
