package dev.companion.p2p.link;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.p2p.frame.Frame;
import dev.companion.p2p.net.Endpoint;
import dev.companion.p2p.net.FramedTls;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.tls.Identity;
import dev.companion.p2p.tls.Tls;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.mina.core.future.ConnectFuture;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.FilterEvent;
import org.apache.mina.filter.ssl.SslEvent;
import org.apache.mina.transport.socket.nio.NioSocketConnector;

/**
 * A hand-driven peer for tests: real TCP + TLS 1.3 with its own identity, sending whatever frames the
 * test wants (messages or raw payloads) and queueing what it receives. It never answers pings.
 */
public final class RawPeer implements AutoCloseable {
    final Identity identity;
    private final NioSocketConnector connector;
    private static final Frame CLOSED = new Frame(new byte[0]);
    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    final CompletableFuture<Void> secured = new CompletableFuture<>();
    final CompletableFuture<String> closed = new CompletableFuture<>();
    private volatile String failure;
    private IoSession session;

    public RawPeer(Identity identity, String serverFingerprint) {
        this.identity = identity;
        connector = FramedTls.connector(Endpoint.DEFAULT.withConnectTimeout(Duration.ofSeconds(3)),
                Tls.context(identity, serverFingerprint::equals), new Handler());
    }

    /** Connects to the first address of route ("host:port"). */
    public RawPeer connect(String hostPort) {
        InetSocketAddress addr = Routes.parse(hostPort);
        ConnectFuture f = connector.connect(addr).awaitUninterruptibly();
        assertThat(f.isConnected()).as("TCP connect to " + hostPort).isTrue();
        session = f.getSession();
        return this;
    }

    /** Waits for TLS; false when the connection closed first. */
    public boolean awaitSecured() throws Exception {
        try {
            secured.get(10, TimeUnit.SECONDS);
            return true;
        } catch (java.util.concurrent.ExecutionException e) {
            return false;
        }
    }

    /** Stops (true) or resumes reading what alice sends: a member who does not read. */
    void reading(boolean on) {
        if (on) {
            session.resumeRead();
        } else {
            session.suspendRead();
        }
    }

    /** A message, a raw byte[] payload, or an IoBuffer of ready frames. */
    public void send(Object messageOrPayload) {
        session.write(messageOrPayload);
    }

    public Message next() throws InterruptedException {
        Frame f = frames.poll(10, TimeUnit.SECONDS);
        assertThat(f).as("a frame within 10 s").isNotNull();
        assertThat(f).as("a frame before the connection closed").isNotSameAs(CLOSED);
        return f.decode();
    }

    /** The next message, or null when the connection closed first. */
    public Message nextOrNull() throws InterruptedException {
        Frame f = frames.poll(10, TimeUnit.SECONDS);
        assertThat(f).as("a frame or the close within 10 s").isNotNull();
        if (f == CLOSED) {
            frames.add(CLOSED);
            return null;
        }
        return f.decode();
    }

    public String awaitClosed() throws Exception {
        return closed.get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        connector.dispose(true);
    }

    /** Notes TLS up and the close; queues every frame. */
    private final class Handler extends IoHandlerAdapter {
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
            failure = String.valueOf(cause);
            s.closeNow();
        }

        @Override
        public void sessionClosed(IoSession s) {
            closed.complete(failure == null ? "closed" : failure);
            frames.add(CLOSED);
            secured.completeExceptionally(new IllegalStateException("closed before TLS was done: " + failure));
        }
    }
}
