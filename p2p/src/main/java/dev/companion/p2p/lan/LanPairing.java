package dev.companion.p2p.lan;

import dev.companion.p2p.frame.Frame;
import dev.companion.p2p.net.Endpoint;
import dev.companion.p2p.net.FramedTls;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Protocol;
import dev.companion.p2p.protocol.ProtocolException;
import dev.companion.p2p.tls.Identity;
import dev.companion.p2p.tls.Tls;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import org.apache.mina.core.future.ConnectFuture;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.FilterEvent;
import org.apache.mina.filter.ssl.SslEvent;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;
import org.apache.mina.transport.socket.nio.NioSocketConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pairing two terminals on one LAN with no control center (docs/network.md, "Pairing without a
 * control center"). Each terminal listens on a pairing port (announced by a {@link
 * dev.companion.p2p.protocol.LanBeacon} of kind terminal, or typed as "address:port"); one person
 * picks the other: {@link #ask} connects with mutual TLS 1.3 (any certificate: trust comes from the
 * people, not from a certificate authority), and both screens show the pair's {@link
 * ConfirmCode#ofPair code} over both certificates. The asking person confirms ({@link Asking#confirm}:
 * pair_request goes out), the asked person sees it with the same code ({@link Asked}) and accepts
 * (pair_answer). Each side then knows the other's name, terminal id, certificate fingerprint and
 * peer-link address ({@link Paired}); the caller remembers the fingerprint and forms the group over
 * the peer link, which pins it. A beacon's fingerprint is pinned when asking from a beacon, so
 * another certificate at that address fails the handshake; a relay in the middle shows each side
 * another code. Bounds: {@link Endpoint#LAN_PAIRING}. {@link #close()} is safe twice.
 *
 * <p>Longer than the project's ~350 lines on purpose: both ends of one two-message exchange
 * ({@link Asking}, {@link Asked}) and the one handler they share read, and are checked, together.
 */
public final class LanPairing implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LanPairing.class);
    private static final String STATE = "lan-pairing.state";
    private static final String CONTEXT = "lan-pairing.tls";
    private static final int HANDSHAKE_SECONDS = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** This terminal as the other side will know it: the person's name, its terminal id, its peer link's port. */
    public record Me(String name, String terminal, int linkPort) {
    }

    /**
     * The other terminal once both people confirmed: its person's name, its terminal id and certificate,
     * its peer link's address (the pairing connection's address and the port it named), the group the
     * two form and whether this side leads it (the asking side does).
     */
    public record Paired(String name, String terminal, String fingerprint, String host, int linkPort, String group,
                         boolean leads) {
        /** The peer link's address as a route entry, "host:port". */
        public String route() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + linkPort;
        }
    }

    /** A person decided not to pair (here or on the other side), or the codes differed. */
    public static final class Declined extends RuntimeException {
        Declined(String message) {
            super(message);
        }
    }

    private final Identity identity;
    private final Me me;
    private final Consumer<Asked> onAsked;
    private final NioSocketAcceptor acceptor;
    private final NioSocketConnector connector;

    private LanPairing(Identity identity, Me me, Consumer<Asked> onAsked) {
        this.identity = identity;
        this.me = me;
        this.onAsked = onAsked;
        Endpoint endpoint = Endpoint.LAN_PAIRING.withIoThreads(1);
        this.acceptor = FramedTls.acceptor(endpoint, Tls.context(identity, fp -> true), new Handler());
        this.connector = FramedTls.connector(endpoint, s -> (SSLContext) s.getAttribute(CONTEXT), new Handler());
    }

    /**
     * Listens for pairing requests on bindHost (port 0: any free port); onAsked hears each request
     * that arrived, on a MINA thread (hop off it: the person decides later).
     */
    public static LanPairing start(Identity identity, Me me, String bindHost, Consumer<Asked> onAsked) throws IOException {
        LanPairing p = new LanPairing(identity, me, onAsked);
        try {
            p.acceptor.bind(new InetSocketAddress(bindHost, 0));
            return p;
        } catch (IOException | RuntimeException e) {
            p.close();
            throw e;
        }
    }

    /** The pairing port (for the beacon and the "address:port" entry). */
    public int port() {
        return ((InetSocketAddress) acceptor.getLocalAddress()).getPort();
    }

    /**
     * Connects to a terminal's pairing port; done once TLS is up (the code can be shown). pinned: the
     * fingerprint its beacon announced (another certificate fails the handshake), or null when the
     * person typed the address (the code alone tells who answered).
     */
    public CompletableFuture<Asking> ask(InetSocketAddress to, String pinned) {
        SSLContext ctx = Tls.context(identity, pinned == null ? fp -> true : pinned::equals);
        Asking asking = new Asking(pinned);
        connector.connect(to, (s, f) -> {
            s.setAttribute(CONTEXT, ctx);
            s.setAttribute(STATE, asking);
        }).addListener(f -> {
            Throwable t = ((ConnectFuture) f).getException();
            if (t != null) {
                asking.secured.completeExceptionally(new IOException("cannot reach " + to + ": " + t.getMessage(), t));
            }
        });
        return asking.secured;
    }

    /** A request this terminal sent: the pair's code once TLS is up, then the other person's answer. */
    public final class Asking {
        private final String pinned;
        private final CompletableFuture<Asking> secured = new CompletableFuture<>();
        private final CompletableFuture<Paired> answer = new CompletableFuture<>();
        private final String group = "lan-" + HexFormat.of().formatHex(bytes());
        private volatile IoSession session;
        private volatile String fingerprint;
        private volatile String code;

        private Asking(String pinned) {
            this.pinned = pinned;
        }

        private static byte[] bytes() {
            byte[] b = new byte[12];
            RANDOM.nextBytes(b);
            return b;
        }

        /** The other terminal's certificate, as its TLS handshake presented it. */
        public String fingerprint() {
            return fingerprint;
        }

        /** The pair's confirmation code, to show until the answer arrives. */
        public String code() {
            return code;
        }

        /** The person compared the codes and confirms: pair_request goes out; returns the answer. */
        public CompletableFuture<Paired> confirm() {
            FramedTls.write(session, new Messages.PairRequest(Protocol.VERSION, me.name(), me.terminal(), group, me.linkPort()));
            return answer;
        }

        /** The other person's answer (after {@link #confirm}); fails when declined or closed. */
        public CompletableFuture<Paired> answer() {
            return answer;
        }

        /** The person does not want to pair (or the codes differ): the connection closes. */
        public void cancel() {
            answer.completeExceptionally(new Declined("cancelled here"));
            IoSession s = session;
            if (s != null) {
                s.closeNow();
            }
        }

        private void secured(IoSession s, String fp) {
            session = s;
            fingerprint = fp;
            if (pinned != null && !pinned.equals(fp)) { // TLS refused it already; checked again here
                s.closeNow();
                return;
            }
            code = ConfirmCode.ofPair(identity.fingerprint(), fp);
            secured.complete(this);
        }

        private void received(IoSession s, Message m) {
            if (m instanceof Messages.PairAnswer a && a.accepted()) {
                String host = ((InetSocketAddress) s.getRemoteAddress()).getAddress().getHostAddress();
                answer.complete(new Paired(a.name(), a.terminal(), fingerprint, host, a.port(), group, true));
            } else if (m instanceof Messages.PairAnswer) {
                answer.completeExceptionally(new Declined("declined by the other person"));
            } else {
                answer.completeExceptionally(new ProtocolException(ErrorCode.UNKNOWN_TYPE, "not a pair_answer: " + m));
            }
            FramedTls.closeOnFlush(s);
        }

        private void closed(String reason) {
            IOException e = new IOException(reason);
            secured.completeExceptionally(e);
            answer.completeExceptionally(e);
        }
    }

    /** A request that arrived: who asks, with which certificate and code, until the person decides. */
    public final class Asked {
        private final IoSession session;
        private final Messages.PairRequest request;
        private final String fingerprint;
        private final String host;
        private final String code;
        private final CompletableFuture<Paired> result = new CompletableFuture<>();

        private Asked(IoSession session, Messages.PairRequest request, String fingerprint) {
            this.session = session;
            this.request = request;
            this.fingerprint = fingerprint;
            this.host = ((InetSocketAddress) session.getRemoteAddress()).getAddress().getHostAddress();
            this.code = ConfirmCode.ofPair(identity.fingerprint(), fingerprint);
        }

        /** The asking person's name, as they typed it (untrusted until the codes are compared). */
        public String name() {
            return request.name();
        }

        public String terminal() {
            return request.terminal();
        }

        /** The asking terminal's certificate, as its TLS handshake presented it. */
        public String fingerprint() {
            return fingerprint;
        }

        /** The address the request came from. */
        public String host() {
            return host;
        }

        /** The pair's confirmation code: the asking screen shows the same one unless someone is in the middle. */
        public String code() {
            return code;
        }

        /** The person compared the codes and accepts: pair_answer goes out. */
        public Paired accept() {
            Paired p = new Paired(request.name(), request.terminal(), fingerprint, host, request.port(), request.group(), false);
            FramedTls.write(session, new Messages.PairAnswer(Protocol.VERSION, true, me.name(), me.terminal(), me.linkPort()));
            FramedTls.closeOnFlush(session);
            result.complete(p);
            return p;
        }

        /** The person declines (or the codes differ). */
        public void decline() {
            result.completeExceptionally(new Declined("declined here"));
            FramedTls.write(session, Messages.PairAnswer.declined());
            FramedTls.closeOnFlush(session);
        }

        /** Accepted, or failed: declined, or the asking side went away first. */
        public CompletableFuture<Paired> result() {
            return result;
        }
    }

    /** Both sides' sessions: the acceptor's (state null until pair_request) and the connector's (an {@link Asking}). */
    private final class Handler extends IoHandlerAdapter {
        @Override
        public void sessionCreated(IoSession session) {
            session.getConfig().setReaderIdleTime(HANDSHAKE_SECONDS); // until TLS is up
        }

        @Override
        public void event(IoSession session, FilterEvent event) {
            if (event != SslEvent.SECURED) {
                return;
            }
            session.getConfig().setReaderIdleTime(Protocol.PAIR_DECISION_SECONDS);
            String fp = Tls.peerFingerprint(session);
            if (fp == null || fp.equals(identity.fingerprint())) {
                refuse(session, ErrorCode.WRONG_PEER, "pairing with this terminal's own certificate");
            } else if (session.getAttribute(STATE) instanceof Asking asking) {
                asking.secured(session, fp);
            }
        }

        @Override
        public void messageReceived(IoSession session, Object message) {
            if (!(message instanceof Frame frame)) {
                return;
            }
            Message m;
            try {
                m = frame.decode();
            } catch (ProtocolException e) {
                refuse(session, e.code(), e.getMessage());
                return;
            }
            Object state = session.getAttribute(STATE);
            if (state instanceof Asking asking) {
                asking.received(session, m);
            } else if (state == null && m instanceof Messages.PairRequest r && r.protocol() != Protocol.VERSION) {
                refuse(session, ErrorCode.VERSION_MISMATCH, Protocol.mismatch("the other Companion", r.protocol()));
            } else if (state == null && m instanceof Messages.PairRequest r) {
                String fp = Tls.peerFingerprint(session);
                if (fp == null || fp.equals(identity.fingerprint())) {
                    refuse(session, ErrorCode.WRONG_PEER, "pairing with this terminal's own certificate");
                    return;
                }
                FramedTls.admit(session);
                Asked asked = new Asked(session, r, fp);
                session.setAttribute(STATE, asked);
                LOG.info("pairing asked by {} ({}) from {}", r.name(), r.terminal(), asked.host());
                onAsked.accept(asked);
            } else {
                refuse(session, ErrorCode.UNKNOWN_TYPE, "only one pair_request is read on a pairing connection");
            }
        }

        private void refuse(IoSession session, ErrorCode code, String why) {
            LOG.info("pairing connection from {} refused: {} {}", session.getRemoteAddress(), code, why);
            FramedTls.write(session, new Messages.Error(null, code, why));
            FramedTls.closeOnFlush(session);
        }

        @Override
        public void sessionIdle(IoSession session, IdleStatus status) {
            LOG.info("pairing connection {} closed: no answer in time", session.getRemoteAddress());
            session.closeNow();
        }

        @Override
        public void exceptionCaught(IoSession session, Throwable cause) {
            LOG.debug("pairing connection {}: {}", session.getRemoteAddress(), cause.toString());
            session.closeNow();
        }

        @Override
        public void sessionClosed(IoSession session) {
            Object state = session.getAttribute(STATE);
            if (state instanceof Asking asking) {
                asking.closed("the pairing connection to " + session.getRemoteAddress() + " closed"
                        + (asking.fingerprint == null ? " during the TLS handshake (another certificate than its beacon's?)" : ""));
            } else if (state instanceof Asked asked) {
                asked.result.completeExceptionally(new IOException("the asking side went away"));
            }
        }
    }

    @Override
    public void close() {
        acceptor.unbind();
        acceptor.dispose(false);
        connector.dispose(false);
    }
}
