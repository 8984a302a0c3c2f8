package dev.companion.p2p.link;

import dev.companion.p2p.frame.Frame;
import dev.companion.p2p.protocol.Codec;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.GroupMessage;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Protocol;
import dev.companion.p2p.protocol.ProtocolException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The peer-link protocol on one transport session. The dialer sends peer_hello and waits for
 * peer_welcome; the acceptor waits for peer_hello and answers it (the registry decides). Once up:
 * ping/pong; every {@link GroupMessage} must name this link's group and peer as its group and from
 * (NOT_A_MEMBER otherwise), so listeners can trust both; bad frames are answered with an error while
 * the link stays up.
 */
final class Connection implements LinkHandler {
    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);

    enum State { OPENING, HELLO_SENT, UP, CLOSED }

    private final LinkRegistry registry;
    final boolean dialer;
    /** The peer this connection serves: known from the start when dialing, after peer_hello when accepting. */
    volatile Peer peer;
    volatile LinkSession session;
    volatile State state = State.OPENING;
    private volatile long lastRead = System.nanoTime();
    private volatile long lastWrite = System.nanoTime();
    private volatile String closeReason;
    private volatile long rttMillis = -1;

    /** A connection this side dials. */
    Connection(LinkRegistry registry, Peer peer) {
        this.registry = registry;
        this.dialer = true;
        this.peer = peer;
    }

    /** A connection a peer dialed. */
    Connection(LinkRegistry registry, LinkSession session) {
        this.registry = registry;
        this.dialer = false;
        this.session = session;
    }

    boolean isUp() {
        return state == State.UP;
    }

    /** The path of this connection's session (null before it opened). */
    LinkPath path() {
        LinkSession s = session;
        return s == null ? null : s.path();
    }

    /** The round trip of the last ping answered, ms; -1 before the first. */
    long rttMillis() {
        return rttMillis;
    }

    @Override
    public void opened(LinkSession s) {
        session = s;
        lastRead = System.nanoTime();
        if (closeReason != null || state == State.CLOSED) { // forgotten while dialing
            s.close();
            return;
        }
        if (!registry.register(this)) {
            close("no longer expected");
            return;
        }
        Peer p = peer;
        write(new Messages.PeerHello(Protocol.VERSION, registry.user(), registry.terminal(), p.key.group()));
    }

    @Override
    public void received(LinkSession s, Frame frame) {
        lastRead = System.nanoTime();
        switch (state) {
            case OPENING -> onHello(frame);
            case HELLO_SENT -> onWelcome(frame);
            case UP -> onFrame(frame);
            case CLOSED -> { }
        }
    }

    @Override
    public void closed(LinkSession s, String reason) {
        registry.connectionClosed(this, closeReason != null ? closeReason : reason);
    }

    // ---- set-up --------------------------------------------------------------------------------

    private void onHello(Frame frame) {
        Message m;
        try {
            m = frame.decode();
        } catch (ProtocolException e) {
            refuseAndClose(null, e, frame.requestId());
            return;
        }
        if (!(m instanceof Messages.PeerHello hello)) {
            refuseAndClose(null, new ProtocolException(ErrorCode.NOT_A_MEMBER, "peer_hello expected first"), m.req());
            return;
        }
        PeerKey claimed = new PeerKey(hello.group(), hello.user());
        if (hello.protocol() != Protocol.VERSION) {
            refuseAndClose(claimed, new ProtocolException(ErrorCode.VERSION_MISMATCH,
                    Protocol.mismatch(hello.user() + "'s Companion", hello.protocol())), null);
            return;
        }
        ProtocolException refused = registry.acceptHello(this, hello);
        if (refused != null) {
            refuseAndClose(claimed, refused, null);
        } else {
            session.admitted();
        }
    }

    private void onWelcome(Frame frame) {
        Peer p = peer;
        Message m;
        try {
            m = frame.decode();
        } catch (ProtocolException e) {
            refuseAndClose(p.key, e, frame.requestId());
            return;
        }
        switch (m) {
            case Messages.Error err -> {
                ProtocolException e = new ProtocolException(err.code(), err.message());
                close("refused by peer: " + err.code());
                registry.refusedByPeer(this, e);
            }
            case Messages.PeerWelcome w when w.protocol() != Protocol.VERSION -> refuseAndClose(p.key,
                    new ProtocolException(ErrorCode.VERSION_MISMATCH,
                            Protocol.mismatch(w.user() + "'s Companion", w.protocol())), null);
            case Messages.PeerWelcome w when !w.user().equals(p.key.user()) || !w.terminal().equals(p.offer.terminal()) ->
                    refuseAndClose(p.key, new ProtocolException(ErrorCode.WRONG_PEER, "expected " + p.key.user() + "/"
                            + p.offer.terminal() + ", peer says " + w.user() + "/" + w.terminal()), null);
            case Messages.PeerWelcome w -> {
                session.admitted();
                registry.dialedUp(this);
            }
            default -> refuseAndClose(p.key, new ProtocolException(ErrorCode.NOT_A_MEMBER, "peer_welcome expected first"), m.req());
        }
    }

    private void refuseAndClose(PeerKey key, ProtocolException e, Long req) {
        LOG.debug("link set-up refused ({}): {} {}", session, e.code(), e.getMessage());
        write(e.toMessage(req));
        close("refused: " + e.code());
        if (key != null) {
            registry.refused(key, e);
        }
    }

    // ---- up ------------------------------------------------------------------------------------

    private void onFrame(Frame frame) {
        Peer p = peer;
        Message m;
        try {
            m = frame.decode();
        } catch (ProtocolException e) {
            refuse(p.key, e, frame.requestId());
            return;
        }
        switch (m) {
            case Messages.Ping ping -> write(new Messages.Pong(ping.t()));
            case Messages.Pong pong -> rttMillis = Math.max(0, System.currentTimeMillis() - pong.t());
            case GroupMessage g when !g.group().equals(p.key.group()) -> refuse(p.key, new ProtocolException(
                    ErrorCode.NOT_A_MEMBER, name(g) + " for group " + g.group() + " on the link of group " + p.key.group()), null);
            case GroupMessage g when !g.from().equals(p.key.user()) -> refuse(p.key, new ProtocolException(
                    ErrorCode.NOT_A_MEMBER, name(g) + " from " + g.from() + " on the link of " + p.key.user()), null);
            case Messages.PeerHello h -> LOG.debug("ignoring a second peer_hello from {}", p.key);
            case Messages.PeerWelcome w -> LOG.debug("ignoring a second peer_welcome from {}", p.key);
            default -> registry.delivered(p.key, session, m);
        }
    }

    private static String name(GroupMessage g) {
        return g.getClass().getSimpleName();
    }

    private void refuse(PeerKey key, ProtocolException e, Long req) {
        write(e.toMessage(req));
        registry.refused(key, session, e);
    }

    // ---- i/o -----------------------------------------------------------------------------------

    void write(Message m) {
        send(Codec.encode(m));
    }

    /** False when not sent: the link is closing, or the peer has not taken what was sent before (see {@link LinkSession#send}). */
    boolean send(byte[] payload) {
        LinkSession s = session;
        if (s == null || !s.isOpen() || !s.send(payload)) {
            return false;
        }
        lastWrite = System.nanoTime();
        return true;
    }

    /** Under the registry's lock: no longer up, with this reason; no I/O (see {@link #close}). */
    void markClosing(String reason) {
        if (closeReason == null) {
            closeReason = reason;
        }
        state = State.CLOSED;
    }

    /**
     * Closes after what was written; reason (if not already given) is what the listener and the logs
     * are told. Never called under the registry's lock.
     */
    void close(String reason) {
        if (closeReason == null && reason != null) {
            closeReason = reason;
        }
        LinkSession s = session;
        if (s != null) {
            s.close();
        }
    }

    /** Heartbeat: ping when nothing was written for pingNanos, close after idleNanos of silence. */
    void tick(long now, long pingNanos, long idleNanos) {
        if (state == State.CLOSED || session == null) {
            return;
        }
        if (now - lastRead > idleNanos) {
            close("idle timeout: nothing received for " + idleNanos / 1_000_000 + " ms");
        } else if (state == State.UP && now - lastWrite >= pingNanos) {
            write(new Messages.Ping(System.currentTimeMillis()));
        }
    }

    @Override
    public String toString() {
        Peer p = peer;
        return "link " + (p == null ? "?" : p.key) + " " + session + " " + state;
    }
}
