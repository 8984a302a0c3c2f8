package dev.companion.p2p.link;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * How a peer link reaches the other terminal, best first (docs/network.md). A link on a worse path
 * keeps looking for a better one; a link whose path breaks comes back on the best one that works.
 */
public enum LinkPath {
    /** Direct TCP to a loopback address: both terminals on one machine. */
    SAME_MACHINE,
    /** Direct TCP or ICE host candidates between private addresses: one home or office network. */
    LAN,
    /** ICE through the routers (server-reflexive candidates: STUN and hole punching), or TCP to a public address. */
    DIRECT,
    /** ICE through the TURN relay: the relay forwards ciphertext only. */
    RELAYED;

    /** True when this path is better than other (ranked in declaration order). */
    public boolean betterThan(LinkPath other) {
        return other == null || ordinal() < other.ordinal();
    }

    /** The path of a direct TCP connection to remote. */
    public static LinkPath ofTcp(SocketAddress remote) {
        if (remote instanceof InetSocketAddress isa && isa.getAddress() != null) {
            InetAddress a = isa.getAddress();
            if (a.isLoopbackAddress()) {
                return SAME_MACHINE;
            }
            if (isPrivate(a)) {
                return LAN;
            }
        }
        return DIRECT;
    }

    /** RFC 1918, RFC 6598 shared (carrier-grade NAT), link-local and IPv6 unique-local addresses. */
    static boolean isPrivate(InetAddress a) {
        if (a.isSiteLocalAddress() || a.isLinkLocalAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        return b.length == 16 && (b[0] & 0xfe) == 0xfc;
    }

    /** The word shown to people (docs, logs): same-machine, lan, direct, relayed. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
