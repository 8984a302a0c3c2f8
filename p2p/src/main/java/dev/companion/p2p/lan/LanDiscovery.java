package dev.companion.p2p.lan;

import dev.companion.p2p.protocol.LanBeacon;
import dev.companion.p2p.protocol.ProtocolException;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens for {@link LanBeacon}s on the LAN group, joined on each LAN interface explicitly, and
 * keeps what it heard, bounded: at most {@link #MAX_KEPT} beacons (classrooms and terminals),
 * {@link #MAX_PER_SOURCE} from one source address, each forgotten {@link #EXPIRY} after its last beacon. A classroom's address
 * is the datagram's source address (never an address a beacon names). Beacons are untrusted: a bad
 * one is dropped and counted; what a good one says is shown with its confirmation code
 * ({@link ConfirmCode}) and trusted only once the person compared it with the host's screen. A new
 * classroom is told to the listeners on the reading thread. {@link #close()} is safe twice.
 */
public final class LanDiscovery implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LanDiscovery.class);
    /** The group: organisation-local scope (RFC 2365), not routed off the LAN. */
    public static final String GROUP = "239.255.47.44";
    public static final int PORT = 47444;
    public static final int MAX_KEPT = 64;
    public static final int MAX_PER_SOURCE = 4;
    public static final Duration EXPIRY = Duration.ofSeconds(5);

    /** A classroom heard on the LAN: its beacon, the address it came from, when last heard (nanoTime). */
    public record Found(LanBeacon beacon, String host, long lastSeen) {
        /** Where its control center listens: the beacon's source address and its port. */
        public InetSocketAddress address() {
            return new InetSocketAddress(host, beacon.port());
        }
    }

    private final MulticastSocket socket;
    private final LongSupplier nanos;
    private final long expiryNanos;
    private final Map<String, Found> kept = new LinkedHashMap<>();
    private final List<Consumer<Found>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong overCap = new AtomicLong();
    private final Thread reader;

    private LanDiscovery(MulticastSocket socket, LongSupplier nanos, Duration expiry) {
        this.socket = socket;
        this.nanos = nanos;
        this.expiryNanos = expiry.toNanos();
        this.reader = new Thread(this::read, "lan-discovery");
        this.reader.setDaemon(true);
    }

    /** Listens on every LAN interface ({@link LanInterfaces#all()}) on {@link #PORT}. */
    public static LanDiscovery start() throws IOException {
        if (LanInterfaces.all().isEmpty()) {
            throw new IOException("no LAN interface to listen on");
        }
        return start(LanInterfaces.all(), PORT, System::nanoTime, EXPIRY);
    }

    /**
     * Listens on these interfaces, on port (tests: 0 for any free port, a clock, an expiry). With no
     * interface it joins no group and hears only datagrams sent to its port directly (tests).
     */
    public static LanDiscovery start(List<LanInterfaces.Lan> lans, int port, LongSupplier nanos, Duration expiry)
            throws IOException {
        MulticastSocket s = new MulticastSocket(null);
        try {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(port));
            s.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
            InetSocketAddress group = new InetSocketAddress(InetAddress.getByName(GROUP), s.getLocalPort());
            for (LanInterfaces.Lan lan : lans) {
                s.joinGroup(group, lan.nif());
                LOG.info("looking for classrooms on {} ({})", lan.nif().getName(), lan.address().getHostAddress());
            }
            LanDiscovery d = new LanDiscovery(s, nanos, expiry);
            d.reader.start();
            return d;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** The UDP port it listens on. */
    public int port() {
        return socket.getLocalPort();
    }

    public void addListener(Consumer<Found> l) {
        listeners.add(l);
    }

    /** The classrooms heard within the expiry, oldest first. */
    public synchronized List<Found> found() {
        expire();
        return List.copyOf(kept.values());
    }

    /** How many datagrams were not beacons (not JSON, too long, a field refused). */
    public long dropped() {
        return dropped.get();
    }

    /** How many good beacons of new classrooms were not kept: over a cap. */
    public long overCap() {
        return overCap.get();
    }

    private void read() {
        byte[] buf = new byte[LanBeacon.MAX_BYTES + 1]; // one more: a longer datagram is seen as too long
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        while (!socket.isClosed()) {
            try {
                p.setLength(buf.length);
                socket.receive(p);
                heard(p);
            } catch (SocketException e) {
                return; // closed
            } catch (IOException e) {
                LOG.debug("lan discovery read: {}", e.toString());
            }
        }
    }

    private void heard(DatagramPacket p) {
        String host = p.getAddress().getHostAddress();
        LanBeacon b;
        try {
            b = LanBeacon.decode(p.getData(), p.getLength());
        } catch (ProtocolException e) {
            dropped.incrementAndGet();
            LOG.debug("beacon from {} dropped: {}", host, e.getMessage());
            return;
        }
        Found f = new Found(b, host, nanos.getAsLong());
        if (keep(f)) {
            for (Consumer<Found> l : listeners) {
                l.accept(f);
            }
        }
    }

    /** Keeps f; true when it is a classroom not kept before. */
    private synchronized boolean keep(Found f) {
        expire();
        String key = f.host() + "/" + f.beacon().instance() + "/" + f.beacon().fingerprint() + "/" + f.beacon().port();
        Found old = kept.get(key);
        if (old != null) {
            kept.put(key, f.beacon().equals(old.beacon()) ? f : old); // the same beacon refreshes; a changed one is a new start
            return false;
        }
        long fromHost = kept.values().stream().filter(k -> k.host().equals(f.host())).count();
        if (kept.size() >= MAX_KEPT || fromHost >= MAX_PER_SOURCE) {
            overCap.incrementAndGet();
            return false;
        }
        kept.put(key, f);
        return true;
    }

    private void expire() {
        long now = nanos.getAsLong();
        kept.values().removeIf(k -> now - k.lastSeen() > expiryNanos);
    }

    @Override
    public void close() {
        socket.close();
    }

    /** Whether it stopped listening. */
    public boolean isClosed() {
        return socket.isClosed();
    }

    /** For a log line: what is kept. */
    @Override
    public synchronized String toString() {
        List<String> names = new ArrayList<>();
        kept.values().forEach(k -> names.add(k.beacon().name() + "@" + k.host()));
        return "LanDiscovery" + names;
    }
}
