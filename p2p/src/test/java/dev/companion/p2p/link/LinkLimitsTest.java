package dev.companion.p2p.link;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.p2p.net.ConnectionLimit;
import dev.companion.p2p.net.Endpoint;
import dev.companion.p2p.net.Floods;
import dev.companion.p2p.net.FramedTls;
import dev.companion.p2p.net.OutputLimit;
import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Messages.LinkOffer;
import dev.companion.p2p.protocol.Protocol;
import dev.companion.p2p.protocol.ProtocolException;
import dev.companion.p2p.tls.Identity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A hostile group member on alice's peer link (mallory, a hand-driven TLS peer whose offer alice
 * expects): one who never reads, one who floods valid frames, one who never says peer_hello. alice's
 * link manager uses the product's peer endpoints with smaller figures so that each test is short.
 */
class LinkLimitsTest {
    static final String G = "g-2";
    static final int KIB = 1024;
    static Identity aliceId;
    static Identity malloryId;

    final List<AutoCloseable> toClose = new ArrayList<>();
    final BlockingQueue<String> links = new LinkedBlockingQueue<>();
    final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
    final CountDownLatch listenerMayGo = new CountDownLatch(1);
    volatile boolean blockListener;
    LinkManager alice;

    @BeforeAll
    static void identities() {
        aliceId = Identity.create("alice");
        malloryId = Identity.create("mallory");
    }

    @AfterEach
    void closeAll() throws Exception {
        listenerMayGo.countDown();
        for (AutoCloseable c : toClose.reversed()) {
            c.close();
        }
    }

    /** alice, with the peer endpoints changed by the given output limit, write timeout and deadline. */
    private void startAlice(OutputLimit output, int writeTimeoutSeconds, Duration deadline) throws Exception {
        Endpoint acceptor = Endpoint.PEER_ACCEPTOR.withOutput(output).withWriteTimeoutSeconds(writeTimeoutSeconds)
                .withConnections(Endpoint.PEER_ACCEPTOR.connections().withDeadline(deadline));
        Endpoint dialer = Endpoint.PEER_DIALER.withOutput(output).withWriteTimeoutSeconds(writeTimeoutSeconds)
                .withConnections(ConnectionLimit.NONE.withDeadline(deadline));
        LinkManager.Timing timing = LinkManager.Timing.DEFAULT;
        alice = new LinkManager(aliceId, "alice", "T2-alice", "127.0.0.1", new Listener(), timing,
                accept -> new DirectTcpTransport(aliceId, accept, timing.connectTimeout(), acceptor, dialer));
        toClose.add(alice);
        alice.start();
        // mallory's terminal id sorts first: mallory dials
        alice.expect(G, "mallory", new LinkOffer("T0-mallory", List.of("127.0.0.1:9"), malloryId.fingerprint()));
    }

    /** mallory, linked to alice. */
    private RawPeer mallory() throws Exception {
        RawPeer p = new RawPeer(malloryId, aliceId.fingerprint());
        toClose.add(p);
        p.connect(alice.localOffer().route().get(0));
        assertThat(p.awaitSecured()).isTrue();
        p.send(new Messages.PeerHello(Protocol.VERSION, "mallory", "T0-mallory", G));
        assertThat(p.next()).isInstanceOf(Messages.PeerWelcome.class);
        assertThat(links.poll(10, TimeUnit.SECONDS)).isEqualTo("up");
        return p;
    }

    static Messages.ActionMsg action(String from, long seq, String value) {
        return new Messages.ActionMsg(G, from, seq, new Action.Input("https://example.org/", "", "#q", value));
    }

    @Test
    void aMemberWhoNeverReadsGetsNoMoreThanTheHighWaterMarkQueuedAndIsClosedWhenItTakesNothing() throws Exception {
        OutputLimit limit = new OutputLimit(64 * KIB, 256 * KIB, 1024 * KIB, OutputLimit.WhenHigh.REFUSE_WRITES);
        startAlice(limit, 1, Duration.ofSeconds(10));
        RawPeer mallory = mallory();
        mallory.reading(false);
        String value = "v".repeat(Action.MAX_VALUE);
        int sent = 0;
        int refused = 0;
        String down = null;
        while (down == null) { // a sender that keeps trying: each refusal, it waits a little for the link to drain or drop
            assertThat(sent).as("8 KiB actions accepted: more than the sockets can take").isLessThan(2_000);
            if (alice.send(G, "mallory", action("alice", sent + 1, value))) {
                sent++;
                FramedTls.OutputStats out = alice.outputTo(G, "mallory");
                assertThat(out == null ? 0 : out.queued()).isLessThanOrEqualTo(limit.highWater() + 9 * KIB);
            } else {
                refused++;
                down = links.poll(20, TimeUnit.MILLISECONDS);
            }
        }
        // the sender saw back-pressure; once the sockets were full and nothing moved, the link was closed
        assertThat(refused).isPositive();
        assertThat(down).startsWith("down the peer took none of the output queued for it for 1 s");
        assertThat(alice.connected(G)).isEmpty();
        assertThat(alice.send(G, "mallory", action("alice", sent + 1, value))).isFalse();
        mallory().close(); // mallory may come back (and the follow engine's resume re-sends what it missed)
    }

    @Test
    void aMemberFloodingValidFramesIsReadOnlyAsFastAsTheyAreHandledAndNothingIsLost() throws Exception {
        startAlice(Endpoint.PEER_ACCEPTOR.output(), Protocol.IDLE_TIMEOUT_SECONDS, Duration.ofSeconds(10));
        RawPeer mallory = mallory();
        blockListener = true; // alice's app is busy with the first message
        int n = 8_000;
        for (int seq = 1; seq <= n; seq += 100) {
            org.apache.mina.core.buffer.IoBuffer buf = org.apache.mina.core.buffer.IoBuffer.allocate(100 * 256).setAutoExpand(true);
            for (int k = seq; k < seq + 100; k++) {
                byte[] p = dev.companion.p2p.protocol.Codec.encode(action("mallory", k, "x"));
                buf.putInt(p.length).put(p);
            }
            mallory.send(buf.flip());
        }
        Message first = messages.poll(10, TimeUnit.SECONDS);
        assertThat(first).isEqualTo(action("mallory", 1, "x"));
        alice.backlogHeld().get(10, TimeUnit.SECONDS); // alice stopped reading mallory
        listenerMayGo.countDown();
        for (int seq = 2; seq <= n; seq++) {
            assertThat(messages.poll(10, TimeUnit.SECONDS)).as("action " + seq).isEqualTo(action("mallory", seq, "x"));
        }
        // while the listener was blocked, alice stopped reading at Dispatcher.HIGH waiting calls; what
        // the last read had already brought (at most a read buffer of frames) came on top
        assertThat(alice.peakBacklog()).isGreaterThanOrEqualTo(Dispatcher.HIGH).isLessThan(Dispatcher.HIGH + 1_000);
        assertThat(alice.connected(G)).containsExactly("mallory");
    }

    @Test
    void aPeerThatNeverSaysPeerHelloIsClosedAtTheDeadlineWhileALinkedMemberStays() throws Exception {
        startAlice(Endpoint.PEER_ACCEPTOR.output(), Protocol.IDLE_TIMEOUT_SECONDS, Duration.ofSeconds(2));
        RawPeer member = mallory(); // said peer_hello in time
        RawPeer silent = new RawPeer(malloryId, aliceId.fingerprint());
        toClose.add(silent);
        silent.connect(alice.localOffer().route().get(0));
        assertThat(silent.awaitSecured()).isTrue();
        assertThat(silent.nextOrNull()).isNull(); // closed at the deadline, without a word
        member.send(new Messages.Ping(4)); // the member linked before it is still here
        assertThat(member.next()).isEqualTo(new Messages.Pong(4));
        assertThat(alice.connected(G)).containsExactly("mallory");
    }

    /** Queues what alice hears; blocks on a message while the test says so. */
    private final class Listener implements LinkManager.Listener {
        @Override
        public void onLinkUp(String group, String user) {
            links.add("up");
        }

        @Override
        public void onLinkDown(String group, String user, String reason) {
            links.add("down " + reason);
        }

        @Override
        public void onMessage(String group, String user, Message m) {
            messages.add(m);
            if (blockListener) {
                try {
                    listenerMayGo.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void onRefused(String group, String user, ProtocolException e) {
            links.add("refused " + e.code());
        }
    }
}
