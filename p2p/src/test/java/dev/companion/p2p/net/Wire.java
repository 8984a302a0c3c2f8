package dev.companion.p2p.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.p2p.frame.Frame;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.tls.Identity;
import dev.companion.p2p.tls.Tls;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.apache.mina.core.future.ConnectFuture;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.FilterEvent;
import org.apache.mina.filter.ssl.SslEvent;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;
import org.apache.mina.transport.socket.nio.NioSocketConnector;

/** A FramedTls server and clients on loopback for the limits' tests; every wait bounded (10 s). */
final class Wire {
    static final long WAIT_S = 10;

    private Wire() {
    }

    static <T> T await(CompletableFuture<T> f, String what) throws Exception {
        try {
            return f.get(WAIT_S, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting for " + what, e);
        }
    }

    /** An acceptor whose handler calls onFrame for each frame; it notes each session's close (keyed by the client's port). */
    static final class Server implements AutoCloseable {
        final Identity identity = Identity.create("limits-server");
        final NioSocketAcceptor acceptor;
        /** By the client's port: completes with the session's output figures when it closed. */
        final Map<Integer, CompletableFuture<FramedTls.OutputStats>> closed = new ConcurrentHashMap<>();
        final Map<Integer, IoSession> sessions = new ConcurrentHashMap<>();

        Server(Endpoint endpoint, BiConsumer<IoSession, Frame> onFrame) throws Exception {
            acceptor = FramedTls.acceptor(endpoint.withReuseAddress(true), Tls.context(identity, fp -> true), new IoHandlerAdapter() {
                @Override
                public void sessionCreated(IoSession s) {
                    sessions.put(port(s), s);
                    closedOf(port(s));
                }

                @Override
                public void messageReceived(IoSession s, Object message) {
                    onFrame.accept(s, (Frame) message);
                }

                @Override
                public void exceptionCaught(IoSession s, Throwable cause) {
                    s.closeNow();
                }

                @Override
                public void sessionClosed(IoSession s) {
                    closedOf(port(s)).complete(FramedTls.output(s));
                }
            });
            acceptor.bind(new InetSocketAddress("127.0.0.1", 0));
        }

        static int port(IoSession s) {
            return ((InetSocketAddress) s.getRemoteAddress()).getPort();
        }

        CompletableFuture<FramedTls.OutputStats> closedOf(int clientPort) {
            return closed.computeIfAbsent(clientPort, p -> new CompletableFuture<>());
        }

        int port() {
            return acceptor.getLocalAddress().getPort();
        }

        Client client() {
            return client("127.0.0.1");
        }

        /** A client whose connection comes from localHost (any 127.x.y.z is this machine). */
        Client client(String localHost) {
            return new Client(this, localHost);
        }

        @Override
        public void close() {
            acceptor.dispose(true);
        }
    }

    /** A client with the DEFAULT endpoint (no limits of its own), queueing what it receives. */
    static final class Client implements AutoCloseable {
        private static final Frame CLOSED = new Frame(new byte[0]);
        final NioSocketConnector connector;
        final IoSession session;
        final CompletableFuture<Void> secured = new CompletableFuture<>();
        final CompletableFuture<Void> closed = new CompletableFuture<>();
        private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();

        Client(Server server, String localHost) {
            connector = FramedTls.connector(Endpoint.DEFAULT.withConnectTimeout(Duration.ofSeconds(WAIT_S)),
                    Tls.context(Identity.create("limits-client"), server.identity.fingerprint()::equals), new IoHandlerAdapter() {
                        @Override
                        public void event(IoSession s, FilterEvent event) {
                            if (event == SslEvent.SECURED) {
                                secured.complete(null);
                            }
                        }

                        @Override
                        public void messageReceived(IoSession s, Object message) {
                            frames.add((Frame) message);
                        }

                        @Override
                        public void exceptionCaught(IoSession s, Throwable cause) {
                            s.closeNow();
                        }

                        @Override
                        public void sessionClosed(IoSession s) {
                            frames.add(CLOSED);
                            closed.complete(null);
                            secured.completeExceptionally(new IllegalStateException("closed before TLS was up"));
                        }
                    });
            ConnectFuture f = connector.connect(new InetSocketAddress("127.0.0.1", server.port()),
                    new InetSocketAddress(localHost, 0));
            assertThat(f.awaitUninterruptibly(WAIT_S * 1000) && f.isConnected()).as("connected").isTrue();
            session = f.getSession();
        }

        int localPort() {
            return ((InetSocketAddress) session.getLocalAddress()).getPort();
        }

        Client secured() throws Exception {
            await(secured, "TLS");
            return this;
        }

        void send(Object messageOrPayload) {
            session.write(messageOrPayload);
        }

        /** The next message; fails when the connection closed first. */
        Message next() throws InterruptedException {
            Frame f = frames.poll(WAIT_S, TimeUnit.SECONDS);
            assertThat(f).as("a frame within " + WAIT_S + " s").isNotNull();
            assertThat(f).as("a frame before the connection closed").isNotSameAs(CLOSED);
            return f.decode();
        }

        /** The next frame's raw payload. */
        byte[] nextPayload() throws InterruptedException {
            Frame f = frames.poll(WAIT_S, TimeUnit.SECONDS);
            assertThat(f).as("a frame within " + WAIT_S + " s").isNotNull();
            assertThat(f).as("a frame before the connection closed").isNotSameAs(CLOSED);
            return f.payload();
        }

        /** Waits for the close; what arrived before it is dropped. */
        void awaitClosed() throws Exception {
            await(closed, "the connection to close");
        }

        @Override
        public void close() {
            connector.dispose(true);
        }
    }
}
