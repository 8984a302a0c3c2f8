package dev.companion.p2p.lan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.companion.p2p.protocol.LanBeacon;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Discovery with real UDP sockets: beacons sent straight to its port from loopback addresses (the
 * bounds, the bad input), and a real multicast beacon on a LAN interface of this machine when it
 * has one. The LAN between two network namespaces is tools/testkit's ClassroomTest.
 */
class LanDiscoveryTest {
    private static final String FP = LanBeaconTest.FP;
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final BlockingQueue<LanDiscovery.Found> heard = new ArrayBlockingQueue<>(256);
    private LanDiscovery discovery;

    @AfterEach
    void close() {
        if (discovery != null) {
            discovery.close();
            discovery.close();
        }
    }

    private void start() throws Exception {
        discovery = LanDiscovery.start(List.of(), 0, now::get, Duration.ofSeconds(5));
        discovery.addListener(heard::add);
    }

    @Test
    void aBeaconIsKeptWithTheAddressItCameFromAndForgottenAfterTheExpiry() throws Exception {
        start();
        send("127.0.0.1", LanBeacon.classroom("Room 1", 47443, FP, "a").encode());
        LanDiscovery.Found f = heard.poll(10, TimeUnit.SECONDS);
        assertThat(f).isNotNull();
        assertThat(f.host()).isEqualTo("127.0.0.1");
        assertThat(f.address()).isEqualTo(new InetSocketAddress("127.0.0.1", 47443));
        assertThat(discovery.found()).hasSize(1);
        now.addAndGet(Duration.ofSeconds(6).toNanos());
        assertThat(discovery.found()).isEmpty();
    }

    @Test
    void badDatagramsAreDroppedAndCountedAndNothingIsKept() throws Exception {
        start();
        String longName = LanBeaconTest.beacon("1", "classroom", "\"" + "x".repeat(65) + "\"", "1", FP, "i");
        for (String bad : List.of("", "{", "null", "{\"type\":\"lan_beacon\"}", longName,
                LanBeaconTest.beacon("1", "classroom", "\"Room\"", "47443", "sha-256:00", "i"))) {
            send("127.0.0.1", bad.getBytes(StandardCharsets.UTF_8));
        }
        send("127.0.0.1", new byte[LanBeacon.MAX_BYTES + 200]); // longer than any beacon
        send("127.0.0.1", LanBeacon.classroom("Room 1", 47443, FP, "good").encode()); // read after the bad ones
        assertThat(heard.poll(10, TimeUnit.SECONDS).beacon().instance()).isEqualTo("good");
        assertThat(discovery.dropped()).isEqualTo(7);
        assertThat(discovery.found()).extracting(f -> f.beacon().instance()).containsExactly("good");
    }

    @Test
    void oneSourceGetsAtMostFourClassroomsAndAllOfThemAtMostSixtyFour() throws Exception {
        start();
        for (int i = 0; i < 10; i++) {
            send("127.0.0.1", LanBeacon.classroom("Fake " + i, 47443, FP, "f" + i).encode());
        }
        send("127.0.0.2", LanBeacon.classroom("Real", 47443, FP, "real").encode());
        assertThat(awaitInstance("real")).isTrue();
        assertThat(discovery.found()).filteredOn(f -> f.host().equals("127.0.0.1")).hasSize(LanDiscovery.MAX_PER_SOURCE);
        assertThat(discovery.overCap()).isEqualTo(6);
        for (int host = 3; host < 3 + 16; host++) { // 16 more sources of 4: 68 in all, 64 kept
            for (int i = 0; i < 4; i++) {
                send("127.0.0." + host, LanBeacon.classroom("Room", 47443, FP, "h" + host + "i" + i).encode());
            }
        }
        send("127.0.0.1", LanBeacon.classroom("Fake 0", 47443, FP, "f0").encode()); // a refresh, read last
        now.addAndGet(1);
        awaitQuiet();
        assertThat(discovery.found()).hasSize(LanDiscovery.MAX_KEPT);
        assertThat(discovery.overCap()).isEqualTo(6 + 5);
    }

    @Test
    void aRealMulticastBeaconIsHeardOnALanInterface() throws Exception {
        List<LanInterfaces.Lan> lans = LanInterfaces.all();
        assumeFalse(lans.isEmpty(), "skipped: this machine has no LAN interface (ClassroomTest covers the LAN)");
        discovery = LanDiscovery.start(lans.subList(0, 1), 0, System::nanoTime, Duration.ofSeconds(5));
        discovery.addListener(heard::add);
        LanBeacon b = LanBeacon.classroom("Room 9", 47443, FP, "m1");
        try (LanAnnouncer a = LanAnnouncer.start(lans.get(0), b, Duration.ofMillis(200), discovery.port())) {
            LanDiscovery.Found f = heard.poll(10, TimeUnit.SECONDS);
            assertThat(f).isNotNull();
            assertThat(f.beacon()).isEqualTo(b);
            assertThat(f.host()).isEqualTo(lans.get(0).address().getHostAddress());
            a.close();
        }
    }

    /** Waits until a beacon of instance was heard (or 10 s); true when it was. */
    private boolean awaitInstance(String instance) throws InterruptedException {
        for (LanDiscovery.Found f; (f = heard.poll(10, TimeUnit.SECONDS)) != null; ) {
            if (f.beacon().instance().equals(instance)) {
                return true;
            }
        }
        return false;
    }

    /** Waits until the refresh of f0, sent last, was read: its lastSeen moves to the clock's new value. */
    private void awaitQuiet() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (discovery.found().stream().anyMatch(f -> f.beacon().instance().equals("f0") && f.lastSeen() == now.get())) {
                return;
            }
            Thread.sleep(10); // polling with a deadline: a refresh tells no listener
        }
        throw new AssertionError("the last beacon was not read in 10 s");
    }

    private void send(String from, byte[] data) throws Exception {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(from), 0))) {
            s.send(new DatagramPacket(data, data.length, new InetSocketAddress("127.0.0.1", discovery.port())));
        }
    }
}
