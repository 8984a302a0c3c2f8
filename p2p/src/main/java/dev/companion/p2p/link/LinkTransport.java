package dev.companion.p2p.link;

import dev.companion.p2p.protocol.Messages.LinkOffer;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One way of reaching peers. A transport produces secured sessions whose other end is authenticated
 * by its certificate fingerprint and which carry frames; the peer-link protocol on top of them
 * (peer_hello, heartbeats, refusals) is {@link LinkManager}'s. {@link DirectTcpTransport} is direct
 * TCP + TLS 1.3; an ICE or relay transport plugs in beside it by implementing this interface.
 */
public interface LinkTransport extends AutoCloseable {
    /**
     * Starts accepting sessions on bindHost (any free port). Each accepted session is announced to
     * handler once secured, then gets its frames and its close. Returns the addresses ("host:port")
     * to advertise in a {@link LinkOffer}.
     */
    List<String> listen(String bindHost, LinkHandler handler) throws IOException;

    /**
     * Reaches the terminal offer describes, trying its route in order and accepting only a peer
     * presenting offer.fingerprint(). Completes once secured, after {@code handler.opened}; fails
     * with an {@link IOException} when no address worked. Later events for the session go to handler.
     */
    CompletableFuture<LinkSession> dial(LinkOffer offer, LinkHandler handler);

    /**
     * Reaches member user of group (transports that signal, such as ICE, need to know whom); by
     * default {@link #dial(LinkOffer, LinkHandler)}.
     */
    default CompletableFuture<LinkSession> dial(String group, String user, LinkOffer offer, LinkHandler handler) {
        return dial(offer, handler);
    }

    /**
     * Reaches user of group on a path better than current only; fails (and leaves nothing open) when
     * there is none. By default there is none.
     */
    default CompletableFuture<LinkSession> dialBetter(String group, String user, LinkOffer offer, LinkHandler handler,
                                                      LinkPath current) {
        return CompletableFuture.failedFuture(new IOException("no better path"));
    }

    /** An offer with ICE parameters from expected member user of group. Ignored by default. */
    default void signalled(String group, String user, LinkOffer offer) {
    }

    /** user of group is no longer expected: end what is being set up with it. */
    default void forget(String group, String user) {
    }

    /** Closes every session, stops accepting; safe to call twice. */
    @Override
    void close();
}
