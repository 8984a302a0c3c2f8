package dev.companion.scc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.companion.p2p.net.ConnectionLimit;
import dev.companion.p2p.net.Endpoint;
import dev.companion.p2p.net.FramedTls;
import dev.companion.p2p.net.RateLimit;
import dev.companion.p2p.protocol.Codec;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.ProtocolException;
import dev.companion.scc.client.ControlCenterClient;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.service.IoService;
import org.apache.mina.core.service.IoServiceListener;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control center among strangers: what an attacker sends (floods without reading, bursts of bad
 * frames, connections that never sign in, too many connections, too many requests) gets a bounded
 * answer — the figures come from the server's own counts (its output per session, its logic queue,
 * its connections), not from the JVM heap — while a real user still signs in.
 */
class LimitsTest {
    private static final Endpoint PRODUCT = Endpoint.CONTROL_CENTER;
    @TempDir
    Path dir;
    Fixture f;
    private final Map<Integer, CompletableFuture<FramedTls.OutputStats>> closedSessions = new ConcurrentHashMap<>();
    private final ExecutorService readers = Executors.newCachedThreadPool();

    @AfterEach
    void close() {
        readers.shutdownNow();
        if (f != null) {
            f.close();
        }
    }

    /** The product's control center with endpoint's changes; notes each session's output when it closes. */
    private void start(Endpoint endpoint) throws Exception {
        f = Fixture.start(dir, endpoint, List.of("alice", "bob", "carol"), "alice:bob");
        f.cc.acceptor().addListener(new IoServiceListener() {
            @Override
            public void sessionDestroyed(IoSession s) {
                closedOn(((InetSocketAddress) s.getRemoteAddress()).getPort()).complete(FramedTls.output(s));
            }

            @Override
            public void serviceActivated(IoService service) {
            }

            @Override
            public void serviceIdle(IoService service, IdleStatus idleStatus) {
            }

            @Override
            public void serviceDeactivated(IoService service) {
            }

            @Override
            public void sessionCreated(IoSession s) {
            }

            @Override
            public void sessionClosed(IoSession s) {
            }
        });
    }

    private CompletableFuture<FramedTls.OutputStats> closedOn(int clientPort) {
        return closedSessions.computeIfAbsent(clientPort, p -> new CompletableFuture<>());
    }

    /**
     * Waits for the server to close c's connection (a bound, not a timing: a peer that does not read
     * is closed once the sockets on both sides are full and nothing moves for the write timeout, and
     * TCP's zero-window probes make that take seconds on a busy machine).
     */
    private FramedTls.OutputStats awaitServerClosed(TestClient c) throws Exception {
        return closedOn(c.localPort()).get(30, TimeUnit.SECONDS);
    }

    /** count frames of payload, in buffers of about 64 KiB (written as they are, past the client's codec). */
    private static void flood(TestClient c, byte[] payload, int count) {
        int perBuffer = Math.max(1, 64 * 1024 / (4 + payload.length));
        for (int sent = 0; sent < count; sent += perBuffer) {
            int n = Math.min(perBuffer, count - sent);
            IoBuffer buf = IoBuffer.allocate(n * (4 + payload.length));
            for (int i = 0; i < n; i++) {
                buf.putInt(payload.length).put(payload);
            }
            c.send(buf.flip());
        }
    }

    @Test
    void aClientThatOnlyPingsAndNeverReadsIsClosedWithItsOutputBoundedAndOthersStillSignIn() throws Exception {
        start(PRODUCT.withWriteTimeoutSeconds(1));
        TestClient flooder = f.connect(); // never logs in, never reads (once TLS is up)
        flooder.ping(0);
        flooder.reading(false);
        flood(flooder, Codec.encode(new Messages.Ping(1)), 1_000_000); // ~25 MB of pings
        TestClient alice = f.login("alice"); // while the flood goes on
        FramedTls.OutputStats out = awaitServerClosed(flooder);
        assertThat(out.peak()).isLessThanOrEqualTo(PRODUCT.output().hardCap());
        alice.ping(3);
        f.login("bob");
    }

    @Test
    void aBurstOfTinyBadFramesReadLaterIsAnsweredOrClosedWithinBounds() throws Exception {
        start(PRODUCT.withWriteTimeoutSeconds(1));
        TestClient flooder = f.connect();
        flooder.ping(0);
        flooder.forgetSeen();
        flooder.reading(false);
        flood(flooder, "x".getBytes(StandardCharsets.UTF_8), 200_000); // 1 MB of frames that are not JSON
        TestClient alice = f.login("alice");
        FramedTls.OutputStats out = awaitServerClosed(flooder);
        assertThat(out.peak()).isLessThanOrEqualTo(PRODUCT.output().hardCap());
        // only what the rate let through reached the logic thread, and it never queued more than a
        // connection's share (plus what one read brought)
        assertThat(f.cc.logic().peakQueued()).isLessThan(PRODUCT.rate().burst() + 100);
        flooder.reading(true); // read later: each answer says why, then the close
        int answers = 0;
        for (Message m = flooder.nextOrNull(); m != null; m = flooder.nextOrNull()) {
            assertThat(m).isInstanceOfSatisfying(Messages.Error.class,
                    e -> assertThat(e.code()).isIn(ErrorCode.BAD_FRAME, ErrorCode.RATE_LIMITED));
            answers++;
        }
        assertThat(answers).isPositive();
        alice.request(r -> new Messages.ContactAdd(r, "carol"), Messages.Ok.class);
    }

    @Test
    void connectionsThatNeverSignInAreClosedAtTheDeadlineAndHoldOnlyTheirFewPlaces() throws Exception {
        start(PRODUCT.withConnections(new ConnectionLimit(1_000, 100, 100, 4, Duration.ofSeconds(2))));
        List<Socket> raw = new ArrayList<>();
        List<Future<Integer>> ends = new ArrayList<>();
        for (int i = 0; i < 8; i++) { // raw TCP trickling a ClientHello: 4 counted, 4 refused, all closed
            Socket s = new Socket();
            s.bind(new InetSocketAddress("127.0.0.9", 0));
            s.connect(new InetSocketAddress("127.0.0.1", f.cc.port()), 10_000);
            s.getOutputStream().write(0x16);
            raw.add(s);
            InputStream in = s.getInputStream();
            ends.add(readers.submit(() -> in.read()));
        }
        TestClient pinger = f.connect(); // TLS done, pings, never logs in
        pinger.ping(1);
        TestClient alice = f.login("alice"); // signs in within the deadline: stays
        for (Future<Integer> end : ends) {
            assertThat(end.get(10, TimeUnit.SECONDS)).as("closed by the control center").isEqualTo(-1);
        }
        pinger.awaitClosed();
        for (Socket s : raw) {
            s.close();
        }
        FramedTls.ConnectionStats stats = FramedTls.connections(f.cc.acceptor());
        assertThat(stats.refused()).isEqualTo(4);
        assertThat(stats.peakUnadmitted()).isLessThanOrEqualTo(4 + 2);
        alice.ping(2);
    }

    @Test
    void overThePerAddressCapAClientIsToldTooManyConnectionsAndAnotherAddressGetsIn() throws Exception {
        start(PRODUCT.withConnections(new ConnectionLimit(1_000, 2, 100, 100, Duration.ofSeconds(20))));
        TestClient alice = f.login("alice");
        TestClient bob = f.login("bob");
        TestClient carol = f.connect(); // a third connection from 127.0.0.1
        Messages.Error e = carol.push(Messages.Error.class);
        assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_CONNECTIONS);
        assertThat(e.message()).contains("too many connections from 127.0.0.1 (2 at once");
        carol.awaitClosed();
        TestClient carolElsewhere = TestClient.connectFrom(f.cc, "127.0.0.2");
        f.clients.add(carolElsewhere);
        carolElsewhere.request(r -> TestClient.login(r, "carol", Fixture.pw("carol"), "t-carol"), Messages.LoginOk.class);

        // the app's own client is told why its login failed
        try (ControlCenterClient app = new ControlCenterClient("127.0.0.1", f.cc.port(), f.cc.fingerprint(), new Quiet())) {
            assertThatThrownBy(() -> app.connect("carol", Fixture.pw("carol"), "t-carol2", List.of(), "sha-256:" + "ab".repeat(32))
                    .get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(ProtocolException.class)
                    .cause().satisfies(x -> assertThat(((ProtocolException) x).code()).isEqualTo(ErrorCode.TOO_MANY_CONNECTIONS));
        }

        alice.close(); // bob, her contact, hears she left: her place from 127.0.0.1 is free again
        assertThat(bob.push(Messages.Presence.class)).isEqualTo(new Messages.Presence("alice", false));
        f.login("alice");
        assertThat(FramedTls.connections(f.cc.acceptor()).refused()).isEqualTo(2);
    }

    /** An app client's listener that ignores pushes and the close. */
    private static final class Quiet implements ControlCenterClient.Listener {
        @Override
        public void onPush(Message m) {
        }

        @Override
        public void onClosed(String reason) {
        }
    }

    @Test
    void aRequestFloodIsAnsweredRateLimitedWithEachReqAndTheConnectionCarriesOn() throws Exception {
        start(PRODUCT);
        TestClient alice = f.login("alice"); // her login took one message of the burst
        alice.forgetSeen();
        List<Long> reqs = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            long r = TestClient.nextReq();
            reqs.add(r);
            alice.send(new Messages.GroupLeave(r, "no-such-group")); // answered NOT_IN_GROUP; changes nothing
        }
        // RATE_LIMITED is answered at once, so it may overtake the answers to requests sent before
        Map<Long, Messages.Error> answers = new java.util.HashMap<>();
        for (int i = 0; i < reqs.size(); i++) {
            Messages.Error e = (Messages.Error) alice.nextOrNull();
            assertThat(answers.put(e.req(), e)).as("one answer per req").isNull();
        }
        assertThat(answers.keySet()).containsExactlyInAnyOrderElementsOf(reqs);
        int processed = 0;
        for (Messages.Error e : answers.values()) {
            if (e.code() == ErrorCode.RATE_LIMITED) {
                assertThat(e.message()).contains("more than 20 messages per second");
            } else {
                assertThat(e.code()).isEqualTo(ErrorCode.NOT_IN_GROUP);
                processed++;
            }
        }
        assertThat(processed).isGreaterThanOrEqualTo(PRODUCT.rate().burst() - 1).isLessThan(reqs.size()); // the burst and what refilled meanwhile
        // the connection carries on: the next request is read once the bucket holds one again
        alice.forgetSeen();
        alice.request(r -> new Messages.ContactAdd(r, "carol"), Messages.Ok.class);
    }

    @Test
    void aConnectionWhoseRequestsPileUpBehindABusyLogicThreadIsNoLongerReadAndLosesNothing() throws Exception {
        start(PRODUCT.withRate(RateLimit.NONE));
        TestClient alice = f.login("alice");
        CountDownLatch busy = new CountDownLatch(1);
        f.cc.logic().post(() -> {
            try {
                busy.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        int n = 5_000;
        List<Long> reqs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long r = TestClient.nextReq();
            reqs.add(r);
            alice.send(new Messages.GroupLeave(r, "no-such-group")); // answered NOT_IN_GROUP; changes nothing
        }
        TestClient bob = f.connect(); // another connection is still read: its ping is answered on the I/O thread
        bob.ping(9);
        busy.countDown();
        for (long r : reqs) {
            assertThat(((Messages.Error) alice.answer(r)).code()).isEqualTo(ErrorCode.NOT_IN_GROUP);
        }
        // the logic thread never held more than one connection's share and what one read brought
        assertThat(f.cc.logic().peakQueued()).isLessThan(n / 2);
    }
}
