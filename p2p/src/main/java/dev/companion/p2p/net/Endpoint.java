package dev.companion.p2p.net;

import dev.companion.p2p.protocol.Protocol;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How one kind of endpoint (an acceptor or a connector carrying TLS 1.3 and frames) is set up: the
 * socket and session settings {@link FramedTls} applies when it builds it. The endpoints of the
 * product are named here, side by side; tests and tools start from {@link #DEFAULT} (MINA's own
 * defaults) and change what they need. Per-connection limits (queued output, handshake deadlines,
 * connection caps) belong here as further settings, applied by {@link FramedTls} alone.
 *
 * @param ioThreads         MINA I/O processors; 0: MINA's default (cores + 1)
 * @param tcpNoDelay        Nagle's algorithm off
 * @param reuseAddress      SO_REUSEADDR on the socket this endpoint binds (an acceptor's listening
 *                          socket; a connector's own sockets)
 * @param backlog           an acceptor's queue of connections not yet accepted
 * @param connectTimeout    a connector's TCP connect
 * @param readerIdleSeconds a session that receives nothing this long gets {@code sessionIdle(READER_IDLE)}; 0: never
 * @param writerIdleSeconds a session that sends nothing this long gets {@code sessionIdle(WRITER_IDLE)}; 0: never
 * @param needClientAuth    an acceptor asks for a client certificate and refuses a client without one
 * @param tlsResumption     a connector offers to resume a TLS session its context cached for the
 *                          same host and port; false: every connection makes a full handshake
 */
public record Endpoint(int ioThreads, boolean tcpNoDelay, boolean reuseAddress, int backlog, Duration connectTimeout,
                       int readerIdleSeconds, int writerIdleSeconds, boolean needClientAuth, boolean tlsResumption) {

    /** MINA's defaults: for tests and tools that want nothing else. */
    public static final Endpoint DEFAULT = new Endpoint(0, false, false, 50, Duration.ofSeconds(60), 0, 0, false, true);

    /**
     * The control center's acceptor (scc-lite): no client certificates, a deep backlog for a crowd
     * signing in at once, no Nagle delay (presence pushes are small), a connection that sends
     * nothing for {@link Protocol#IDLE_TIMEOUT_SECONDS} is closed (clients ping every 5 s).
     */
    public static final Endpoint CONTROL_CENTER = DEFAULT.withReuseAddress(true).withBacklog(1024).withTcpNoDelay(true)
            .withIdleSeconds(Protocol.IDLE_TIMEOUT_SECONDS, 0);

    /** A terminal's connector to the control center: a ping after 5 s without writing, closed after 15 s without reading. */
    public static final Endpoint CONTROL_CENTER_CLIENT = DEFAULT.withConnectTimeout(Duration.ofSeconds(5)).withTcpNoDelay(true)
            .withIdleSeconds(Protocol.IDLE_TIMEOUT_SECONDS, Protocol.PING_INTERVAL_SECONDS);

    /**
     * A terminal's acceptor of peer links: mutual TLS (the client certificate is the peer's identity),
     * no Nagle delay (actions are small and latency-bound). Heartbeats are the link manager's.
     */
    public static final Endpoint PEER_ACCEPTOR = DEFAULT.withReuseAddress(true).withTcpNoDelay(true).withNeedClientAuth(true);

    /**
     * A terminal's connector for peer links: no Nagle delay. The transport sets the connect timeout
     * (per address of a route) from the link manager's timing.
     */
    public static final Endpoint PEER_DIALER = DEFAULT.withTcpNoDelay(true);

    public Endpoint {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (ioThreads < 0 || backlog < 1 || readerIdleSeconds < 0 || writerIdleSeconds < 0
                || connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("bad endpoint settings: " + ioThreads + " threads, backlog " + backlog
                    + ", idle " + readerIdleSeconds + "/" + writerIdleSeconds + " s, connect " + connectTimeout);
        }
    }

    public Endpoint withIoThreads(int n) {
        return edit(e -> e.ioThreads = n);
    }

    public Endpoint withTcpNoDelay(boolean on) {
        return edit(e -> e.tcpNoDelay = on);
    }

    public Endpoint withReuseAddress(boolean on) {
        return edit(e -> e.reuseAddress = on);
    }

    public Endpoint withBacklog(int n) {
        return edit(e -> e.backlog = n);
    }

    public Endpoint withConnectTimeout(Duration d) {
        return edit(e -> e.connectTimeout = d);
    }

    /** reader: close-worthy silence; writer: time to send a heartbeat (0: off). */
    public Endpoint withIdleSeconds(int reader, int writer) {
        return edit(e -> {
            e.readerIdleSeconds = reader;
            e.writerIdleSeconds = writer;
        });
    }

    public Endpoint withNeedClientAuth(boolean on) {
        return edit(e -> e.needClientAuth = on);
    }

    public Endpoint withTlsResumption(boolean on) {
        return edit(e -> e.tlsResumption = on);
    }

    private Endpoint edit(Consumer<Draft> change) {
        Draft d = new Draft(this);
        change.accept(d);
        return new Endpoint(d.ioThreads, d.tcpNoDelay, d.reuseAddress, d.backlog, d.connectTimeout, d.readerIdleSeconds,
                d.writerIdleSeconds, d.needClientAuth, d.tlsResumption);
    }

    /** A copy to change one setting in. */
    private static final class Draft {
        int ioThreads;
        boolean tcpNoDelay;
        boolean reuseAddress;
        int backlog;
        Duration connectTimeout;
        int readerIdleSeconds;
        int writerIdleSeconds;
        boolean needClientAuth;
        boolean tlsResumption;

        Draft(Endpoint e) {
            ioThreads = e.ioThreads;
            tcpNoDelay = e.tcpNoDelay;
            reuseAddress = e.reuseAddress;
            backlog = e.backlog;
            connectTimeout = e.connectTimeout;
            readerIdleSeconds = e.readerIdleSeconds;
            writerIdleSeconds = e.writerIdleSeconds;
            needClientAuth = e.needClientAuth;
            tlsResumption = e.tlsResumption;
        }
    }
}
