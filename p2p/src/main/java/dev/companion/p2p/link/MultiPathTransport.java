package dev.companion.p2p.link;

import dev.companion.p2p.protocol.Messages.LinkOffer;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The paths to a member, best first (docs/network.md): direct TCP to the addresses it announced
 * ({@link DirectTcpTransport}: same machine, LAN, a reachable address), then ICE over UDP
 * ({@link IceTransport}: through the routers, else through the TURN relay) once ICE is enabled.
 * Accepted sessions of both come to one handler; the peer-link protocol on top is the same.
 */
final class MultiPathTransport implements LinkTransport {
    private final DirectTcpTransport direct;
    private volatile IceTransport ice;
    private volatile LinkHandler acceptHandler;

    MultiPathTransport(DirectTcpTransport direct) {
        this.direct = direct;
    }

    /** From now on, dials fall back to ice and its sessions are accepted. */
    void enableIce(IceTransport transport) {
        ice = transport;
        LinkHandler h = acceptHandler;
        if (h != null) {
            transport.listen(h);
        }
    }

    @Override
    public List<String> listen(String bindHost, LinkHandler handler) throws IOException {
        acceptHandler = handler;
        IceTransport i = ice;
        if (i != null) {
            i.listen(handler);
        }
        return direct.listen(bindHost, handler);
    }

    @Override
    public CompletableFuture<LinkSession> dial(LinkOffer offer, LinkHandler handler) {
        return direct.dial(offer, handler);
    }

    @Override
    public CompletableFuture<LinkSession> dial(String group, String user, LinkOffer offer, LinkHandler handler) {
        IceTransport i = ice;
        CompletableFuture<LinkSession> tcp = offer.route().isEmpty()
                ? CompletableFuture.failedFuture(new IOException("no route")) : direct.dial(offer, handler);
        if (i == null) {
            return tcp;
        }
        return tcp.exceptionallyCompose(e -> i.dial(group, user, offer, handler)
                .exceptionallyCompose(e2 -> CompletableFuture.failedFuture(new IOException(
                        "direct: " + DirectTcpTransport.describe(e) + "; " + DirectTcpTransport.describe(e2), e2))));
    }

    /**
     * A path better than current: direct TCP when it gives one, else (from the relay) a fresh ICE
     * session, kept only when it does better than the relay (the registry closes one that is not,
     * before its peer_hello).
     */
    @Override
    public CompletableFuture<LinkSession> dialBetter(String group, String user, LinkOffer offer, LinkHandler handler,
                                                     LinkPath current) {
        IceTransport i = ice;
        CompletableFuture<LinkSession> tcp = offer.route().isEmpty()
                ? CompletableFuture.failedFuture(new IOException("no route")) : better(direct.dial(offer, handler), current);
        if (i == null || current != LinkPath.RELAYED) {
            return tcp;
        }
        return tcp.exceptionallyCompose(e -> better(i.dial(group, user, offer, handler), current));
    }

    /** The registry closes a session that is not better before its peer_hello; here that is a failure. */
    private static CompletableFuture<LinkSession> better(CompletableFuture<LinkSession> dial, LinkPath current) {
        return dial.thenCompose(s -> s.isOpen() && s.path().betterThan(current) ? CompletableFuture.completedFuture(s)
                : CompletableFuture.failedFuture(new IOException("path " + s.path().word() + " is not better than " + current.word())));
    }

    @Override
    public void signalled(String group, String user, LinkOffer offer) {
        IceTransport i = ice;
        if (i != null && offer.ice() != null) {
            i.signalled(group, user, offer);
        }
    }

    @Override
    public void forget(String group, String user) {
        IceTransport i = ice;
        if (i != null) {
            i.forget(group, user);
        }
    }

    @Override
    public void close() {
        IceTransport i = ice;
        if (i != null) {
            i.close();
        }
        direct.close();
    }
}
