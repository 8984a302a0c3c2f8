package dev.companion.p2p.net;

import dev.companion.p2p.frame.FrameCodecFactory;
import dev.companion.p2p.tls.Tls;
import java.net.InetSocketAddress;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.apache.mina.core.filterchain.DefaultIoFilterChainBuilder;
import org.apache.mina.core.filterchain.IoFilterChain;
import org.apache.mina.core.service.IoHandler;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFilter;
import org.apache.mina.filter.ssl.SslFilter;
import org.apache.mina.transport.socket.SocketSessionConfig;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;
import org.apache.mina.transport.socket.nio.NioSocketConnector;

/**
 * The one place that builds the MINA acceptors and connectors of Companion's connections (the
 * control center's, its clients', the peer link's, and those of tests and tools): every session's
 * chain is TLS 1.3 ({@value #TLS}), then length-prefixed frames ({@value #CODEC},
 * {@link FrameCodecFactory}); the {@link Endpoint} gives the socket and session settings. Callers
 * bind, connect, unbind and dispose what they get as usual; filters they add to its chain come after
 * the frames.
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
    /** The name of the frame codec in every session's chain, just after TLS. */
    public static final String CODEC = "codec";

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
        a.setFilterChainBuilder(chain(session -> filter));
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
        c.setFilterChainBuilder(chain(tls));
        c.setHandler(handler);
        return c;
    }

    private static void configure(SocketSessionConfig config, Endpoint endpoint) {
        config.setTcpNoDelay(endpoint.tcpNoDelay());
        config.setReaderIdleTime(endpoint.readerIdleSeconds());
        config.setWriterIdleTime(endpoint.writerIdleSeconds());
    }

    /** TLS (chosen per session), then the frame codec, then whatever the caller adds to the service's chain. */
    private static DefaultIoFilterChainBuilder chain(Function<IoSession, SslFilter> tls) {
        DefaultIoFilterChainBuilder builder = new DefaultIoFilterChainBuilder() {
            @Override
            public void buildFilterChain(IoFilterChain chain) throws Exception {
                chain.addLast(TLS, tls.apply(chain.getSession()));
                super.buildFilterChain(chain);
            }
        };
        builder.addLast(CODEC, new ProtocolCodecFilter(new FrameCodecFactory()));
        return builder;
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
