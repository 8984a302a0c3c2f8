package dev.companion.scc.ice;

import dev.companion.p2p.link.HostPort;
import dev.companion.p2p.protocol.Messages;
import dev.companion.scc.session.Conn;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;

/**
 * ice_servers: the control center's STUN address and the TURN relays with fresh credentials for the
 * signed-in user (docs/protocol.md, "The ICE path"). Nothing is stored.
 */
public final class IceHandler {
    private final IceSettings settings;
    private final Clock clock;
    private volatile int stunPort;

    public IceHandler(IceSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.stunPort = settings.stunPort();
    }

    /** The STUN port actually bound (when the settings asked for any free one). */
    public void stunBound(int port) {
        stunPort = port;
    }

    public void iceServers(Conn conn, Messages.IceServers m) {
        List<String> stun = List.of();
        if (stunPort > 0) {
            String host = settings.iceHost() != null ? settings.iceHost() : hostOf(conn.localAddress());
            if (host != null) { // "[v6]:port" as HostPort writes it, whether --ice-host had brackets or not
                stun = List.of(new HostPort(host.replace("[", "").replace("]", ""), stunPort).toString());
            }
        }
        if (settings.turn().isEmpty()) {
            conn.send(new Messages.IceServers(m.req(), stun, List.of(), null, null, null));
            return;
        }
        TurnCredentials.Credential c = TurnCredentials.issue(settings.turnSecret(), conn.user(),
                clock.instant().plus(settings.credentialTtl()));
        conn.send(new Messages.IceServers(m.req(), stun, settings.turn(), c.username(), c.password(), c.expiry().toEpochMilli()));
    }

    private static String hostOf(java.net.SocketAddress a) {
        if (a instanceof InetSocketAddress isa && isa.getAddress() != null && !isa.getAddress().isAnyLocalAddress()) {
            return isa.getAddress().getHostAddress();
        }
        return null;
    }
}
