package dev.companion.p2p.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.companion.p2p.frame.Frame;
import dev.companion.p2p.link.LinkHandler;
import dev.companion.p2p.link.LinkPath;
import dev.companion.p2p.link.LinkSession;
import dev.companion.p2p.tls.Identity;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * QUIC on two UDP sockets on loopback (no ICE: that needs network namespaces, see NatLabTest): the
 * pinned server certificate, the client's link proof, frames both ways, and the bad inputs: another
 * server certificate, a client the server does not expect, datagrams from a stranger.
 */
class QuicLinkTest {
    private static final Identity ALICE = Identity.create("alice");
    private static final Identity BOB = Identity.create("bob");
    private static final Identity MALLORY = Identity.create("mallory");
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private DatagramSocket clientSocket;
    private DatagramSocket serverSocket;
    private InetSocketAddress clientAddr;
    private InetSocketAddress serverAddr;

    @BeforeEach
    void sockets() throws Exception {
        clientSocket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        serverSocket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        clientAddr = (InetSocketAddress) clientSocket.getLocalSocketAddress();
        serverAddr = (InetSocketAddress) serverSocket.getLocalSocketAddress();
    }

    @AfterEach
    void close() {
        clientSocket.close();
        serverSocket.close();
    }

    @Test
    void framesTravelBothWaysOverThePinnedAndProvenLink() throws Exception {
        try (QuicEndpoints.Server server = QuicEndpoints.accept(BOB, serverSocket, clientAddr, ALICE.fingerprint()::equals,
                LinkPath.DIRECT, TIMEOUT, () -> { })) {
            QuicLink client = QuicEndpoints.connect(ALICE, BOB.fingerprint(), clientSocket, serverAddr, LinkPath.DIRECT, TIMEOUT, () -> { });
            QuicLink accepted = server.link().get(10, TimeUnit.SECONDS);
            assertThat(accepted.peerFingerprint()).isEqualTo(ALICE.fingerprint());
            assertThat(client.peerFingerprint()).isEqualTo(BOB.fingerprint());
            Events a = new Events();
            Events b = new Events();
            client.start(a, "test-client");
            accepted.start(b, "test-server");
            assertThat(a.next()).isEqualTo("opened");
            assertThat(b.next()).isEqualTo("opened");
            for (int i = 0; i < 200; i++) {
                client.send(("a" + i).getBytes(StandardCharsets.UTF_8));
            }
            accepted.send("hello".getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 200; i++) {
                assertThat(b.next()).isEqualTo("a" + i);
            }
            assertThat(a.next()).isEqualTo("hello");
            client.close();
            assertThat(b.next()).startsWith("closed");
            assertThat(a.next()).startsWith("closed");
        }
    }

    @Test
    void aServerWithAnotherCertificateIsRefused() throws Exception {
        try (QuicEndpoints.Server server = QuicEndpoints.accept(MALLORY, serverSocket, clientAddr, ALICE.fingerprint()::equals,
                LinkPath.RELAYED, TIMEOUT, () -> { })) {
            assertThatThrownBy(() -> QuicEndpoints.connect(ALICE, BOB.fingerprint(), clientSocket, serverAddr,
                    LinkPath.RELAYED, TIMEOUT, () -> { })).hasMessageContaining("certificate");
            assertThat(server.link()).isNotDone();
        }
    }

    @Test
    void aClientTheServerDoesNotExpectIsRefused() throws Exception {
        try (QuicEndpoints.Server server = QuicEndpoints.accept(BOB, serverSocket, clientAddr, ALICE.fingerprint()::equals,
                LinkPath.DIRECT, TIMEOUT, () -> { })) {
            QuicLink mallory = null;
            try {
                mallory = QuicEndpoints.connect(MALLORY, BOB.fingerprint(), clientSocket, serverAddr, LinkPath.DIRECT, TIMEOUT, () -> { });
                Events events = new Events();
                mallory.start(events, "test-mallory");
                assertThat(events.next()).isEqualTo("opened");
                assertThat(events.next()).startsWith("closed"); // the server closed the connection
            } catch (java.io.IOException refusedEarly) {
                // the server may close before the client has read its challenge
            }
            server.close();
            assertThatThrownBy(() -> server.link().get()).isInstanceOf(ExecutionException.class);
        }
    }

    @Test
    void datagramsFromAStrangerNeverReachQuic() throws Exception {
        try (DatagramSocket stranger = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             QuicEndpoints.Server server = QuicEndpoints.accept(BOB, serverSocket, clientAddr, ALICE.fingerprint()::equals,
                     LinkPath.DIRECT, TIMEOUT, () -> { })) {
            byte[] junk = new byte[1200];
            junk[0] = (byte) 0xc0; // looks like a QUIC long header (an Initial)
            for (int i = 0; i < 50; i++) {
                stranger.send(new DatagramPacket(junk, junk.length, serverAddr));
            }
            QuicLink client = QuicEndpoints.connect(ALICE, BOB.fingerprint(), clientSocket, serverAddr, LinkPath.DIRECT, TIMEOUT, () -> { });
            assertThat(server.link().get(10, TimeUnit.SECONDS).peerFingerprint()).isEqualTo(ALICE.fingerprint());
            client.close();
        }
    }

    /** Records a link's events as strings: "opened", a frame's text, "closed: reason". */
    private static final class Events implements LinkHandler {
        final BlockingQueue<String> q = new LinkedBlockingQueue<>();

        @Override
        public void opened(LinkSession session) {
            q.add("opened");
        }

        @Override
        public void received(LinkSession session, Frame frame) {
            q.add(frame.isTooLarge() ? "too large" : new String(frame.payload(), StandardCharsets.UTF_8));
        }

        @Override
        public void closed(LinkSession session, String reason) {
            q.add("closed: " + reason);
        }

        String next() throws InterruptedException {
            String s = q.poll(10, TimeUnit.SECONDS);
            assertThat(s).as("a link event within 10 s").isNotNull();
            return s;
        }
    }
}
