package dev.companion.p2p.lan;

import dev.companion.p2p.protocol.LanBeacon;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.StandardSocketOptions;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a {@link LanBeacon} to the LAN group ({@link LanDiscovery#GROUP}:{@link LanDiscovery#PORT})
 * on one interface, now and then every interval, with TTL 1 (it never leaves the LAN). Owns its
 * socket and its thread; {@link #close()} is safe twice.
 */
public final class LanAnnouncer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LanAnnouncer.class);
    public static final Duration INTERVAL = Duration.ofSeconds(1);

    private final MulticastSocket socket;
    private final ScheduledExecutorService timer;
    private final DatagramPacket packet;

    private LanAnnouncer(MulticastSocket socket, byte[] beacon, InetSocketAddress to) {
        this.socket = socket;
        this.packet = new DatagramPacket(beacon, beacon.length, to);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lan-announce");
            t.setDaemon(true);
            return t;
        });
    }

    /** Announces beacon on lan every {@link #INTERVAL}. */
    public static LanAnnouncer start(LanInterfaces.Lan lan, LanBeacon beacon) throws IOException {
        return start(lan, beacon, INTERVAL, LanDiscovery.PORT);
    }

    /** As {@link #start(LanInterfaces.Lan, LanBeacon)}, every interval, to the group's port (tests). */
    public static LanAnnouncer start(LanInterfaces.Lan lan, LanBeacon beacon, Duration interval, int port) throws IOException {
        MulticastSocket s = new MulticastSocket(new InetSocketAddress(lan.address(), 0));
        try {
            s.setOption(StandardSocketOptions.IP_MULTICAST_IF, lan.nif());
            s.setTimeToLive(1);
            LanAnnouncer a = new LanAnnouncer(s, beacon.encode(), new InetSocketAddress(LanDiscovery.GROUP, port));
            a.timer.scheduleWithFixedDelay(a::send, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("announcing {} {} (port {}) on {} ({})", beacon.kind(), beacon.name(), beacon.port(), lan.nif().getName(),
                    lan.address().getHostAddress());
            return a;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private void send() {
        try {
            socket.send(packet);
        } catch (IOException e) {
            LOG.debug("beacon not sent: {}", e.toString()); // the interface may be down a moment; the next one tries again
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        socket.close();
    }
}
