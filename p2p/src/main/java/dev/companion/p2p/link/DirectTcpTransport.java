package dev.companion.p2p.link;

import dev.companion.p2p.frame.Frame;
import dev.companion.p2p.net.Endpoint;
import dev.companion.p2p.net.FramedTls;
import dev.companion.p2p.protocol.Messages.LinkOffer;
import dev.companion.p2p.tls.Identity;
import dev.companion.p2p.tls.Tls;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import org.apache.mina.core.future.CloseFuture;
import org.apache.mina.core.future.ConnectFuture;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.service.IoService;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.WriteTimeoutException;
import org.apache.mina.filter.FilterEvent;
import org.apache.mina.filter.ssl.SslEvent;
import org.apache.mina.filter.ssl.SslFilter;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;
import org.apache.mina.transport.socket.nio.NioSocketConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Direct TCP with TLS 1.3 in both directions (MINA). The acceptor requires a client certificate and
 * accepts the fingerprints acceptedPeers allows (checked again when TLS is up, since a resumed session
 * skips the trust manager); a dial trusts exactly the offer's fingerprint, with one shared TLS context
 * per expected peer so that a redial resumes the TLS session. Both sides present identity. A TLS
 * handshake that does not finish within connectTimeout is dropped.
 */
public final class DirectTcpTransport implements LinkTransport {
    private static final Logger LOG = LoggerFactory.getLogger(DirectTcpTransport.class);
    private static final AttributeKey ATTEMPT = new AttributeKey(DirectTcpTransport.class, "attempt");
    private static final AttributeKey HANDLER = new AttributeKey(DirectTcpTransport.class, "handler");
    private static final AttributeKey LINK = new AttributeKey(DirectTcpTransport.class, "link");
    private static final AttributeKey REASON = new AttributeKey(DirectTcpTransport.class, "reason");

    private final Identity identity;
    private final Predicate<String> acceptedPeers;
    private final Duration connectTimeout;
    private final Endpoint acceptorEndpoint;
    private final Endpoint dialerEndpoint;
    private final Object lock = new Object();
    private NioSocketAcceptor acceptor;
    private NioSocketConnector connector;
    /** The address dials come from: the one listened on, or null (any) when listening on every address. */
    private InetSocketAddress dialFrom;
    private LinkHandler acceptHandler;
    private boolean closed;

    /**
     * @param acceptedPeers which client certificate fingerprints the acceptor lets through TLS
     * @param connectTimeout per address: TCP connect, then the TLS handshake
     */
    public DirectTcpTransport(Identity identity, Predicate<String> acceptedPeers, Duration connectTimeout) {
        this(identity, acceptedPeers, connectTimeout, Endpoint.PEER_ACCEPTOR, Endpoint.PEER_DIALER);
    }

    /** With other endpoint settings than the product's (tests: shorter deadlines, smaller limits). */
    DirectTcpTransport(Identity identity, Predicate<String> acceptedPeers, Duration connectTimeout,
                       Endpoint acceptorEndpoint, Endpoint dialerEndpoint) {
        this.identity = identity;
        this.acceptedPeers = acceptedPeers;
        this.connectTimeout = connectTimeout;
        this.acceptorEndpoint = acceptorEndpoint;
        this.dialerEndpoint = dialerEndpoint;
    }

    @Override
    public List<String> listen(String bindHost, LinkHandler handler) throws IOException {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("transport closed");
            }
            if (acceptor != null) {
                throw new IllegalStateException("already listening");
            }
            NioSocketAcceptor a = FramedTls.acceptor(acceptorEndpoint, Tls.context(identity, acceptedPeers), new Events());
            acceptHandler = handler;
            String host = Routes.isWildcard(bindHost) ? "0.0.0.0" : bindHost;
            try {
                a.bind(new InetSocketAddress(host, 0));
            } catch (IOException | RuntimeException e) {
                a.dispose();
                throw e;
            }
            acceptor = a;
            // bound to one address: dial from it too, so peers see one address per terminal (a
            // machine with several, or several terminals on one machine as in the classroom test)
            dialFrom = Routes.isWildcard(bindHost) ? null : new InetSocketAddress(host, 0);
            return Routes.of(host, a.getLocalAddress().getPort());
        }
    }

    @Override
    public CompletableFuture<LinkSession> dial(LinkOffer offer, LinkHandler handler) {
        String expected = offer.fingerprint();
        // one shared context per (identity, expected peer): no new context per dial, and a redial to
        // the same peer resumes its TLS session (the peer still checks who we are: see acceptHello)
        Dial dial = new Dial(offer, handler, Tls.sharedClientContext(identity, expected), new CompletableFuture<>());
        attempt(dial, 0, null);
        return dial.result;
    }

    /** Tries route address index, or fails the dial when none is left. */
    private void attempt(Dial dial, int index, String lastError) {
        if (dial.result.isDone()) {
            return;
        }
        List<String> route = dial.offer.route();
        if (index >= route.size()) {
            dial.result.completeExceptionally(new IOException("cannot reach terminal " + dial.offer.terminal()
                    + " at " + route + (lastError == null ? "" : ": " + lastError)));
            return;
        }
        InetSocketAddress addr;
        try {
            addr = Routes.parse(route.get(index));
        } catch (IllegalArgumentException e) {
            attempt(dial, index + 1, e.getMessage());
            return;
        }
        ConnectFuture future;
        synchronized (lock) {
            if (closed) {
                dial.result.completeExceptionally(new IOException("transport closed"));
                return;
            }
            future = connector().connect(addr, dialFrom, (session, f) -> session.setAttribute(ATTEMPT, new Attempt(dial, index)));
        }
        future.addListener(f -> {
            ConnectFuture cf = (ConnectFuture) f;
            if (!cf.isConnected()) {
                attempt(dial, index + 1, route.get(index) + ": " + describe(cf.getException()));
            }
        });
    }

    private NioSocketConnector connector() {
        if (connector == null) {
            // each dial's own context, pinned to that peer
            connector = FramedTls.connector(dialerEndpoint.withConnectTimeout(connectTimeout),
                    session -> ((Attempt) session.getAttribute(ATTEMPT)).dial.ssl, new Events());
        }
        return connector;
    }

    @Override
    public void close() {
        NioSocketAcceptor a;
        NioSocketConnector c;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            a = acceptor;
            c = connector;
        }
        List<CloseFuture> closing = new ArrayList<>();
        for (IoService service : new IoService[] {a, c}) {
            if (service != null) {
                service.getManagedSessions().values().forEach(s -> {
                    FramedTls.closeOnFlush(s);
                    closing.add(s.getCloseFuture());
                });
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        for (CloseFuture f : closing) {
            try {
                f.awaitUninterruptibly(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (IllegalStateException e) { // called from an I/O thread: do not wait
                break;
            }
        }
        if (a != null) {
            a.unbind();
            a.dispose(true);
        }
        if (c != null) {
            c.dispose(true);
        }
    }

    static String describe(Throwable t) {
        if (t == null) {
            return "unknown error";
        }
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        return root == t ? msg : t.getClass().getSimpleName() + ": " + msg;
    }

    private record Dial(LinkOffer offer, LinkHandler handler, SSLContext ssl, CompletableFuture<LinkSession> result) {
    }

    private record Attempt(Dial dial, int index) {
    }

    /** MINA events for accepted and dialed sessions alike. */
    private final class Events extends IoHandlerAdapter {
        @Override
        public void sessionCreated(IoSession session) {
            Attempt attempt = (Attempt) session.getAttribute(ATTEMPT);
            session.setAttribute(HANDLER, attempt != null ? attempt.dial.handler : acceptHandler);
            // Until the handshake is done, silence is a failed handshake.
            session.getConfig().setReaderIdleTime((int) Math.max(1, connectTimeout.toSeconds()));
        }

        @Override
        public void event(IoSession session, FilterEvent event) {
            if (event == SslEvent.SECURED) {
                secured(session);
            }
        }

        /**
         * The session's link, made when TLS is done. MINA may hand over the first application data
         * (the data that came with the peer's Finished) before the SECURED event: whichever comes
         * first opens the link.
         */
        private LinkSession secured(IoSession session) {
            LinkSession existing = (LinkSession) session.getAttribute(LINK);
            if (existing != null || session.getAttribute(SslFilter.SSL_SECURED) == null || session.isClosing()) {
                return existing;
            }
            session.getConfig().setReaderIdleTime(0);
            Attempt attempt = (Attempt) session.getAttribute(ATTEMPT);
            String fp = Tls.peerFingerprint(session);
            // also on the accepting side: a resumed TLS session skips the trust manager, so a peer
            // accepted once and no longer expected is refused here
            if (fp == null || (attempt != null ? !attempt.dial.offer.fingerprint().equals(fp) : !acceptedPeers.test(fp))) {
                session.setAttribute(REASON, "peer presented " + fp);
                session.closeNow();
                return null;
            }
            MinaLinkSession link = new MinaLinkSession(session, attempt != null, fp);
            session.setAttribute(LINK, link);
            handler(session).opened(link);
            if (attempt != null) {
                attempt.dial.result.complete(link);
            }
            return link;
        }

        @Override
        public void messageReceived(IoSession session, Object message) {
            LinkSession link = secured(session);
            if (link != null && message instanceof Frame frame) {
                handler(session).received(link, frame);
            }
        }

        @Override
        public void sessionIdle(IoSession session, IdleStatus status) {
            if (session.getAttribute(LINK) == null) {
                session.setAttribute(REASON, "TLS handshake timed out");
                session.closeNow();
            }
        }

        @Override
        public void exceptionCaught(IoSession session, Throwable cause) {
            session.setAttributeIfAbsent(REASON, cause instanceof WriteTimeoutException
                    ? "the peer took none of the output queued for it for " + session.getConfig().getWriteTimeout() + " s"
                    : describe(cause));
            LOG.debug("link session {}: {}", session.getRemoteAddress(), describe(cause));
            session.closeNow();
        }

        @Override
        public void sessionClosed(IoSession session) {
            String reason = (String) session.getAttribute(REASON);
            LinkSession link = (LinkSession) session.getAttribute(LINK);
            if (link != null) {
                handler(session).closed(link, reason == null ? "connection closed" : reason);
                return;
            }
            Attempt attempt = (Attempt) session.getAttribute(ATTEMPT);
            if (attempt != null) {
                String addr = attempt.dial.offer.route().get(attempt.index);
                attempt(attempt.dial, attempt.index + 1, addr + ": " + (reason == null ? "closed during TLS handshake" : reason));
            }
        }

        private LinkHandler handler(IoSession session) {
            return (LinkHandler) session.getAttribute(HANDLER);
        }
    }
}
