package dev.companion.p2p.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Messages;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Connection caps and the admission deadline of an acceptor, over real sockets: connections over a
 * cap are answered TOO_MANY_CONNECTIONS once their TLS is up (their handler never hears of them),
 * others still get in, and nothing that fails to be admitted in time stays open. The handler here
 * admits a connection when it sends ping 0 (standing for login or peer_hello) and echoes pings.
 */
class AdmissionTest {
    private Wire.Server server;
    private final List<Wire.Client> clients = new ArrayList<>();
    private final ExecutorService readers = Executors.newCachedThreadPool();

    @AfterEach
    void close() {
        clients.forEach(Wire.Client::close);
        readers.shutdownNow();
        if (server != null) {
            server.close();
        }
    }

    private void serve(ConnectionLimit limit) throws Exception {
        server = new Wire.Server(Endpoint.DEFAULT.withIoThreads(1).withConnections(limit), (s, f) -> { // one I/O thread: sessions are created in the order they connect
            Messages.Ping p = (Messages.Ping) f.decode();
            if (p.t() == 0) {
                FramedTls.admit(s);
            }
            s.write(new Messages.Pong(p.t()));
        });
    }

    /** A client from localHost that signs in (ping 0) and is answered. */
    private Wire.Client admitted(String localHost) throws Exception {
        Wire.Client c = server.client(localHost).secured();
        clients.add(c);
        c.send(new Messages.Ping(0));
        assertThat(c.next()).isEqualTo(new Messages.Pong(0));
        return c;
    }

    private Wire.Client refused(String localHost, String why) throws Exception {
        Wire.Client c = server.client(localHost);
        clients.add(c);
        assertThat(c.next()).isInstanceOfSatisfying(Messages.Error.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_CONNECTIONS);
            assertThat(e.message()).contains(why);
        });
        c.awaitClosed();
        return c;
    }

    @Test
    void overThePerAddressCapAConnectionIsRefusedWithTheCodeWhileAnotherAddressGetsIn() throws Exception {
        serve(new ConnectionLimit(10, 2, 10, 10, Duration.ZERO));
        Wire.Client first = admitted("127.0.0.1");
        admitted("127.0.0.1");
        Wire.Client third = refused("127.0.0.1", "too many connections from 127.0.0.1 (2 at once");
        assertThat(server.sessions).doesNotContainKey(third.localPort()); // its handler never heard of it
        admitted("127.0.0.2");

        first.close();
        Wire.await(server.closedOf(first.localPort()), "the first connection to close on the server");
        admitted("127.0.0.1"); // its place is free again
        FramedTls.ConnectionStats stats = FramedTls.connections(server.acceptor);
        assertThat(stats.open()).isEqualTo(3);
        assertThat(stats.refused()).isEqualTo(1);
        assertThat(stats.peakOpen()).isEqualTo(3);
    }

    @Test
    void anAddressThatComesBackBeforeItWasToldIsClosedWithoutATlsHandshake() throws Exception {
        serve(new ConnectionLimit(10, 1, 10, 10, Duration.ZERO));
        admitted("127.0.0.8");
        for (int i = 0; i < AdmissionFilter.ANSWERS_PER_WAIT; i++) {
            refused("127.0.0.8", "too many connections from 127.0.0.8"); // answered: wait 5 s
        }
        // Back again before the 5 s, over the same cap: closed as it is accepted. A raw socket that
        // sends nothing reads the end of the stream; answered, it would wait for its ClientHello.
        assertThat(rawRead("127.0.0.8")).as("closed at once, no TLS").isEqualTo(-1);
        // Another address over its cap is still answered with the code.
        admitted("127.0.0.9");
        refused("127.0.0.9", "too many connections from 127.0.0.9");
        assertThat(FramedTls.connections(server.acceptor).refused()).isEqualTo(AdmissionFilter.ANSWERS_PER_WAIT + 2);
    }

    /** What a raw TCP connection from localHost reads first (it sends nothing); -1: closed by the server. */
    private int rawRead(String localHost) throws Exception {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(localHost, 0));
            s.connect(new InetSocketAddress("127.0.0.1", server.port()), 10_000);
            s.setSoTimeout(10_000);
            return s.getInputStream().read();
        }
    }

    @Test
    void overTheTotalCapConnectionsAreRefusedUntilOneCloses() throws Exception {
        serve(new ConnectionLimit(2, 0, 0, 0, Duration.ZERO));
        Wire.Client a = admitted("127.0.0.2");
        admitted("127.0.0.3");
        refused("127.0.0.4", "the server holds 2 connections");
        a.close();
        Wire.await(server.closedOf(a.localPort()), "a to close on the server");
        admitted("127.0.0.4");
    }

    @Test
    void connectionsThatDoNotSignInHoldOnlyTheirFewPlacesAndAreClosedAtTheDeadline() throws Exception {
        serve(new ConnectionLimit(100, 100, 100, 3, Duration.ofSeconds(2)));
        Wire.Client early = admitted("127.0.0.5"); // signed in: the deadline does not apply to it
        // raw TCP trickling the first byte of a TLS ClientHello, then nothing: OpenSSH's slowloris case
        List<Socket> raw = new ArrayList<>();
        List<Future<Integer>> ends = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Socket s = new Socket();
            s.bind(new InetSocketAddress("127.0.0.6", 0));
            s.connect(new InetSocketAddress("127.0.0.1", server.port()), 10_000);
            s.getOutputStream().write(0x16);
            raw.add(s);
            InputStream in = s.getInputStream();
            ends.add(readers.submit(() -> in.read()));
        }
        // a TLS connection from the same address that never signs in: over the cap of 3 signing in at once
        refused("127.0.0.6", "too many connections signing in from 127.0.0.6 (3 at once");
        Wire.Client idle = server.client("127.0.0.7").secured(); // TLS done, pings, never signs in
        clients.add(idle);
        idle.send(new Messages.Ping(5));
        assertThat(idle.next()).isEqualTo(new Messages.Pong(5));
        for (Future<Integer> end : ends) {
            assertThat(end.get(10, TimeUnit.SECONDS)).as("closed by the server: end of stream").isEqualTo(-1);
        }
        idle.awaitClosed();
        for (Socket s : raw) {
            s.close();
        }
        assertThat(FramedTls.connections(server.acceptor).peakUnadmitted()).isLessThanOrEqualTo(1 + 3 + 1);
        early.send(new Messages.Ping(6)); // opened before all of them: still here
        assertThat(early.next()).isEqualTo(new Messages.Pong(6));
    }

    @Test
    void aConnectorsSessionNotAdmittedInTimeIsClosedToo() throws Exception {
        serve(ConnectionLimit.NONE);
        CompletableFuture<Void> closed = new CompletableFuture<>();
        var connector = FramedTls.connector(Endpoint.DEFAULT.withConnections(ConnectionLimit.NONE.withDeadline(Duration.ofSeconds(1))),
                dev.companion.p2p.tls.Tls.context(dev.companion.p2p.tls.Identity.create("c"), fp -> true),
                new org.apache.mina.core.service.IoHandlerAdapter() {
                    @Override
                    public void sessionClosed(org.apache.mina.core.session.IoSession s) {
                        closed.complete(null);
                    }
                });
        try {
            connector.connect(new InetSocketAddress("127.0.0.1", server.port())).awaitUninterruptibly(10_000);
            Wire.await(closed, "the connector's session to close at its deadline");
        } finally {
            connector.dispose(true);
        }
    }
}
