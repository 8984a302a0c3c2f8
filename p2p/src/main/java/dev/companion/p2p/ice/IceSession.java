package dev.companion.p2p.ice;

import dev.companion.p2p.link.LinkPath;
import dev.companion.p2p.protocol.IceCandidateType;
import dev.companion.p2p.protocol.Messages.IceCandidate;
import dev.companion.p2p.protocol.Messages.IceOffer;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.ice.Agent;
import org.ice4j.ice.CandidatePair;
import org.ice4j.ice.CandidateType;
import org.ice4j.ice.Component;
import org.ice4j.ice.IceMediaStream;
import org.ice4j.ice.IceProcessingState;
import org.ice4j.ice.KeepAliveStrategy;
import org.ice4j.ice.LocalCandidate;
import org.ice4j.ice.NominationStrategy;
import org.ice4j.ice.RemoteCandidate;
import org.ice4j.ice.harvest.StunCandidateHarvester;
import org.ice4j.ice.harvest.TurnCandidateHarvester;
import org.ice4j.security.LongTermCredential;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ICE session with one peer: owns its ice4j {@link Agent} (one UDP component), gathers this side's
 * candidates (host; server-reflexive from the STUN servers; relayed from the TURN relays), takes the
 * peer's credentials and candidates (only those {@link Candidates} accepts), runs the checks and
 * reports the selected pair. {@link #close()} frees the agent and its sockets; safe twice.
 */
public final class IceSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IceSession.class);
    /** How long a working relayed pair waits for a direct one before it is nominated. */
    static final long RELAY_GRACE_MILLIS = 300;
    private static final java.util.concurrent.ScheduledExecutorService GRACE =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "ice-nominate");
                t.setDaemon(true);
                return t;
            });

    static {
        // never probe a cloud metadata address; no IPv6 or link-local candidates
        setDefault("ice4j.harvest.mapping.aws.enabled", "false");
        setDefault("ice4j.harvest.use-ipv6", "false");
        setDefault("ice4j.harvest.use-link-local-addresses", "false");
        setDefault("org.ice4j.ipv6.DISABLED", "true");
    }

    /** Where the STUN servers and TURN relays are, with the TURN credentials. */
    public record Servers(List<InetSocketAddress> stun, List<InetSocketAddress> turn, String username, String credential) {
        public static final Servers NONE = new Servers(List.of(), List.of(), null, null);

        public Servers {
            stun = List.copyOf(stun);
            turn = List.copyOf(turn);
        }
    }

    private final Agent agent;
    private final Component component;
    private final IceMediaStream stream;
    private final String name;
    private final CompletableFuture<CandidatePair> selected = new CompletableFuture<>();
    private final Set<InetAddress> ownReflexive = new HashSet<>();
    private String remoteUfrag;
    private boolean checking;
    private boolean nominated;
    private boolean closed;

    /** Gathers this side's candidates now (host, then from each server: usually well under a second). */
    public IceSession(String name, boolean controlling, Servers servers) throws IOException {
        this.name = name;
        agent = new Agent();
        boolean ok = false;
        try {
            agent.setControlling(controlling);
            // this side nominates (see onValid): a direct pair at once, the relay only when no direct one works
            agent.setNominationStrategy(NominationStrategy.NONE);
            for (InetSocketAddress s : servers.stun()) {
                agent.addCandidateHarvester(new StunCandidateHarvester(new TransportAddress(s, Transport.UDP)));
            }
            for (InetSocketAddress t : servers.turn()) {
                agent.addCandidateHarvester(new TurnCandidateHarvester(new TransportAddress(t, Transport.UDP),
                        new LongTermCredential(servers.username(), servers.credential())));
            }
            stream = agent.createMediaStream("link");
            component = agent.createComponent(stream, KeepAliveStrategy.SELECTED_ONLY, false);
            for (LocalCandidate c : component.getLocalCandidates()) {
                if (c.getType() == CandidateType.SERVER_REFLEXIVE_CANDIDATE) {
                    ownReflexive.add(c.getTransportAddress().getAddress());
                }
            }
            if (controlling) {
                stream.addPairChangeListener(e -> {
                    if (IceMediaStream.PROPERTY_PAIR_VALIDATED.equals(e.getPropertyName()) && e.getSource() instanceof CandidatePair p) {
                        onValid(p);
                    }
                });
            }
            agent.addStateChangeListener(e -> {
                if (Agent.PROPERTY_ICE_PROCESSING_STATE.equals(e.getPropertyName())) {
                    onState((IceProcessingState) e.getNewValue());
                }
            });
            ok = true;
        } finally {
            if (!ok) {
                agent.free();
            }
        }
    }

    /** This side's credentials and candidates, to send in a {@link dev.companion.p2p.protocol.Messages.LinkOffer}. */
    public IceOffer localOffer() {
        List<IceCandidate> out = new ArrayList<>();
        for (LocalCandidate c : component.getLocalCandidates()) {
            IceCandidateType type = wireType(c.getType());
            TransportAddress ta = c.getTransportAddress();
            if (type != null && ta.getTransport() == Transport.UDP && !ta.getAddress().isLoopbackAddress()
                    && out.size() < IceOffer.MAX_CANDIDATES) {
                out.add(new IceCandidate(type, Candidates.format(ta), c.getPriority(), c.getFoundation()));
            }
        }
        return new IceOffer(agent.getLocalUfrag(), agent.getLocalPassword(), out);
    }

    /** The peer's ufrag once known. */
    public synchronized String remoteUfrag() {
        return remoteUfrag;
    }

    /**
     * Takes the peer's side (the first time: its credentials, then its candidates; later: more
     * candidates of the same session) and starts the checks. Refused candidates are logged.
     */
    public synchronized void remote(IceOffer offer) {
        if (closed) {
            return;
        }
        if (remoteUfrag != null && !remoteUfrag.equals(offer.ufrag())) {
            throw new IllegalArgumentException("another ICE session's offer (ufrag " + offer.ufrag() + ")");
        }
        if (remoteUfrag == null) {
            remoteUfrag = offer.ufrag();
            stream.setRemoteUfrag(offer.ufrag());
            stream.setRemotePassword(offer.pwd());
        }
        List<Candidates.Accepted> accepted = Candidates.accept(offer.candidates(), ownReflexive,
                (c, why) -> LOG.info("ICE {}: refused remote candidate {} {}: {}", name, c.type(), c.address(), why));
        for (Candidates.Accepted a : accepted) {
            TransportAddress ta = new TransportAddress(a.address(), Transport.UDP);
            if (component.findRemoteCandidate(ta) != null) {
                continue;
            }
            RemoteCandidate rc = new RemoteCandidate(ta, component, localType(a.candidate().type()),
                    a.candidate().foundation(), a.candidate().priority(), null, offer.ufrag());
            if (checking) {
                component.addUpdateRemoteCandidates(rc);
            } else {
                component.addRemoteCandidate(rc);
            }
        }
        if (checking) {
            component.updateRemoteCandidates();
        } else if (component.getRemoteCandidateCount() > 0) {
            checking = true;
            agent.startConnectivityEstablishment();
        } else {
            selected.completeExceptionally(new IOException("ICE " + name + ": no usable remote candidate"));
        }
    }

    /** Completes with the selected pair, or fails when ICE fails. */
    public CompletableFuture<CandidatePair> selected() {
        return selected;
    }

    /** The UDP socket of pair, for QUIC. */
    public static DatagramSocket socket(CandidatePair pair) {
        return pair.getDatagramSocket();
    }

    /** The remote address of pair. */
    public static InetSocketAddress remoteAddress(CandidatePair pair) {
        TransportAddress ta = pair.getRemoteCandidate().getTransportAddress();
        return new InetSocketAddress(ta.getAddress(), ta.getPort());
    }

    /** The path a pair takes: relayed when either end is a relay candidate, LAN for two host candidates. */
    public static LinkPath path(CandidatePair pair) {
        CandidateType local = pair.getLocalCandidate().getType();
        CandidateType remote = pair.getRemoteCandidate().getType();
        if (local == CandidateType.RELAYED_CANDIDATE || remote == CandidateType.RELAYED_CANDIDATE) {
            return LinkPath.RELAYED;
        }
        if (local == CandidateType.HOST_CANDIDATE && remote == CandidateType.HOST_CANDIDATE) {
            return LinkPath.LAN;
        }
        return LinkPath.DIRECT;
    }

    /**
     * Controlling side: a pair that works is nominated at once unless it goes through the relay; a
     * relayed one only after {@link #RELAY_GRACE_MILLIS} without a direct one (checks of direct pairs
     * that will fail take far longer to give up, so waiting for them all would cost seconds).
     */
    private void onValid(CandidatePair pair) {
        if (path(pair) != LinkPath.RELAYED) {
            nominate(pair);
        } else {
            GRACE.schedule(() -> nominate(pair), RELAY_GRACE_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void nominate(CandidatePair pair) {
        if (nominated || closed) {
            return;
        }
        nominated = true;
        try {
            agent.nominate(pair);
        } catch (IllegalStateException e) {
            LOG.debug("ICE {}: cannot nominate {}: {}", name, pair.toShortString(), e.getMessage());
        }
    }

    private void onState(IceProcessingState state) {
        LOG.debug("ICE {}: {}", name, state);
        if (state == IceProcessingState.COMPLETED || state == IceProcessingState.TERMINATED) {
            CandidatePair pair = component.getSelectedPair();
            if (pair != null) {
                selected.complete(pair);
                return;
            }
        }
        if (state == IceProcessingState.FAILED || state == IceProcessingState.TERMINATED) {
            selected.completeExceptionally(new IOException("ICE " + name + " " + state.toString().toLowerCase(java.util.Locale.ROOT)
                    + ": no candidate pair works"));
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        selected.completeExceptionally(new IOException("ICE " + name + " closed"));
        agent.free();
    }

    private static IceCandidateType wireType(CandidateType t) {
        return switch (t) {
            case HOST_CANDIDATE -> IceCandidateType.HOST;
            case SERVER_REFLEXIVE_CANDIDATE -> IceCandidateType.SRFLX;
            case RELAYED_CANDIDATE -> IceCandidateType.RELAY;
            default -> null;
        };
    }

    private static CandidateType localType(IceCandidateType t) {
        return switch (t) {
            case HOST -> CandidateType.HOST_CANDIDATE;
            case SRFLX -> CandidateType.SERVER_REFLEXIVE_CANDIDATE;
            case RELAY -> CandidateType.RELAYED_CANDIDATE;
        };
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
