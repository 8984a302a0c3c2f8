package dev.companion.app.session;

import dev.companion.p2p.ice.IceSession;
import dev.companion.p2p.link.HostPort;
import dev.companion.p2p.link.LinkManager;
import dev.companion.p2p.protocol.Messages;
import dev.companion.scc.client.ControlCenterClient;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The peer links' ICE signalling through the control center: this terminal's side of an ICE session
 * goes to the member as a {@code signal}; the STUN servers and TURN relays (with short-lived
 * credentials) come from {@code ice_servers}, asked after each sign-in and again once they expire.
 * Without a control center nothing is sent: the ICE attempt times out and the dialer tries again.
 */
final class IceSignalling implements LinkManager.Signalling {
    private static final Logger LOG = LoggerFactory.getLogger(IceSignalling.class);

    private volatile Supplier<ControlCenterClient> client = () -> null;
    private volatile IceSession.Servers servers = IceSession.Servers.NONE;
    private volatile long expiresAt = Long.MAX_VALUE;
    private volatile boolean asking;

    /** Where the control center is, once its connection exists (the links start before it). */
    void attach(Supplier<ControlCenterClient> client) {
        this.client = client;
    }

    /** Asks the control center for its ICE servers (in the background). */
    void refresh() {
        ControlCenterClient c = client.get();
        if (c == null || !c.isConnected() || asking) {
            return;
        }
        asking = true;
        c.request(Messages.IceServers::request).whenComplete((m, e) -> {
            asking = false;
            if (m instanceof Messages.IceServers s) {
                servers = new IceSession.Servers(addresses(s.stun()), addresses(s.turn()), s.username(), s.credential());
                expiresAt = s.expiresAt() == null ? Long.MAX_VALUE : s.expiresAt() - 60_000;
                LOG.info("ICE servers: STUN {}, TURN {}", s.stun(), s.turn());
            } else {
                LOG.info("no ICE servers from the control center ({}): host candidates only",
                        e != null ? e.getMessage() : m);
            }
        });
    }

    @Override
    public void send(String group, String user, Messages.LinkOffer offer) {
        ControlCenterClient c = client.get();
        if (c == null || !c.isConnected()) {
            LOG.info("ICE offer to {} not sent: no control center", user);
            return;
        }
        c.signal(group, user, offer).exceptionally(e -> {
            LOG.info("ICE offer to {} not relayed: {}", user, e.getMessage());
            return null;
        });
    }

    @Override
    public IceSession.Servers servers() {
        if (System.currentTimeMillis() > expiresAt) {
            refresh(); // the current credentials still serve this session; the next gets fresh ones
        }
        return servers;
    }

    private static List<InetSocketAddress> addresses(List<String> hostPorts) {
        List<InetSocketAddress> out = new ArrayList<>();
        for (String hp : hostPorts) {
            try {
                HostPort parsed = HostPort.parse(hp);
                InetSocketAddress a = new InetSocketAddress(parsed.host(), parsed.port());
                if (!a.isUnresolved()) {
                    out.add(a);
                }
            } catch (RuntimeException e) {
                LOG.info("ignored ICE server address {}", hp);
            }
        }
        return out;
    }
}
