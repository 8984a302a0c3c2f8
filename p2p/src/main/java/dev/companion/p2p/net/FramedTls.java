package dev.companion.p2p.net;

import dev.companion.p2p.frame.FrameCodecFactory;
import dev.companion.p2p.tls.Tls;
import java.net.InetSocketAddress;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.apache.mina.core.filterchain.DefaultIoFilterChainBuilder;
import org.apache.mina.core.filterchain.IoFilterChain;
import org.apache.mina.core.future.WriteFuture;
import org.apache.mina.core.service.IoHandler;
import org.apache.mina.core.service.IoService;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFilter;
import org.apache.mina.filter.ssl.SslFilter;
import org.apache.mina.transport.socket.SocketSessionConfig;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;
import org.apache.mina.transport.socket.nio.NioSocketConnector;

/**
 * The one place that builds the MINA acceptors and connectors of Companion's connections (the
 * control center's, its clients', the peer link's, and those of tests and tools): every session's
 * chain is TLS 1.3 ({@value #TLS}), the output bound ({@value #OUTPUT}, {@link OutputLimit}),
 * length-prefixed frames ({@value #CODEC}, {@link FrameCodecFactory}), admission ({@value #ADMISSION},
 * {@link ConnectionLimit}) and the rate limit ({@value #RATE}, {@link RateLimit}); the {@link Endpoint}
 * gives the socket and session settings and the limits. Callers bind, connect, unbind and dispose
 * what they get as usual; filters they add to its chain come after these. A handler calls
 * {@link #admit} once a session passed its protocol's first step (login, peer_hello), and closes
 * after its last words with {@link #closeOnFlush}.
 *
 * <p>TLS uses MINA's blocking pipeline (SSLHandlerG0). MINA 2.2.10's default non-blocking one
 * (SSLHandlerG1) runs handshake tasks on its own executor and then (1) keeps application data that
 * arrived along with the peer's Finished undelivered until the next read (with client certificates,
 * a peer's first message waits for the idle timeout), and (2) swallows a certificate refused by the
 * trust manager, leaving the connection hanging instead of failing.
 */
public final class FramedTls {
    /** The name of the TLS filter in every session's chain. */
    public static final String TLS = "tls";
    /** The name of the output bound in every session's chain, just after TLS. */
    public static final String OUTPUT = "output";
    /** The name of the frame codec in every session's chain, after the output bound. */
    public static final String CODEC = "codec";
    /** The name of the admission filter (connection caps, deadline), after the frame codec. */
    public static final String ADMISSION = "admission";
    /** The name of the rate limit, after admission. */
    public static final String RATE = "rate";

    /**
     * One session's output: bytes queued now (held by the output bound or handed to TLS and not yet
     * written to the socket), the most ever queued, frames held back, writes handed to TLS, writes
     * refused.
     */
    public record OutputStats(long queued, long peak, int held, int inFlight, long refused) {
    }

    /**
     * An acceptor's connections: open (let in), not admitted yet, refusals waiting for their TLS to
     * be answered, refused so far, and the most open and not admitted at once.
     */
    public record ConnectionStats(int open, int unadmitted, int refusing, long refused, int peakOpen, int peakUnadmitted) {
    }

    private FramedTls() {
    }

    /**
     * An acceptor presenting the identity of tls (a server context: see {@link Tls#context}); with
     * {@link Endpoint#needClientAuth()} it asks for a client certificate, which tls's trust manager judges.
     */
    public static NioSocketAcceptor acceptor(Endpoint endpoint, SSLContext tls, IoHandler handler) {
        NioSocketAcceptor a = endpoint.ioThreads() == 0 ? new NioSocketAcceptor() : new NioSocketAcceptor(endpoint.ioThreads());
        a.setReuseAddress(endpoint.reuseAddress());
        a.setBacklog(endpoint.backlog());
        configure(a.getSessionConfig(), endpoint);
        SslFilter filter = serverFilter(tls, endpoint.needClientAuth());
        a.setFilterChainBuilder(chain(endpoint, true, session -> filter));
        a.setHandler(handler);
        return a;
    }

    /** A connector whose every session uses the client context tls. */
    public static NioSocketConnector connector(Endpoint endpoint, SSLContext tls, IoHandler handler) {
        SslFilter filter = clientFilter(tls, endpoint.tlsResumption());
        return connector(endpoint, handler, session -> filter);
    }

    /**
     * A connector whose sessions each get the client context tls chooses for them (from the
     * attributes the connect's session initializer set: it runs first), for instance one context per
     * peer pinned to that peer's fingerprint.
     */
    public static NioSocketConnector connector(Endpoint endpoint, Function<IoSession, SSLContext> tls, IoHandler handler) {
        return connector(endpoint, handler, session -> clientFilter(tls.apply(session), endpoint.tlsResumption()));
    }

    private static NioSocketConnector connector(Endpoint endpoint, IoHandler handler, Function<IoSession, SslFilter> tls) {
        NioSocketConnector c = endpoint.ioThreads() == 0 ? new NioSocketConnector() : new NioSocketConnector(endpoint.ioThreads());
        c.setConnectTimeoutMillis(endpoint.connectTimeout().toMillis());
        c.getSessionConfig().setReuseAddress(endpoint.reuseAddress());
        configure(c.getSessionConfig(), endpoint);
        c.setFilterChainBuilder(chain(endpoint, false, tls));
        c.setHandler(handler);
        return c;
    }

    private static void configure(SocketSessionConfig config, Endpoint endpoint) {
        config.setTcpNoDelay(endpoint.tcpNoDelay());
        config.setReaderIdleTime(endpoint.readerIdleSeconds());
        config.setWriterIdleTime(endpoint.writerIdleSeconds());
        config.setWriteTimeout(endpoint.writeTimeoutSeconds());
    }

    /**
     * TLS (chosen per session), the output bound, the frame codec, admission, the rate limit, then
     * whatever the caller adds to the service's chain.
     */
    private static DefaultIoFilterChainBuilder chain(Endpoint endpoint, boolean acceptor, Function<IoSession, SslFilter> tls) {
        OutputFilter output = new OutputFilter(endpoint.output());
        DefaultIoFilterChainBuilder builder = new DefaultIoFilterChainBuilder() {
            @Override
            public void buildFilterChain(IoFilterChain chain) throws Exception {
                chain.addLast(TLS, tls.apply(chain.getSession()));
                chain.addLast(OUTPUT, output);
                super.buildFilterChain(chain);
            }
        };
        builder.addLast(CODEC, new ProtocolCodecFilter(new FrameCodecFactory()));
        builder.addLast(ADMISSION, new AdmissionFilter(endpoint.connections(), acceptor));
        if (endpoint.rate().limits()) {
            builder.addLast(RATE, new RateFilter(endpoint.rate()));
        }
        return builder;
    }

    // ---- for handlers ----------------------------------------------------------------------------

    /**
     * session passed its protocol's first step (the control center's login, the peer link's
     * peer_hello or peer_welcome): no admission deadline any more, no longer counted as signing in.
     * Safe twice; nothing for a session not made here.
     */
    public static void admit(IoSession session) {
        if (session.getFilterChain().get(ADMISSION) instanceof AdmissionFilter f) {
            f.admit(session);
        }
    }

    /**
     * Writes message; false when it was refused at once: the session is closing, or its output is past
     * the high-water mark of an endpoint that refuses writes then ({@link OutputLimit.WhenHigh#REFUSE_WRITES}).
     */
    public static boolean write(IoSession session, Object message) {
        if (!session.isConnected() || session.isClosing()) {
            return false;
        }
        WriteFuture f = session.write(message);
        return !(f.isDone() && f.getException() instanceof OutputFilter.Refused);
    }

    /**
     * Closes session once everything written so far has gone to the socket, including what the output
     * bound still holds (MINA's own closeOnFlush would overtake that). A peer that takes nothing is
     * closed by the write timeout.
     */
    public static void closeOnFlush(IoSession session) {
        OutputFilter.closeOnFlush(session);
    }

    /** session's output so far; zeros for a session not made here. */
    public static OutputStats output(IoSession session) {
        OutputFilter.State s = OutputFilter.state(session);
        return s == null ? new OutputStats(0, 0, 0, 0, 0) : s.stats();
    }

    /** The connections of an acceptor made here (all zeros when it sets no caps, or for a connector). */
    public static ConnectionStats connections(IoService service) {
        if (service.getFilterChainBuilder() instanceof DefaultIoFilterChainBuilder b
                && b.get(ADMISSION) instanceof AdmissionFilter f) {
            return f.stats();
        }
        return new ConnectionStats(0, 0, 0, 0, 0, 0);
    }

    private static SslFilter serverFilter(SSLContext ctx, boolean needClientAuth) {
        SslFilter f = new SslFilter(ctx);
        f.setEnabledProtocols(Tls.PROTOCOLS);
        f.setNeedClientAuth(needClientAuth);
        f.setUseNonBlockingPipeline(false);
        return f;
    }

    /**
     * Without resumption the engine is made without the peer's host and port (MINA passes them so that
     * the JDK can find a cached session for that peer): nothing to resume, a full handshake.
     */
    private static SslFilter clientFilter(SSLContext ctx, boolean resumption) {
        SslFilter f = resumption ? new SslFilter(ctx) : new SslFilter(ctx) {
            @Override
            protected SSLEngine createEngine(IoSession session, InetSocketAddress addr) {
                return super.createEngine(session, null);
            }
        };
        f.setEnabledProtocols(Tls.PROTOCOLS);
        f.setUseNonBlockingPipeline(false);
        return f;
    }
}
