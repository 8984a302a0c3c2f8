package dev.companion.p2p.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.p2p.protocol.Messages;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Queued output per connection over real TLS on loopback: a peer that does not read cannot make this
 * side hold more than the limits say; what the limits accepted still arrives, whole and in order.
 * Figures come from the output filter's own counts (FramedTls.output), not from the JVM heap.
 */
class OutputLimitTest {
    private static final int KIB = 1024;
    private Wire.Server server;

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aPeerThatPingsAndNeverReadsStopsBeingReadAndIsClosedWhenItTakesNothing() throws Exception {
        OutputLimit limit = new OutputLimit(64 * KIB, 256 * KIB, 8 * 1024 * KIB, OutputLimit.WhenHigh.STOP_READING);
        byte[] answer = new byte[KIB]; // each ping answered with 1 KiB: the sockets' buffers fill soon
        server = new Wire.Server(Endpoint.DEFAULT.withOutput(limit).withWriteTimeoutSeconds(1), (s, f) -> s.write(answer));
        try (Wire.Client flooder = server.client().secured()) {
            flooder.session.suspendRead(); // never reads
            for (int i = 0; i < 40; i++) { // 2.5 MB of pings: 100 MB of answers if they were all read
                flooder.send(Floods.frames(new Messages.Ping(i), 64 * KIB));
            }
            FramedTls.OutputStats out = Wire.await(server.closedOf(flooder.localPort()), "the flooder to be closed");
            // it stopped reading past the high-water mark; what one read had brought in was answered
            // (bounded by the read buffer), well below the cap: the write timeout closed it
            assertThat(out.peak()).isGreaterThan(limit.highWater()).isLessThan(limit.hardCap());
        }
        try (Wire.Client other = server.client().secured()) {
            other.send(new Messages.Ping(7));
            assertThat(other.nextPayload()).hasSize(KIB);
        }
    }

    @Test
    void pastTheHardCapTheConnectionIsClosed() throws Exception {
        OutputLimit limit = new OutputLimit(8 * KIB, 32 * KIB, 64 * KIB, OutputLimit.WhenHigh.STOP_READING);
        byte[] kib = new byte[KIB];
        Arrays.fill(kib, (byte) ' ');
        server = new Wire.Server(Endpoint.DEFAULT.withOutput(limit), (s, f) -> {
            for (int i = 0; i < 200; i++) { // one request, 200 KiB of answers: stopping reading cannot help
                s.write(kib);
            }
        });
        try (Wire.Client reader = server.client().secured()) {
            reader.session.suspendRead();
            reader.send(new Messages.Ping(1));
            FramedTls.OutputStats out = Wire.await(server.closedOf(reader.localPort()), "the connection to be closed");
            assertThat(out.peak()).isLessThanOrEqualTo(limit.hardCap());
        }
    }

    @Test
    void pastTheHighWaterMarkWritesAreRefusedAndEveryAcceptedOneArrivesInOrder() throws Exception {
        OutputLimit limit = new OutputLimit(64 * KIB, 256 * KIB, 1024 * KIB, OutputLimit.WhenHigh.REFUSE_WRITES);
        CompletableFuture<Integer> accepted = new CompletableFuture<>();
        CompletableFuture<Boolean> afterDrain = new CompletableFuture<>();
        server = new Wire.Server(Endpoint.DEFAULT.withOutput(limit), (s, f) -> {
            long t = ((Messages.Ping) f.decode()).t();
            if (t == 1) {
                int n = 0;
                while (FramedTls.write(s, payload(n))) {
                    n++;
                }
                for (int i = 0; i < 10; i++) {
                    assertThat(FramedTls.write(s, payload(-1))).isFalse();
                }
                assertThat(FramedTls.output(s).refused()).isEqualTo(11);
                accepted.complete(n);
            } else {
                afterDrain.complete(FramedTls.write(s, payload(-2)));
            }
        });
        try (Wire.Client slow = server.client().secured()) {
            slow.session.suspendRead();
            slow.send(new Messages.Ping(1));
            int n = Wire.await(accepted, "the writes");
            assertThat((long) n * (payload(0).length + 4)).isGreaterThan(limit.highWater()).isLessThan(limit.highWater() + 2 * KIB);
            slow.session.resumeRead();
            for (int i = 0; i < n; i++) {
                assertThat(slow.nextPayload()).isEqualTo(payload(i));
            }
            slow.send(new Messages.Ping(2)); // everything was read: writes are accepted again
            assertThat(Wire.await(afterDrain, "a write after the drain")).isTrue();
            assertThat(slow.nextPayload()).isEqualTo(payload(-2));
        }
    }

    /** MINA's TLS filter used to throw BufferOverflowException past 64 large writes waiting for a slow reader. */
    @Test
    void aBurstOfLargeFramesToAReaderThatFellBehindArrivesWhole() throws Exception {
        byte[] big = new byte[60 * KIB];
        Arrays.fill(big, (byte) 'x');
        CompletableFuture<Integer> written = new CompletableFuture<>();
        server = new Wire.Server(Endpoint.DEFAULT, (s, f) -> {
            int ok = 0;
            for (int i = 0; i < 200; i++) {
                big[0] = (byte) i;
                ok += FramedTls.write(s, big.clone()) ? 1 : 0;
            }
            assertThat(FramedTls.output(s).inFlight()).isLessThanOrEqualTo(OutputFilter.IN_FLIGHT);
            written.complete(ok);
        });
        try (Wire.Client slow = server.client().secured()) {
            slow.session.suspendRead();
            slow.send(new Messages.Ping(1));
            assertThat(Wire.await(written, "the burst")).isEqualTo(200);
            slow.session.resumeRead();
            for (int i = 0; i < 200; i++) {
                byte[] got = slow.nextPayload();
                assertThat(got).hasSize(big.length);
                assertThat(got[0]).isEqualTo((byte) i);
            }
        }
    }

    @Test
    void smallFramesHeldBackAreMergedAndStillArriveOneByOne() throws Exception {
        CompletableFuture<FramedTls.OutputStats> written = new CompletableFuture<>();
        server = new Wire.Server(Endpoint.DEFAULT, (s, f) -> {
            for (int i = 0; i < 5_000; i++) {
                s.write(new Messages.Pong(i));
            }
            written.complete(FramedTls.output(s));
        });
        try (Wire.Client slow = server.client().secured()) {
            slow.session.suspendRead();
            slow.send(new Messages.Ping(1));
            FramedTls.OutputStats out = Wire.await(written, "the pongs");
            assertThat(out.inFlight()).isLessThanOrEqualTo(OutputFilter.IN_FLIGHT);
            slow.session.resumeRead();
            for (int i = 0; i < 5_000; i++) {
                assertThat(slow.next()).isEqualTo(new Messages.Pong(i));
            }
        }
    }

    private static byte[] payload(int i) {
        byte[] p = new byte[KIB];
        Arrays.fill(p, (byte) 'p');
        p[0] = (byte) i;
        p[1] = (byte) (i >> 8);
        return p;
    }
}
