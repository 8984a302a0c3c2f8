package dev.companion.p2p.net;

import dev.companion.p2p.protocol.Protocol;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How one kind of endpoint (an acceptor or a connector carrying TLS 1.3 and frames) is set up: the
 * socket and session settings and the per-connection limits {@link FramedTls} applies when it builds
 * it. The endpoints of the product are named here, side by side, with their limits (docs/protocol.md,
 * "Limits"); tests and tools start from {@link #DEFAULT} (MINA's own defaults, no limits) and change
 * what they need.
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
 * @param writeTimeoutSeconds a session whose queued output does not move at all for this long (the
 *                          peer takes none of it) is closed (MINA's write timeout)
 * @param output            how much unsent output a session may hold
 * @param connections       connection caps (acceptors) and the admission deadline
 * @param rate              frames per second a session may send
 */
public record Endpoint(int ioThreads, boolean tcpNoDelay, boolean reuseAddress, int backlog, Duration connectTimeout,
                       int readerIdleSeconds, int writerIdleSeconds, boolean needClientAuth, boolean tlsResumption,
                       int writeTimeoutSeconds, OutputLimit output, ConnectionLimit connections, RateLimit rate) {

    /** MINA's defaults and no limits: for tests and tools that want nothing else. */
    public static final Endpoint DEFAULT = new Endpoint(0, false, false, 50, Duration.ofSeconds(60), 0, 0, false, true,
            60, OutputLimit.UNBOUNDED, ConnectionLimit.NONE, RateLimit.NONE);

    private static final int KIB = 1024;
    private static final int MIB = 1024 * KIB;

    /**
     * The control center's acceptor (scc-lite): no client certificates, a deep backlog for a crowd
     * signing in at once, no Nagle delay (presence pushes are small), a connection that sends
     * nothing for {@link Protocol#IDLE_TIMEOUT_SECONDS} is closed (clients ping every 5 s), and so is
     * one that takes none of its output for as long.
     *
     * <p>Limits: past 256 KiB of unsent output it stops reading from the client (64 KiB: reads
     * again), past 1 MiB it closes the connection; 60,000 connections, 2,000 from one address (a
     * school behind one NAT), 1,024 signing in at once, 64 of them from one address; TLS and login
     * within 20 s (the password hashes of a crowd signing in at once queue for seconds); 20 messages
     * per second in bursts of 100, beyond that answered RATE_LIMITED.
     */
    public static final Endpoint CONTROL_CENTER = DEFAULT.withReuseAddress(true).withBacklog(1024).withTcpNoDelay(true)
            .withIdleSeconds(Protocol.IDLE_TIMEOUT_SECONDS, 0).withWriteTimeoutSeconds(Protocol.IDLE_TIMEOUT_SECONDS)
            .withOutput(new OutputLimit(64 * KIB, 256 * KIB, MIB, OutputLimit.WhenHigh.STOP_READING))
            .withConnections(new ConnectionLimit(60_000, 2_000, 1_024, 64, Duration.ofSeconds(20)))
            .withRate(new RateLimit(20, 100, RateLimit.OverRate.ANSWER));

    /**
     * A terminal's connector to the control center: a ping after 5 s without writing, closed after 15
     * s without reading or without its output moving. Its output (requests) is small: past 1 MiB it
     * stops reading, past 4 MiB it closes. The login's own timeout is the client's.
     */
    public static final Endpoint CONTROL_CENTER_CLIENT = DEFAULT.withConnectTimeout(Duration.ofSeconds(5)).withTcpNoDelay(true)
            .withIdleSeconds(Protocol.IDLE_TIMEOUT_SECONDS, Protocol.PING_INTERVAL_SECONDS)
            .withWriteTimeoutSeconds(Protocol.IDLE_TIMEOUT_SECONDS)
            .withOutput(new OutputLimit(256 * KIB, MIB, 4 * MIB, OutputLimit.WhenHigh.STOP_READING));

    /**
     * Both ends of a peer link stream to each other, so a link does not stop reading when its output
     * is high (two members sending bursts at once would wait on each other, and a slow but honest
     * reader's heartbeats would go unread): past 16 MiB unsent to a member, sends to it are refused
     * (the sender is told; down to 4 MiB: accepted again), and a member that takes nothing for 15 s is
     * closed; the follow engine's resume re-sends what it missed. 2,000 frames per second in bursts of
     * 5,000 (a resume's answer), beyond that read more slowly, nothing dropped. TLS and peer_hello /
     * peer_welcome within 10 s.
     */
    private static final Endpoint PEER = DEFAULT.withTcpNoDelay(true).withWriteTimeoutSeconds(Protocol.IDLE_TIMEOUT_SECONDS)
            .withOutput(new OutputLimit(4 * MIB, 16 * MIB, 32 * MIB, OutputLimit.WhenHigh.REFUSE_WRITES))
            .withConnections(ConnectionLimit.NONE.withDeadline(Duration.ofSeconds(10)))
            .withRate(new RateLimit(2_000, 5_000, RateLimit.OverRate.THROTTLE));

    /**
     * A terminal's acceptor of peer links: mutual TLS (the client certificate is the peer's identity),
     * no Nagle delay (actions are small and latency-bound). Heartbeats are the link manager's. At most
     * 256 links, 32 from one address, 32 being set up at once, 8 of them from one address.
     */
    public static final Endpoint PEER_ACCEPTOR = PEER.withReuseAddress(true).withNeedClientAuth(true)
            .withConnections(new ConnectionLimit(256, 32, 32, 8, Duration.ofSeconds(10)));

    /**
     * A terminal's connector for peer links: no Nagle delay. The transport sets the connect timeout
     * (per address of a route) from the link manager's timing.
     */
    public static final Endpoint PEER_DIALER = PEER;

    /**
     * A terminal's pairing port on a LAN without a control center (lan.LanPairing), both ends: mutual
     * TLS with any certificate (the people compare the pair's confirmation code), each side may wait
     * for its person to compare and confirm, so a connection gets {@code Protocol.PAIR_DECISION_SECONDS}
     * to send pair_request and then as long with nothing read (the answer) before it is closed. At most 8
     * connections, 2 from one address, 4 not yet past pair_request, 2 of them from one address; 20
     * frames per second in bursts of 20 (two are needed), beyond that read more slowly; 64 KiB of
     * output (one answer).
     */
    public static final Endpoint LAN_PAIRING = DEFAULT.withTcpNoDelay(true).withNeedClientAuth(true).withTlsResumption(false)
            .withConnectTimeout(Duration.ofSeconds(3))
            .withIdleSeconds(Protocol.PAIR_DECISION_SECONDS, 0).withWriteTimeoutSeconds(Protocol.IDLE_TIMEOUT_SECONDS)
            .withOutput(new OutputLimit(16 * KIB, 32 * KIB, 64 * KIB, OutputLimit.WhenHigh.STOP_READING))
            .withConnections(new ConnectionLimit(8, 2, 4, 2, Duration.ofSeconds(Protocol.PAIR_DECISION_SECONDS)))
            .withRate(new RateLimit(20, 20, RateLimit.OverRate.THROTTLE));

    public Endpoint {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(connections, "connections");
        Objects.requireNonNull(rate, "rate");
        if (ioThreads < 0 || backlog < 1 || readerIdleSeconds < 0 || writerIdleSeconds < 0 || writeTimeoutSeconds < 0
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

    /** 0: MINA never closes a session for output that does not move. */
    public Endpoint withWriteTimeoutSeconds(int seconds) {
        return edit(e -> e.writeTimeoutSeconds = seconds);
    }

    public Endpoint withOutput(OutputLimit limit) {
        return edit(e -> e.output = limit);
    }

    public Endpoint withConnections(ConnectionLimit limit) {
        return edit(e -> e.connections = limit);
    }

    public Endpoint withRate(RateLimit limit) {
        return edit(e -> e.rate = limit);
    }

    private Endpoint edit(Consumer<Draft> change) {
        Draft d = new Draft(this);
        change.accept(d);
        return new Endpoint(d.ioThreads, d.tcpNoDelay, d.reuseAddress, d.backlog, d.connectTimeout, d.readerIdleSeconds,
                d.writerIdleSeconds, d.needClientAuth, d.tlsResumption, d.writeTimeoutSeconds, d.output, d.connections, d.rate);
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
        int writeTimeoutSeconds;
        OutputLimit output;
        ConnectionLimit connections;
        RateLimit rate;

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
            writeTimeoutSeconds = e.writeTimeoutSeconds;
            output = e.output;
            connections = e.connections;
            rate = e.rate;
        }
    }
}
