package dev.companion.p2p.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.p2p.frame.Frame;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.tls.Identity;
import dev.companion.p2p.tls.Tls;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.apache.mina.core.future.ConnectFuture;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;
import org.apache.mina.transport.socket.nio.NioSocketConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An acceptor and connectors from FramedTls over real TLS 1.3 on 127.0.0.1: settings, frames, resumption. */
class FramedTlsTest {
    final Identity server = Identity.create("server");
    final BlockingQueue<Object> echoed = new LinkedBlockingQueue<>();
    NioSocketAcceptor acceptor;

    @BeforeEach
    void listen() throws Exception {
        acceptor = FramedTls.acceptor(Endpoint.DEFAULT.withReuseAddress(true), Tls.context(server, fp -> true),
                new IoHandlerAdapter() {
                    @Override
                    public void messageReceived(IoSession session, Object message) {
                        session.write(((Frame) message).decode()); // echo
                    }
                });
        acceptor.bind(new InetSocketAddress("127.0.0.1", 0));
    }

    @AfterEach
    void close() {
        acceptor.dispose(true);
    }

    @Test
    void theEndpointsSettingsAreApplied() {
        assertThat(acceptor.isReuseAddress()).isTrue();
        Endpoint e = Endpoint.DEFAULT.withIoThreads(1).withConnectTimeout(Duration.ofSeconds(7)).withReuseAddress(true)
                .withTcpNoDelay(true).withIdleSeconds(15, 5);
        NioSocketConnector c = FramedTls.connector(e, Tls.context(Identity.create("c"), fp -> true), new IoHandlerAdapter());
        try {
            assertThat(c.getConnectTimeoutMillis()).isEqualTo(7000);
            assertThat(c.getSessionConfig().isReuseAddress()).isTrue();
            assertThat(c.getSessionConfig().isTcpNoDelay()).isTrue();
            assertThat(c.getSessionConfig().getReaderIdleTime()).isEqualTo(15);
            assertThat(c.getSessionConfig().getWriterIdleTime()).isEqualTo(5);
        } finally {
            c.dispose(true);
        }
    }

    @Test
    void aSharedContextResumesUnlessResumptionIsOff() throws Exception {
        AtomicInteger fullHandshakes = new AtomicInteger();
        SSLContext ctx = Tls.context(Identity.create("client"), fp -> {
            fullHandshakes.incrementAndGet(); // the trust manager runs on full handshakes only
            return fp.equals(server.fingerprint());
        });
        roundTrips(Endpoint.DEFAULT, ctx, 3);
        assertThat(fullHandshakes).hasValue(1);
        roundTrips(Endpoint.DEFAULT.withTlsResumption(false), ctx, 3);
        assertThat(fullHandshakes).hasValue(4);
    }

    /** n connections on one connector, each a ping echoed back as a frame. */
    private void roundTrips(Endpoint endpoint, SSLContext ctx, int n) throws Exception {
        NioSocketConnector c = FramedTls.connector(endpoint, ctx, new IoHandlerAdapter() {
            @Override
            public void messageReceived(IoSession session, Object message) {
                echoed.add(((Frame) message).decode());
            }
        });
        try {
            for (int i = 0; i < n; i++) {
                ConnectFuture f = c.connect(new InetSocketAddress("127.0.0.1", acceptor.getLocalAddress().getPort()));
                assertThat(f.awaitUninterruptibly(10_000) && f.isConnected()).isTrue();
                f.getSession().write(new Messages.Ping(i));
                assertThat(echoed.poll(10, TimeUnit.SECONDS)).isEqualTo(new Messages.Ping(i));
                f.getSession().closeOnFlush().awaitUninterruptibly(10_000);
            }
        } finally {
            c.dispose(true);
        }
    }
}
