package dev.companion.p2p.link;

import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Messages.LinkOffer;
import dev.companion.p2p.protocol.Protocol;
import dev.companion.p2p.protocol.ProtocolException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The expected peers (one per group and remote member, with its offer) and the live connections of
 * one terminal, under one lock: which peer a connection serves, which peer_hello is let in, when a
 * link is up or down (told to the listener through the dispatcher), when the {@link Dialer} dials.
 *
 * <p>Session I/O never happens under the lock: MINA may call in holding a TLS handler's monitor, so
 * writing to or closing another session while holding the lock could deadlock. Methods that close
 * connections collect them under the lock and close them after.
 *
 * <p>Over our usual size on purpose: everything that one lock guards is here, so every change of a
 * peer's state is visibly under it; splitting it would split the lock or pass it around.
 */
final class LinkRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(LinkRegistry.class);

    /** Guards every {@link Peer}, the peers map's changes and each connection's state. */
    final Object lock = new Object();
    private final String user;
    private final String terminal;
    private final LinkManager.Listener listener;
    private final Dispatcher dispatcher;
    private final LinkTransport transport;
    private final Dialer dialer;
    private final Map<PeerKey, Peer> peers = new ConcurrentHashMap<>();
    private final Set<Connection> live = ConcurrentHashMap.newKeySet();
    private boolean closed;

    /** transport builds the transport from the predicate saying which peer fingerprints to let in. */
    LinkRegistry(String user, String terminal, LinkManager.Listener listener, Dispatcher dispatcher,
                 Function<Predicate<String>, LinkTransport> transport, ScheduledExecutorService timer,
                 LinkManager.Timing timing) {
        this.user = user;
        this.terminal = terminal;
        this.listener = listener;
        this.dispatcher = dispatcher;
        this.transport = transport.apply(this::isExpectedFingerprint);
        this.dialer = new Dialer(this, this.transport, timer, timing);
    }

    LinkTransport transport() {
        return transport;
    }

    String user() {
        return user;
    }

    String terminal() {
        return terminal;
    }

    // ---- the app's side (through LinkManager) --------------------------------------------------

    /** See {@link LinkManager#expect}. */
    void expect(PeerKey key, LinkOffer remote) {
        Connection replaced = null;
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("link manager closed");
            }
            Peer old = peers.get(key);
            if (old != null && old.offer.terminal().equals(remote.terminal())
                    && old.offer.fingerprint().equals(remote.fingerprint())) {
                if (remote.ice() != null) { // one side of an ICE session: for the transport, not a new route
                    transport.signalled(key.group(), key.user(), remote);
                    return;
                }
                old.offer = remote;
                old.stopped = false;
                if (old.dialer && old.conn == null) {
                    dialer.dialNow(old);
                }
                return;
            }
            if (old != null) {
                replaced = drop(old, "replaced by a new offer");
            }
            Peer p = new Peer(key, remote.withIce(null), dials(remote.terminal(), key.user()));
            peers.put(key, p);
            if (p.dialer) {
                dialer.dialNow(p);
            }
            if (remote.ice() != null) {
                transport.signalled(key.group(), key.user(), remote);
            }
        }
        closeAll(Collections.singletonList(replaced));
    }

    /** Stops expecting the peers that match: closes their links and stops redialing. */
    void forget(Predicate<PeerKey> which) {
        List<Connection> toClose = new ArrayList<>();
        synchronized (lock) {
            for (Peer p : List.copyOf(peers.values())) {
                if (which.test(p.key)) {
                    toClose.add(drop(p, "forgotten"));
                    transport.forget(p.key.group(), p.key.user());
                }
            }
        }
        closeAll(toClose);
    }

    /** The up connection to key's member, or null. */
    Connection upLink(PeerKey key) {
        Peer p = peers.get(key);
        Connection c = p == null ? null : p.conn;
        return c != null && c.isUp() ? c : null;
    }

    /** The up connections of group. */
    List<Connection> upLinks(String group) {
        List<Connection> up = new ArrayList<>();
        for (Peer p : peers.values()) {
            Connection c = p.conn;
            if (p.key.group().equals(group) && c != null && c.isUp()) {
                up.add(c);
            }
        }
        return up;
    }

    /** The users of group whose link is up. */
    Set<String> connected(String group) {
        Set<String> users = new TreeSet<>();
        for (Peer p : peers.values()) {
            if (p.key.group().equals(group) && p.isUp()) {
                users.add(p.key.user());
            }
        }
        return Set.copyOf(users);
    }

    /** Every connection opened and not yet closed (a live view). */
    Set<Connection> live() {
        return Collections.unmodifiableSet(live);
    }

    /** Forgets every peer, stops redialing; returns the connections to close. Once only: then empty. */
    List<Connection> close() {
        synchronized (lock) {
            if (closed) {
                return List.of();
            }
            closed = true;
            peers.values().forEach(Peer::cancelRedial);
            peers.clear();
            return new ArrayList<>(live);
        }
    }

    // ---- called by connections -----------------------------------------------------------------

    /** A session opened (a dialed one is about to send peer_hello); false when it is no longer wanted. */
    boolean register(Connection c) {
        synchronized (lock) {
            if (closed || c.state == Connection.State.CLOSED) {
                return false;
            }
            Peer p = c.peer;
            if (c.dialer && p != null && p.upgrade == c) {
                Connection current = p.conn;
                if (current == null || !current.isUp() || !c.path().betterThan(current.path())) {
                    return false; // not a better path after all: no peer_hello, the link stays where it is
                }
            }
            live.add(c);
            if (c.dialer) {
                c.state = Connection.State.HELLO_SENT;
            }
            return true;
        }
    }

    /** Decides on a peer_hello with the right version: null when accepted (peer_welcome sent), else the refusal. */
    ProtocolException acceptHello(Connection c, Messages.PeerHello hello) {
        PeerKey key = new PeerKey(hello.group(), hello.user());
        Peer p;
        Connection old;
        synchronized (lock) {
            p = peers.get(key);
            if (closed || p == null || !p.offer.terminal().equals(hello.terminal())) {
                return new ProtocolException(ErrorCode.NOT_A_MEMBER,
                        hello.user() + "/" + hello.terminal() + " is not expected in group " + hello.group());
            }
            if (!p.offer.fingerprint().equals(c.session.peerFingerprint())) {
                return new ProtocolException(ErrorCode.WRONG_PEER,
                        "this certificate is not the one of " + hello.user() + "/" + hello.terminal());
            }
            if (p.dialer) {
                return new ProtocolException(ErrorCode.WRONG_PEER,
                        "terminal " + terminal + " dials " + hello.terminal() + ", not the other way round");
            }
            old = p.conn == c ? null : p.conn;
            p.conn = c;
            c.peer = p;
            if (old != null) {
                markClosing(p.key, old, "replaced by a new connection");
            }
        }
        closeAll(Collections.singletonList(old));
        c.write(new Messages.PeerWelcome(Protocol.VERSION, user, terminal));
        synchronized (lock) {
            if (!closed && p.conn == c && c.state == Connection.State.OPENING) {
                c.state = Connection.State.UP;
                dispatcher.run(key, () -> listener.onLinkUp(key.group(), key.user()));
            }
        }
        return null;
    }

    /** The dialed connection got a good peer_welcome. */
    void dialedUp(Connection c) {
        Peer p = c.peer;
        Connection moved = null;
        synchronized (lock) {
            if (expects(p) && (p.conn == c || p.upgrade == c) && c.state == Connection.State.HELLO_SENT) {
                if (p.upgrade == c) { // a better path: the link moves there and resumes
                    moved = p.conn;
                    p.conn = c;
                    p.upgrade = null;
                    if (moved != null) {
                        markClosing(p.key, moved, "moved to a better path (" + c.path().word() + ")");
                    }
                }
                c.state = Connection.State.UP;
                dialer.resetBackoff(p);
                LOG.info("link {} up on {} ({})", p.key, c.path().word(), c.session.remoteAddress());
                dispatcher.run(p.key, () -> listener.onLinkUp(p.key.group(), p.key.user()));
                dialer.scheduleUpgrade(p);
            } else {
                moved = c;
            }
        }
        if (moved == c) {
            c.close("no longer expected");
        } else {
            closeAll(Collections.singletonList(moved));
        }
    }

    /** The peer refused this side's peer_hello. */
    void refusedByPeer(Connection c, ProtocolException e) {
        Peer p = c.peer;
        synchronized (lock) {
            if (e.code() == ErrorCode.VERSION_MISMATCH) {
                dialer.stop(p); // redialing cannot help until a new offer arrives
            }
        }
        refused(p.key, e);
    }

    void refused(PeerKey key, ProtocolException e) {
        refused(key, null, e);
    }

    /** Something from's frame caused was refused (from: null when not caused by a frame). */
    void refused(PeerKey key, LinkSession from, ProtocolException e) {
        LOG.debug("refused on link {}: {} {}", key, e.code(), e.getMessage());
        dispatcher.run(key, from, () -> listener.onRefused(key.group(), key.user(), e));
    }

    /** from's frame carried m for the listener; from stops reading while too many wait (see {@link Dispatcher}). */
    void delivered(PeerKey key, LinkSession from, Message m) {
        dispatcher.run(key, from, () -> listener.onMessage(key.group(), key.user(), m));
    }

    void connectionClosed(Connection c, String reason) {
        synchronized (lock) {
            live.remove(c);
            boolean wasUp = c.isUp();
            c.state = Connection.State.CLOSED;
            Peer p = c.peer;
            if (p != null && p.upgrade == c) { // the better path did not work out
                p.upgrade = null;
                dialer.scheduleUpgrade(p);
                return;
            }
            if (p == null || p.conn != c) {
                return;
            }
            p.conn = null;
            if (closed) {
                return;
            }
            LOG.debug("link {} closed: {}", p.key, reason);
            if (wasUp) {
                dispatcher.run(p.key, () -> listener.onLinkDown(p.key.group(), p.key.user(), reason));
            }
            if (p.dialer && peers.get(p.key) == p) {
                dialer.scheduleRedial(p);
            }
        }
    }

    // ---- internals -----------------------------------------------------------------------------

    /** Under lock: p is still the expected peer for its key. */
    boolean expects(Peer p) {
        return !closed && peers.get(p.key) == p;
    }

    private boolean isExpectedFingerprint(String fp) {
        for (Peer p : peers.values()) {
            if (p.offer.fingerprint().equals(fp)) {
                return true;
            }
        }
        return false;
    }

    /** Of two terminals the one whose id sorts first dials (user names break a tie). */
    private boolean dials(String remoteTerminal, String remoteUser) {
        int c = terminal.compareTo(remoteTerminal);
        return c != 0 ? c < 0 : user.compareTo(remoteUser) < 0;
    }

    /** Under lock: stops expecting p; returns its connection (to close once the lock is released), or null. */
    private Connection drop(Peer p, String reason) {
        peers.remove(p.key, p);
        p.cancelRedial();
        Connection c = p.conn;
        p.conn = null;
        if (c != null) {
            markClosing(p.key, c, reason);
        }
        return c;
    }

    /** Under lock: c is no longer up, with this reason; the listener hears of it if it was. */
    private void markClosing(PeerKey key, Connection c, String reason) {
        boolean wasUp = c.isUp();
        c.markClosing(reason);
        if (wasUp) {
            dispatcher.run(key, () -> listener.onLinkDown(key.group(), key.user(), reason));
        }
    }

    /** Not under lock. */
    static void closeAll(List<Connection> conns) {
        for (Connection c : conns) {
            if (c != null) {
                c.close(null);
            }
        }
    }
}
