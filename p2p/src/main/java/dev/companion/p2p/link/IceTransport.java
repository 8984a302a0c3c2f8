package dev.companion.p2p.link;

import dev.companion.p2p.ice.IceSession;
import dev.companion.p2p.ice.QuicEndpoints;
import dev.companion.p2p.ice.QuicLink;
import dev.companion.p2p.protocol.Messages.IceOffer;
import dev.companion.p2p.protocol.Messages.LinkOffer;
import dev.companion.p2p.tls.Identity;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.ice4j.ice.CandidatePair;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ICE over UDP (ice4j) with QUIC (Kwik) on the selected pair: the peer link's way through routers,
 * and through a TURN relay when nothing else works. The dialing side (ICE controlling, QUIC client)
 * gathers candidates, signals them to the member through the control center and waits for the
 * member's; the other side answers an offer it did not start ({@link #signalled}) with its own
 * session (ICE controlled, QUIC server). Each ICE session serves one link and is freed when the link
 * ends. Sessions with one member are capped ({@value #MAX_SESSIONS_PER_PEER}), so a member sending
 * restarts cannot exhaust this side's sockets.
 */
final class IceTransport implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IceTransport.class);
    static final int MAX_SESSIONS_PER_PEER = 4;

    /** How offers reach a member, and where the STUN and TURN servers are. */
    interface Signals {
        /** Sends this side's ice to user in group (as a signal through the control center). */
        void send(String group, String user, IceOffer ice);

        /** The servers to gather candidates from. */
        IceSession.Servers servers();
    }

    private record PeerRef(String group, String user) {
    }

    /** One ICE session with one member: controlling (this side dialed) or controlled. */
    private final class Attempt {
        final PeerRef peer;
        final IceSession ice;
        final boolean controlling;
        volatile boolean linked;
        /** The controlled side's QUIC server: it lives as long as the link (closing it closes its connections). */
        volatile QuicEndpoints.Server server;

        Attempt(PeerRef peer, IceSession ice, boolean controlling) {
            this.peer = peer;
            this.ice = ice;
            this.controlling = controlling;
        }

        void end() {
            QuicEndpoints.Server sv = server;
            if (sv != null) {
                sv.close();
            }
            ice.close();
            List<Attempt> list = sessions.get(peer);
            if (list != null) {
                synchronized (list) {
                    list.remove(this);
                }
            }
        }
    }

    private final Identity identity;
    private final String terminal;
    private final Signals signals;
    private final Duration timeout;
    private final Map<PeerRef, List<Attempt>> sessions = new ConcurrentHashMap<>();
    /** Per member, how many sessions are gathering candidates (guarded by that member's list). */
    private final Map<PeerRef, int[]> starting = new ConcurrentHashMap<>();
    private final ExecutorService work;
    private final AtomicInteger threadNo = new AtomicInteger();
    private volatile LinkHandler acceptHandler;
    private volatile boolean closed;

    /** timeout: for gathering + checks + the QUIC handshake of one session. */
    IceTransport(Identity identity, String terminal, Signals signals, Duration timeout) {
        this.identity = identity;
        this.terminal = terminal;
        this.signals = signals;
        this.timeout = timeout;
        this.work = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "ice-" + terminal + "-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Links the other side starts are announced to handler. */
    void listen(LinkHandler handler) {
        acceptHandler = handler;
    }

    /** Dials user in group (offer: its fingerprint) as ICE controlling and QUIC client. */
    CompletableFuture<LinkSession> dial(String group, String user, LinkOffer offer, LinkHandler handler) {
        CompletableFuture<LinkSession> result = new CompletableFuture<>();
        PeerRef peer = new PeerRef(group, user);
        work.execute(() -> {
            Attempt a = null;
            try {
                a = start(peer, true);
                signals.send(group, user, a.ice.localOffer());
                CandidatePair pair = a.ice.selected().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                LinkPath path = IceSession.path(pair);
                Attempt owner = a;
                QuicLink link = QuicEndpoints.connect(identity, offer.fingerprint(), IceSession.socket(pair),
                        IceSession.remoteAddress(pair), path, timeout, owner::end);
                a.linked = true;
                LOG.info("ICE link to {}/{} up on {} ({})", group, user, pair.toShortString(), path.word());
                link.start(opening(handler, result), "quic-link-" + terminal + "-" + user);
            } catch (Exception e) {
                if (a != null) {
                    a.end();
                }
                result.completeExceptionally(new IOException("ICE to " + user + " failed: " + describe(e), e));
            }
        });
        return result;
    }

    /**
     * An offer with ice from an expected member: more candidates (or the answer) for a session this
     * side has, else a session the member starts (ICE controlled, QUIC server).
     */
    void signalled(String group, String user, LinkOffer offer) {
        IceOffer ice = offer.ice();
        PeerRef peer = new PeerRef(group, user);
        Attempt pending = null;
        for (Attempt a : attempts(peer)) {
            String known = a.ice.remoteUfrag();
            if (ice.ufrag().equals(known)) {
                a.ice.remote(ice); // trickled candidates
                return;
            }
            if (known == null && a.controlling) {
                pending = a;
            }
        }
        if (pending != null) {
            pending.ice.remote(ice); // the answer to the session this side started
            return;
        }
        work.execute(() -> answer(peer, offer));
    }

    private void answer(PeerRef peer, LinkOffer offer) {
        Attempt a = null;
        try {
            a = start(peer, false);
            a.ice.remote(offer.ice());
            signals.send(peer.group(), peer.user(), a.ice.localOffer());
            CandidatePair pair = a.ice.selected().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Attempt owner = a;
            a.server = QuicEndpoints.accept(identity, IceSession.socket(pair), IceSession.remoteAddress(pair),
                    offer.fingerprint()::equals, IceSession.path(pair), timeout, owner::end);
            QuicLink link = a.server.link().get(timeout.toMillis(), TimeUnit.MILLISECONDS); // one link per session
            a.linked = true;
            LOG.info("ICE link from {}/{} up on {} ({})", peer.group(), peer.user(), pair.toShortString(), IceSession.path(pair).word());
            LinkHandler h = acceptHandler;
            if (h == null || closed) {
                link.close();
                return;
            }
            link.start(h, "quic-link-" + terminal + "-" + peer.user());
        } catch (Exception e) {
            LOG.info("ICE session with {}/{} failed: {}", peer.group(), peer.user(), describe(e));
            if (a != null) {
                a.end();
            }
        }
    }

    /** A new session with peer (gathering candidates now); the oldest unlinked one goes when over the cap. */
    private Attempt start(PeerRef peer, boolean controlling) throws IOException {
        if (closed) {
            throw new IOException("transport closed");
        }
        List<Attempt> list = sessions.computeIfAbsent(peer, k -> new ArrayList<>());
        List<Attempt> dropped = new ArrayList<>();
        synchronized (list) {
            if (controlling) { // a new dial replaces an unanswered one
                list.stream().filter(x -> x.controlling && x.ice.remoteUfrag() == null).forEach(dropped::add);
            }
            int[] gathering = starting.computeIfAbsent(peer, k -> new int[1]);
            long live = list.stream().filter(x -> !dropped.contains(x)).count() + gathering[0];
            for (Attempt x : list) {
                if (live < MAX_SESSIONS_PER_PEER) {
                    break;
                }
                if (!x.linked && !dropped.contains(x)) {
                    dropped.add(x);
                    live--;
                }
            }
            if (live >= MAX_SESSIONS_PER_PEER) {
                throw new IOException("already " + live + " ICE sessions with " + peer.user() + ": refused another");
            }
            gathering[0]++; // this slot is taken while the session gathers (outside the lock)
        }
        dropped.forEach(Attempt::end);
        Attempt a = null;
        try {
            a = new Attempt(peer, new IceSession(terminal + "→" + peer.user(), controlling, signals.servers()), controlling);
        } finally {
            synchronized (list) {
                starting.get(peer)[0]--;
                if (a != null) {
                    list.add(a);
                }
            }
        }
        return a;
    }

    /** Live and gathering ICE sessions with user of group (tests). */
    int sessions(String group, String user) {
        PeerRef peer = new PeerRef(group, user);
        List<Attempt> list = sessions.get(peer);
        if (list == null) {
            return 0;
        }
        synchronized (list) {
            int[] gathering = starting.get(peer);
            return list.size() + (gathering == null ? 0 : gathering[0]);
        }
    }

    private List<Attempt> attempts(PeerRef peer) {
        List<Attempt> list = sessions.get(peer);
        if (list == null) {
            return List.of();
        }
        synchronized (list) {
            return List.copyOf(list);
        }
    }

    /** Ends the sessions with user in group that carry no link (those with a link end with it). */
    void forget(String group, String user) {
        attempts(new PeerRef(group, user)).stream().filter(a -> !a.linked).forEach(Attempt::end);
    }

    /** handler, completing result once the link is opened (as {@link LinkTransport#dial} promises). */
    private static LinkHandler opening(LinkHandler handler, CompletableFuture<LinkSession> result) {
        return new LinkHandler() {
            @Override
            public void opened(LinkSession session) {
                handler.opened(session);
                result.complete(session);
            }

            @Override
            public void received(LinkSession session, dev.companion.p2p.frame.Frame frame) {
                handler.received(session, frame);
            }

            @Override
            public void closed(LinkSession session, String reason) {
                handler.closed(session, reason);
            }
        };
    }

    private static String describe(Throwable e) {
        Throwable t = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
        if (t instanceof TimeoutException) {
            return "no candidate pair and QUIC handshake within the timeout";
        }
        return DirectTcpTransport.describe(t);
    }

    @Override
    public void close() {
        closed = true;
        for (PeerRef p : List.copyOf(sessions.keySet())) {
            attempts(p).forEach(Attempt::end);
        }
        work.shutdownNow();
    }
}
