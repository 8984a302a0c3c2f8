package dev.companion.p2p.link;

import dev.companion.p2p.protocol.Messages.LinkOffer;
import java.util.concurrent.ScheduledFuture;

/** An expected remote member and its current connection. Guarded by the manager's lock. */
final class Peer {
    final PeerKey key;
    final boolean dialer;
    LinkOffer offer;
    /** The connection being dialed, set up or up; null when there is none. */
    Connection conn;
    ScheduledFuture<?> redial;
    long backoffMillis;
    /** Set when redialing cannot help (the peer speaks another protocol version). */
    boolean stopped;

    Peer(PeerKey key, LinkOffer offer, boolean dialer, long backoffMillis) {
        this.key = key;
        this.offer = offer;
        this.dialer = dialer;
        this.backoffMillis = backoffMillis;
    }

    boolean isUp() {
        return conn != null && conn.isUp();
    }

    void cancelRedial() {
        if (redial != null) {
            redial.cancel(false);
            redial = null;
        }
    }
}
