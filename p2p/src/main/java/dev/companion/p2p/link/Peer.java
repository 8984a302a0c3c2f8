package dev.companion.p2p.link;

import dev.companion.p2p.protocol.Messages.LinkOffer;
import java.util.concurrent.ScheduledFuture;

/** An expected remote member and its current connection. Guarded by the registry's lock. */
final class Peer {
    final PeerKey key;
    final boolean dialer;
    LinkOffer offer;
    /** The connection being dialed, set up or up; null when there is none. */
    Connection conn;
    /** The dialer's: the redial due, and the delay before the next one. */
    ScheduledFuture<?> redial;
    long backoffMillis;
    /** Set when redialing cannot help (the peer speaks another protocol version). */
    boolean stopped;
    /** The dialer's: a connection on a hoped-for better path while conn is up, and when to try next. */
    Connection upgrade;
    ScheduledFuture<?> upgradeDue;
    long upgradeDelayMillis;

    Peer(PeerKey key, LinkOffer offer, boolean dialer) {
        this.key = key;
        this.offer = offer;
        this.dialer = dialer;
    }

    boolean isUp() {
        return conn != null && conn.isUp();
    }

    void cancelRedial() {
        if (redial != null) {
            redial.cancel(false);
            redial = null;
        }
        if (upgradeDue != null) {
            upgradeDue.cancel(false);
            upgradeDue = null;
        }
    }
}
