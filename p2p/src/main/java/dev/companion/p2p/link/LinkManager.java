package dev.companion.p2p.link;

import dev.companion.p2p.frame.Frame;
import dev.companion.p2p.net.FramedTls;
import dev.companion.p2p.ice.IceSession;
import dev.companion.p2p.protocol.Messages.IceOffer;
import dev.companion.p2p.protocol.Codec;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.Messages.LinkOffer;
import dev.companion.p2p.protocol.Protocol;
import dev.companion.p2p.protocol.ProtocolException;
import dev.companion.p2p.tls.Identity;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
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
 *
 * <p>The façade over parts with one job each: {@link LinkRegistry} (the expected peers and the live
 * connections, under one lock), {@link Dialer} (dialing and redialing with backoff), {@link Connection}
 * (the peer-link protocol on one session), {@link Dispatcher} (listener calls in order per peer) and
 * a {@link LinkTransport} ({@link DirectTcpTransport}). It owns the timer (heartbeats, redials).
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

    /**
     * Heartbeat, connect and redial timings; {@link #DEFAULT} follows {@link Protocol}. upgradeInterval:
     * how often a link on a path that could be better (direct through the routers, relayed) looks for
     * a better one; iceTimeout: gathering, checks and the QUIC handshake of one ICE session.
     */
    public record Timing(Duration pingInterval, Duration idleTimeout, Duration connectTimeout,
                         Duration backoffMin, Duration backoffMax, Duration upgradeInterval, Duration iceTimeout) {
        public static final Timing DEFAULT = new Timing(Duration.ofSeconds(Protocol.PING_INTERVAL_SECONDS),
                Duration.ofSeconds(Protocol.IDLE_TIMEOUT_SECONDS), Duration.ofSeconds(3),
                Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(10));

        public Timing {
            for (Duration d : new Duration[] {pingInterval, idleTimeout, connectTimeout, backoffMin, backoffMax,
                upgradeInterval, iceTimeout}) {
                if (d == null || d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException("timings must be positive");
                }
            }
        }

        /** The default upgrade interval and ICE timeout. */
        public Timing(Duration pingInterval, Duration idleTimeout, Duration connectTimeout, Duration backoffMin,
                      Duration backoffMax) {
            this(pingInterval, idleTimeout, connectTimeout, backoffMin, backoffMax, DEFAULT.upgradeInterval, DEFAULT.iceTimeout);
        }
    }

    /**
     * How ICE offers reach a member (a {@code signal} through the control center) and where the STUN
     * and TURN servers are (from the control center's {@code ice_servers}). See {@link #enableIce}.
     */
    public interface Signalling {
        /** Sends offer (this terminal's, with its side of one ICE session in ice) to user in group. */
        void send(String group, String user, LinkOffer offer);

        /** The servers to gather candidates from; called for each ICE session (keep it cheap). */
        IceSession.Servers servers();
    }

    /** The path of an up link and its last measured round trip (ms; -1 until the first ping is answered). */
    public record LinkStatus(LinkPath path, long rttMillis) {
    }

    private final Identity identity;
    private final String terminal;
    private final String bindHost;
    private final Timing timing;
    private final Object lock = new Object();
    private final ScheduledThreadPoolExecutor timer;
    private final Dispatcher dispatcher;
    private final LinkRegistry registry;
    private final LinkTransport transport;
    private volatile List<String> route;
    private boolean closed;

    public LinkManager(Identity identity, String user, String terminal, String bindHost, Listener listener) {
        this(identity, user, terminal, bindHost, listener, Timing.DEFAULT);
    }

    public LinkManager(Identity identity, String user, String terminal, String bindHost, Listener listener, Timing timing) {
        this(identity, user, terminal, bindHost, listener, timing,
                accept -> new MultiPathTransport(new DirectTcpTransport(identity, accept, timing.connectTimeout())));
    }

    /** transport builds the transport from the predicate saying which peer fingerprints to let in. */
    LinkManager(Identity identity, String user, String terminal, String bindHost, Listener listener, Timing timing,
                Function<Predicate<String>, LinkTransport> transport) {
        this.identity = Objects.requireNonNull(identity, "identity");
        this.terminal = Objects.requireNonNull(terminal, "terminal");
        this.bindHost = bindHost == null ? "0.0.0.0" : bindHost;
        this.timing = Objects.requireNonNull(timing, "timing");
        this.dispatcher = new Dispatcher(terminal);
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "link-timer-" + terminal);
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        this.registry = new LinkRegistry(Objects.requireNonNull(user, "user"), terminal,
                Objects.requireNonNull(listener, "listener"), dispatcher, transport, timer, timing);
        this.transport = registry.transport();
        long tick = Math.clamp(Math.min(timing.pingInterval().toMillis(), timing.idleTimeout().toMillis()) / 4, 20, 1000);
        timer.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
    }

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

    /**
     * From now on a member that direct TCP cannot reach is dialed over ICE (through the routers, else
     * the TURN relay), and ICE offers from members are answered; signalling carries the offers.
     * Without it, links are direct TCP only.
     */
    public void enableIce(Signalling signalling) {
        Objects.requireNonNull(signalling, "signalling");
        if (!(transport instanceof MultiPathTransport paths)) {
            throw new IllegalStateException("this link manager's transport has no ICE path");
        }
        paths.enableIce(new IceTransport(identity, terminal, new IceTransport.Signals() {
            @Override
            public void send(String group, String user, IceOffer ice) {
                signalling.send(group, user, localOffer().withIce(ice));
            }

            @Override
            public IceSession.Servers servers() {
                return signalling.servers();
            }
        }, timing.iceTimeout()));
    }

    /** The path and round trip of the link to user in group, or null when it is not up. */
    public LinkStatus status(String group, String user) {
        Connection c = registry.upLink(new PeerKey(group, user));
        return c == null ? null : new LinkStatus(c.path(), c.rttMillis());
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
        registry.expect(new PeerKey(group, remoteUser), remote);
    }

    /** Stops expecting remoteUser in group: closes that link and stops redialing. */
    public void forget(String group, String remoteUser) {
        PeerKey key = new PeerKey(group, remoteUser);
        registry.forget(key::equals);
    }

    /** Forgets every member of group. */
    public void forgetGroup(String group) {
        registry.forget(key -> key.group().equals(group));
    }

    /**
     * Sends m to remoteUser in group; false when that link is not up.
     *
     * @throws IllegalArgumentException when m encodes to more than {@link Protocol#MAX_FRAME_BYTES}
     */
    public boolean send(String group, String remoteUser, Message m) {
        byte[] payload = encode(m);
        Connection c = registry.upLink(new PeerKey(group, remoteUser));
        return c != null && c.send(payload);
    }

    /** Sends m to every member of group whose link is up; returns how many. */
    public int broadcast(String group, Message m) {
        byte[] payload = encode(m);
        int n = 0;
        for (Connection c : registry.upLinks(group)) {
            if (c.send(payload)) {
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
        List.copyOf(registry.live()).forEach(c -> c.close("reconnecting"));
    }

    /** The users of group whose link is up. */
    public Set<String> connected(String group) {
        return registry.connected(group);
    }

    /** What waits to be sent to remoteUser in group, or null when that link is not up (tests). */
    FramedTls.OutputStats outputTo(String group, String remoteUser) {
        Connection c = registry.upLink(new PeerKey(group, remoteUser));
        return c != null && c.session instanceof MinaLinkSession s ? s.output() : null;
    }

    /** The most listener calls that waited for one peer at once (tests). */
    int peakBacklog() {
        return dispatcher.peakBacklog();
    }

    /** Completes the first time a link stopped being read because its listener calls piled up (tests). */
    CompletableFuture<Void> backlogHeld() {
        return dispatcher.firstHold;
    }

    /** Closes every link, the acceptor and the connector; the listener hears nothing more. Safe twice. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        List<Connection> conns = registry.close();
        dispatcher.stop();
        timer.shutdownNow();
        conns.forEach(c -> c.close("link manager closed"));
        transport.close();
    }

    /** Heartbeats: a ping on a link with nothing written for a while, a close after silence. */
    private void tick() {
        long now = System.nanoTime();
        long ping = timing.pingInterval().toNanos();
        long idle = timing.idleTimeout().toNanos();
        for (Connection c : registry.live()) {
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
        private final Map<LinkSession, Connection> accepted = new ConcurrentHashMap<>();

        @Override
        public void opened(LinkSession session) {
            Connection c = new Connection(registry, session);
            if (!registry.register(c)) {
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
            Connection c = accepted.remove(session);
            if (c != null) {
                c.closed(session, reason);
            }
        }
    }
}
