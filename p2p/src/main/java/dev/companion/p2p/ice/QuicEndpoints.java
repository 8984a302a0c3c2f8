package dev.companion.p2p.ice;

import dev.companion.p2p.link.LinkPath;
import dev.companion.p2p.tls.Identity;
import dev.companion.p2p.tls.PinnedTrustManager;
import dev.companion.p2p.tls.Tls;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tech.kwik.core.QuicClientConnection;
import tech.kwik.core.QuicConnection;
import tech.kwik.core.QuicStream;
import tech.kwik.core.log.NullLogger;
import tech.kwik.core.server.ApplicationProtocolConnection;
import tech.kwik.core.server.ServerConnectionConfig;
import tech.kwik.core.server.ServerConnector;

/**
 * QUIC (Kwik) on a UDP socket someone else owns (the ICE pair's): {@link #connect} is the client
 * (the ICE controlling side), {@link #accept} the server. The client pins the server's certificate by
 * fingerprint (TLS 1.3 inside QUIC); the server, which Kwik cannot make ask for a client certificate,
 * checks the client's {@link LinkProof}. Either side gives up after the handshake deadline.
 */
public final class QuicEndpoints {
    /** The ALPN of the peer link over QUIC. */
    public static final String ALPN = "companion-link/1";
    static final int STREAM_VERSION = 1;
    private static final Logger LOG = LoggerFactory.getLogger(QuicEndpoints.class);
    private static final char[] KEY_PASSWORD = "x".toCharArray();

    private QuicEndpoints() {
    }

    /**
     * Connects to remote over socket, trusting exactly expectedFingerprint, and proves this side's
     * identity. The link is not started (see {@link QuicLink#start}); onEnd runs once when it ends.
     */
    public static QuicLink connect(Identity me, String expectedFingerprint, DatagramSocket socket, InetSocketAddress remote,
                                   LinkPath path, Duration timeout, Runnable onEnd) throws IOException {
        QuicClientConnection c = QuicClientConnection.newBuilder()
                .host(Tls.PEER_NAME)
                .port(remote.getPort())
                .proxy(remote.getAddress().getHostAddress())
                .applicationProtocol(ALPN)
                .connectTimeout(timeout)
                .maxIdleTimeout(Duration.ofSeconds(30))
                .customTrustManager(new PinnedTrustManager(expectedFingerprint::equals))
                .socketFactory(address -> new PairSocket(socket, remote))
                .logger(new NullLogger())
                .build();
        boolean done = false;
        try {
            c.connect();
            QuicStream stream = c.createStream(true);
            OutputStream out = stream.getOutputStream();
            out.write(STREAM_VERSION);
            out.flush();
            byte[] challenge = stream.getInputStream().readNBytes(LinkProof.CHALLENGE_BYTES);
            if (challenge.length != LinkProof.CHALLENGE_BYTES) {
                throw new IOException("the peer closed the QUIC stream before its challenge");
            }
            LinkProof.answer(me, challenge, expectedFingerprint, out);
            done = true;
            return new QuicLink(c, stream, true, expectedFingerprint, describe(remote), path, onEnd);
        } finally {
            if (!done) {
                c.close();
            }
        }
    }

    /**
     * Serves QUIC on socket for clients at remote; each client that proves a certificate accepted
     * allows completes the returned future with its link (once: one link per ICE session). Close the
     * returned {@link AutoCloseable} to stop serving.
     */
    public static Server accept(Identity me, DatagramSocket socket, InetSocketAddress remote, Predicate<String> accepted,
                                LinkPath path, Duration timeout, Runnable onEnd) throws IOException {
        ServerConnector connector;
        try {
            connector = ServerConnector.builder()
                    .withSocket(new PairSocket(socket, remote))
                    .withKeyStore(keyStore(me), "identity", KEY_PASSWORD, "secp256r1")
                    .withConfiguration(ServerConnectionConfig.builder()
                            .maxIdleTimeoutInSeconds(30)
                            .maxOpenPeerInitiatedBidirectionalStreams(1)
                            .maxOpenPeerInitiatedUnidirectionalStreams(0)
                            .build())
                    .withLogger(new NullLogger())
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot start the QUIC server", e);
        }
        Server server = new Server(connector);
        connector.registerApplicationProtocol(ALPN, (protocol, connection) -> new ApplicationProtocolConnection() {
            @Override
            public void acceptPeerInitiatedStream(QuicStream stream) {
                Thread t = new Thread(() -> server.handshake(me, connection, stream, accepted, describe(remote), path, timeout, onEnd),
                        "quic-accept-" + remote.getPort());
                t.setDaemon(true);
                t.start();
            }
        });
        connector.start();
        return server;
    }

    /** A QUIC server on one ICE pair: its first proven client's link, then nothing more. */
    public static final class Server implements AutoCloseable {
        private final ServerConnector connector;
        private final CompletableFuture<QuicLink> link = new CompletableFuture<>();

        private Server(ServerConnector connector) {
            this.connector = connector;
        }

        /** Completes with the first client's link once its proof is checked. */
        public CompletableFuture<QuicLink> link() {
            return link;
        }

        private void handshake(Identity me, QuicConnection connection, QuicStream stream, Predicate<String> accepted,
                               String remote, LinkPath path, Duration timeout, Runnable onEnd) {
            CompletableFuture<Void> deadline = CompletableFuture.runAsync(() -> { },
                    CompletableFuture.delayedExecutor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
            deadline.thenRun(() -> {
                if (!link.isDone()) {
                    connection.close();
                }
            });
            try {
                InputStream in = stream.getInputStream();
                int version = in.read();
                if (version != STREAM_VERSION) {
                    throw new LinkProof.Refused("stream version " + version + ", this side speaks " + STREAM_VERSION);
                }
                byte[] challenge = LinkProof.challenge();
                stream.getOutputStream().write(challenge);
                stream.getOutputStream().flush();
                String fp = LinkProof.check(in, challenge, me.fingerprint(), accepted);
                if (!link.complete(new QuicLink(connection, stream, false, fp, remote, path, onEnd))) {
                    connection.close(); // a second client on the same pair
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("QUIC client at {} refused: {}", remote, e.getMessage());
                connection.close();
            }
        }

        @Override
        public void close() {
            link.completeExceptionally(new IOException("QUIC server closed"));
            try {
                connector.close();
            } catch (RuntimeException e) {
                LOG.debug("closing QUIC server: {}", e.toString());
            }
        }
    }

    private static KeyStore keyStore(Identity me) throws GeneralSecurityException, IOException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("identity", me.key(), KEY_PASSWORD, new Certificate[] {me.certificate()});
        return ks;
    }

    private static String describe(InetSocketAddress a) {
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }
}
