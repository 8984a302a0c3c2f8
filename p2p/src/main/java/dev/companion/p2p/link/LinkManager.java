package dev.companion.p2p.link;

import dev.companion.p2p.protocol.Codec;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Messages.LinkOffer;
import dev.companion.p2p.protocol.Protocol;
import dev.companion.p2p.protocol.ProtocolException;
import dev.companion.p2p.tls.Identity;
import dev.companion.p2p.frame.Frame;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The peer link of one terminal: a direct, mutually authenticated TLS 1.3 connection to every other
 * member of each group, over which actions and other peer messages travel.
 *
 * <p>The control center relays {@link LinkOffer}s (route + certificate fingerprint); the app calls
 * {@link #expect} with each member's offer. Of two terminals, the one whose terminal id sorts first
 * dials (trying the route in order, redialing with backoff while the peer is expected); the other
 * accepts only certificates it expects and checks that peer_hello names the user and terminal the
 * certificate belongs to. Listener calls come in order per peer, never on the caller's thread.
 */
public final class LinkManager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LinkManager.class);

    /** What the app hears from the links. Calls for one peer come in order on a link-events thread. */
    public interface Listener {
        void onLinkUp(String group, String user);

        void onLinkDown(String group, String user, String reason);

        void onMessage(String group, String user, Message m);

        /**
         * Something was refused on the link with user in group: a frame or message the peer sent
         * (answered with an error carrying e.code(); the link stays up), a link set-up this side
         * refused (group and user as the peer_hello claimed them), or this side's peer_hello the
         * peer refused. Errors the peer sends on an up link arrive by onMessage.
         */
        void onRefused(String group, String user, ProtocolException e);
    }

    /** Heartbeat, connect and redial timings; {@link #DEFAULT} follows {@link Protocol}. */
    public record Timing(Duration pingInterval, Duration idleTimeout, Duration connectTimeout,
                         Duration backoffMin, Duration backoffMax) {
        public static final Timing DEFAULT = new Timing(Duration.ofSeconds(Protocol.PING_INTERVAL_SECONDS),
                Duration.ofSeconds(Protocol.IDLE_TIMEOUT_SECONDS), Duration.ofSeconds(3),
                Duration.ofMillis(200), Duration.ofSeconds(5));

        public Timing {
            for (Duration d : new Duration[] {pingInterval, idleTimeout, connectTimeout, backoffMin, backoffMax}) {
                if (d == null || d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException("timings must be positive");
                }
            }
        }
    }

    private final Identity identity;
    private final String user;
    private final String terminal;
    private final String bindHost;
    private final Listener listener;
    private final Timing timing;
    private final LinkTransport transport;
    private final Object lock = new Object();
    private final Map<PeerKey, Peer> peers = new ConcurrentHashMap<>();
    private final Map<LinkSession, Connection> accepted = new ConcurrentHashMap<>();
    private final Set<Connection> live = ConcurrentHashMap.newKeySet();
    private final ScheduledThreadPoolExecutor timer;
    private final Dispatcher dispatcher;
    private volatile List<String> route;
    private volatile boolean closed;

    public LinkManager(Identity identity, String user, String terminal, String bindHost, Listener listener) {
        this(identity, user, terminal, bindHost, listener, Timing.DEFAULT);
    }

    public LinkManager(Identity identity, String user, String terminal, String bindHost, Listener listener, Timing timing) {
        this(identity, user, terminal, bindHost, listener, timing,
                accept -> new DirectTcpTransport(identity, accept, timing.connectTimeout()));
    }

    /** transport builds the transport from the predicate saying which peer fingerprints to let in. */
    LinkManager(Identity identity, String user, String terminal, String bindHost, Listener listener, Timing timing,
                Function<Predicate<String>, LinkTransport> transport) {
        this.identity = Objects.requireNonNull(identity, "identity");
        this.user = Objects.requireNonNull(user, "user");
        this.terminal = Objects.requireNonNull(terminal, "terminal");
        this.bindHost = bindHost == null ? "0.0.0.0" : bindHost;
        this.listener = Objects.requireNonNull(listener, "listener");
        this.timing = Objects.requireNonNull(timing, "timing");
        this.transport = transport.apply(this::isExpectedFingerprint);
        this.dispatcher = new Dispatcher(terminal);
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "link-timer-" + terminal);
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        long tick = Math.clamp(Math.min(timing.pingInterval().toMillis(), timing.idleTimeout().toMillis()) / 4, 20, 1000);
        timer.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
    }

    // ---- public API ----------------------------------------------------------------------------

    /** Starts accepting peers; returns the route ("host:port" addresses) to put in {@link #localOffer()}. */
    public List<String> start() throws IOException {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("link manager closed");
            }
            if (route == null) {
                route = List.copyOf(transport.listen(bindHost, new AcceptHandler()));
                LOG.info("terminal {} accepts peer links at {}", terminal, route);
            }
            return route;
        }
    }

    /** This terminal's offer: its route and certificate fingerprint. Needs {@link #start()} first. */
    public LinkOffer localOffer() {
        List<String> r = route;
        if (r == null) {
            throw new IllegalStateException("call start() first");
        }
        return new LinkOffer(terminal, r, identity.fingerprint());
    }

    /**
     * Expects remoteUser in group with exactly the terminal and certificate of remote; this side dials
     * when its terminal id sorts first. A new offer with the same terminal and fingerprint only
     * updates the route; another terminal or fingerprint replaces the peer (closing its link).
     */
    public void expect(String group, String remoteUser, LinkOffer remote) {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(remoteUser, "remoteUser");
        Objects.requireNonNull(remote, "remote");
        PeerKey key = new PeerKey(group, remoteUser);
        Connection replaced = null;
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("link manager closed");
            }
            Peer old = peers.get(key);
            if (old != null && old.offer.terminal().equals(remote.terminal())
                    && old.offer.fingerprint().equals(remote.fingerprint())) {
                old.offer = remote;
                old.stopped = false;
                if (old.dialer && old.conn == null) {
                    old.cancelRedial();
                    old.backoffMillis = timing.backoffMin().toMillis();
                    dial(old);
                }
                return;
            }
            if (old != null) {
                replaced = drop(old, "replaced by a new offer");
            }
            Peer p = new Peer(key, remote, dials(remote.terminal(), remoteUser), timing.backoffMin().toMillis());
            peers.put(key, p);
            if (p.dialer) {
                dial(p);
            }
        }
        closeAll(replaced == null ? List.of() : List.of(replaced));
    }

    /** Stops expecting remoteUser in group: closes that link and stops redialing. */
    public void forget(String group, String remoteUser) {
        List<Connection> toClose = new ArrayList<>();
        synchronized (lock) {
            Peer p = peers.get(new PeerKey(group, remoteUser));
            if (p != null) {
                toClose.add(drop(p, "forgotten"));
            }
        }
        closeAll(toClose);
    }

    /** Forgets every member of group. */
    public void forgetGroup(String group) {
        List<Connection> toClose = new ArrayList<>();
        synchronized (lock) {
            for (Peer p : List.copyOf(peers.values())) {
                if (p.key.group().equals(group)) {
                    toClose.add(drop(p, "forgotten"));
                }
            }
        }
        closeAll(toClose);
    }

    /**
     * Sends m to remoteUser in group; false when that link is not up.
     *
     * @throws IllegalArgumentException when m encodes to more than {@link Protocol#MAX_FRAME_BYTES}
     */
    public boolean send(String group, String remoteUser, Message m) {
        byte[] payload = encode(m);
        Peer p = peers.get(new PeerKey(group, remoteUser));
        Connection c = p == null ? null : p.conn;
        return c != null && c.isUp() && c.send(payload);
    }

    /** Sends m to every member of group whose link is up; returns how many. */
    public int broadcast(String group, Message m) {
        byte[] payload = encode(m);
        int n = 0;
        for (Peer p : peers.values()) {
            Connection c = p.conn;
            if (p.key.group().equals(group) && c != null && c.isUp() && c.send(payload)) {
                n++;
            }
        }
        return n;
    }

    /**
     * Closes every link now; each is dialled again as usual (after a network change, or to test
     * that following survives links being cut). Peers stay expected.
     */
    public void reconnectAll() {
        List<Connection> conns;
        synchronized (lock) {
            conns = new ArrayList<>(live);
        }
        conns.forEach(c -> c.close("reconnecting"));
    }

    /** The users of group whose link is up. */
    public Set<String> connected(String group) {
        Set<String> users = new TreeSet<>();
        for (Peer p : peers.values()) {
            if (p.key.group().equals(group) && p.isUp()) {
                users.add(p.key.user());
            }
        }
        return Set.copyOf(users);
    }

    /** Closes every link, the acceptor and the connector; the listener hears nothing more. Safe twice. */
    @Override
    public void close() {
        List<Connection> conns;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            peers.values().forEach(Peer::cancelRedial);
            peers.clear();
            conns = new ArrayList<>(live);
        }
        dispatcher.stop();
        timer.shutdownNow();
        conns.forEach(c -> c.close("link manager closed"));
        transport.close();
    }

    // ---- called by connections -----------------------------------------------------------------

    String user() {
        return user;
    }

    String terminal() {
        return terminal;
    }

    /** A session opened (a dialed one is about to send peer_hello); false when it is no longer wanted. */
    boolean register(Connection c) {
        synchronized (lock) {
            if (closed || c.state == Connection.State.CLOSED) {
                return false;
            }
            live.add(c);
            if (c.dialer) {
                c.state = Connection.State.HELLO_SENT;
            }
            return true;
        }
    }

    /**
     * Decides on a peer_hello with the right version: null when accepted (peer_welcome sent), else
     * the refusal. Session I/O happens outside the lock: MINA may call us holding a TLS handler's
     * monitor, so holding the lock while writing to another session could deadlock.
     */
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
                boolean wasUp = old.isUp();
                old.markClosing("replaced by a new connection");
                if (wasUp) {
                    dispatcher.run(key, () -> listener.onLinkDown(key.group(), key.user(), "replaced by a new connection"));
                }
            }
        }
        if (old != null) {
            old.close("replaced by a new connection");
        }
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
        synchronized (lock) {
            if (!closed && p.conn == c && peers.get(p.key) == p && c.state == Connection.State.HELLO_SENT) {
                c.state = Connection.State.UP;
                p.backoffMillis = timing.backoffMin().toMillis();
                dispatcher.run(p.key, () -> listener.onLinkUp(p.key.group(), p.key.user()));
                return;
            }
        }
        c.close("no longer expected");
    }

    /** The peer refused this side's peer_hello. */
    void refusedByPeer(Connection c, ProtocolException e) {
        Peer p = c.peer;
        synchronized (lock) {
            if (e.code() == ErrorCode.VERSION_MISMATCH) {
                p.stopped = true; // redialing cannot help until a new offer arrives
                p.cancelRedial();
            }
        }
        refused(p.key, e);
    }

    void refused(PeerKey key, ProtocolException e) {
        LOG.debug("refused on link {}: {} {}", key, e.code(), e.getMessage());
        dispatcher.run(key, () -> listener.onRefused(key.group(), key.user(), e));
    }

    void delivered(PeerKey key, Message m) {
        dispatcher.run(key, () -> listener.onMessage(key.group(), key.user(), m));
    }

    void connectionClosed(Connection c, String reason) {
        synchronized (lock) {
            live.remove(c);
            if (!c.dialer) {
                accepted.remove(c.session);
            }
            boolean wasUp = c.isUp();
            c.state = Connection.State.CLOSED;
            Peer p = c.peer;
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
                scheduleRedial(p);
            }
        }
    }

    // ---- internals -----------------------------------------------------------------------------

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

    /** Under lock. */
    private void dial(Peer p) {
        Connection c = new Connection(this, p);
        p.conn = c;
        transport.dial(p.offer, c).whenComplete((s, e) -> {
            if (e != null) {
                dialFailed(p, c, e);
            }
        });
    }

    private void dialFailed(Peer p, Connection c, Throwable e) {
        synchronized (lock) {
            LOG.debug("dial {} failed: {}", p.key, e.getMessage());
            if (p.conn != c) {
                return;
            }
            p.conn = null;
            if (!closed && peers.get(p.key) == p) {
                scheduleRedial(p);
            }
        }
    }

    /** Under lock. */
    private void scheduleRedial(Peer p) {
        if (p.stopped || (p.redial != null && !p.redial.isDone())) {
            return;
        }
        long delay = p.backoffMillis;
        p.backoffMillis = Math.min(delay * 2, timing.backoffMax().toMillis());
        p.redial = timer.schedule(() -> redial(p), delay, TimeUnit.MILLISECONDS);
    }

    private void redial(Peer p) {
        synchronized (lock) {
            p.redial = null;
            if (!closed && !p.stopped && peers.get(p.key) == p && p.conn == null) {
                dial(p);
            }
        }
    }

    /** Under lock: stops expecting p; returns its connection (to close once the lock is released), or null. */
    private Connection drop(Peer p, String reason) {
        peers.remove(p.key, p);
        p.cancelRedial();
        Connection c = p.conn;
        p.conn = null;
        if (c != null) {
            boolean wasUp = c.isUp();
            c.markClosing(reason);
            if (wasUp) {
                dispatcher.run(p.key, () -> listener.onLinkDown(p.key.group(), p.key.user(), reason));
            }
        }
        return c;
    }

    /** Not under lock. */
    private static void closeAll(List<Connection> conns) {
        for (Connection c : conns) {
            if (c != null) {
                c.close(null);
            }
        }
    }

    private void tick() {
        long now = System.nanoTime();
        long ping = timing.pingInterval().toNanos();
        long idle = timing.idleTimeout().toNanos();
        for (Connection c : live) {
            try {
                c.tick(now, ping, idle);
            } catch (RuntimeException e) {
                LOG.warn("heartbeat of {} failed", c, e);
            }
        }
    }

    private static byte[] encode(Message m) {
        byte[] payload = Codec.encode(m);
        if (payload.length > Protocol.MAX_FRAME_BYTES) {
            throw new IllegalArgumentException("message over " + Protocol.MAX_FRAME_BYTES + " bytes");
        }
        return payload;
    }

    /** Sessions peers dialed: each gets a connection that waits for peer_hello. */
    private final class AcceptHandler implements LinkHandler {
        @Override
        public void opened(LinkSession session) {
            Connection c = new Connection(LinkManager.this, session);
            if (!register(c)) {
                session.close();
                return;
            }
            accepted.put(session, c);
        }

        @Override
        public void received(LinkSession session, Frame frame) {
            Connection c = accepted.get(session);
            if (c != null) {
                c.received(session, frame);
            }
        }

        @Override
        public void closed(LinkSession session, String reason) {
            Connection c = accepted.get(session);
            if (c != null) {
                c.closed(session, reason);
            }
        }
    }
}
