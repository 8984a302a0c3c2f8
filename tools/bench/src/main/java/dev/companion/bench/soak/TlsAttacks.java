package dev.companion.bench.soak;

import dev.companion.p2p.frame.Frame;
import dev.companion.p2p.net.Endpoint;
import dev.companion.p2p.net.FramedTls;
import dev.companion.p2p.protocol.Codec;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Protocol;
import dev.companion.p2p.protocol.ProtocolException;
import dev.companion.p2p.tls.Identity;
import dev.companion.p2p.tls.Tls;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.FilterEvent;
import org.apache.mina.filter.ssl.SslEvent;
import org.apache.mina.transport.socket.nio.NioSocketConnector;

/**
 * The attacks over TLS, each a set of connections that is reopened a second after the control
 * center closes one: clients that ping without end and never read, bursts of tiny bad frames read
 * only later, connections that never log in but ping, and logged-in accounts flooding requests.
 * Every answer is counted by its code ({@link Tally}).
 */
final class TlsAttacks implements AutoCloseable {
    private static final AttributeKey ROLE = new AttributeKey(TlsAttacks.class, "role");
    private static final int FLOOD_BUFFER = 64 * 1024;

    private final InetSocketAddress server;
    private final Tally tally;
    private final NioSocketConnector connector;
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(1, r -> {
        Thread t = new Thread(r, "attack-timer");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong req = new AtomicLong(1);
    private final byte[] ping = Codec.encode(new Messages.Ping(1));
    private final IoBuffer pings = frames(ping);
    private final IoBuffer badFrames = frames("x".getBytes(StandardCharsets.UTF_8));
    private volatile boolean stopped;

    TlsAttacks(InetSocketAddress server, String fingerprint, Tally tally) {
        this.server = server;
        this.tally = tally;
        SSLContext tls = Tls.context(Identity.create("attacker"), fingerprint::equals);
        connector = FramedTls.connector(Endpoint.DEFAULT.withIoThreads(2).withConnectTimeout(Duration.ofSeconds(10)), tls,
                new Handler());
    }

    /** As many frames of payload as fit in 64 KiB, ready to be written as they are. */
    private static IoBuffer frames(byte[] payload) {
        int n = FLOOD_BUFFER / (4 + payload.length);
        IoBuffer buf = IoBuffer.allocate(n * (4 + payload.length));
        for (int i = 0; i < n; i++) {
            buf.putInt(payload.length).put(payload);
        }
        return buf.flip();
    }

    /** One attacking connection's behaviour; reopened after the server closes it. */
    private abstract class Role {
        final String name;
        final String source;

        Role(String name, String source) {
            this.name = name;
            this.source = source;
        }

        final void open() {
            if (stopped) {
                return;
            }
            tally.add(name + ".opened");
            connector.connect(server, new InetSocketAddress(source, 0), (s, f) -> s.setAttribute(ROLE, this))
                    .addListener(f -> {
                        if (!((org.apache.mina.core.future.ConnectFuture) f).isConnected()) {
                            tally.add(name + ".connectFailed");
                            reopen();
                        }
                    });
        }

        final void reopen() {
            if (!stopped) {
                timer.schedule(this::open, 1, TimeUnit.SECONDS);
            }
        }

        abstract void secured(IoSession s);

        void received(IoSession s, Message m) {
            tally.add(name + ".answer." + (m instanceof Messages.Error e ? e.code().name() : m.getClass().getSimpleName()));
        }

        void sent(IoSession s) {
        }

        void closed(IoSession s) {
            if (!stopped) {
                tally.add(name + ".closedByServer");
            }
            reopen();
        }
    }

    /** Completes TLS, never logs in, never reads, writes pings as fast as the server takes them. */
    private final class PingFlooder extends Role {
        PingFlooder(String source) {
            super("pingFlood", source);
        }

        @Override
        void secured(IoSession s) {
            s.suspendRead();
            for (int i = 0; i < 4; i++) {
                sent(s);
            }
        }

        @Override
        void sent(IoSession s) {
            if (!stopped && !s.isClosing()) {
                s.write(pings.duplicate());
                tally.add(name + ".framesSent", pings.remaining() / (4 + ping.length));
            }
        }
    }

    /** 200,000 tiny frames that are not JSON, at once, without reading; reads what came back 5 s later. */
    private final class BadBurst extends Role {
        BadBurst(String source) {
            super("badBurst", source);
        }

        @Override
        void secured(IoSession s) {
            s.suspendRead();
            int per = badFrames.remaining() / 5;
            for (int sent = 0; sent < 200_000; sent += per) {
                s.write(badFrames.duplicate());
            }
            tally.add(name + ".bursts");
            timer.schedule(s::resumeRead, 5, TimeUnit.SECONDS);
        }
    }

    /** Completes TLS, pings every 5 s like a client, never logs in. */
    private final class Idler extends Role {
        Idler(String source) {
            super("idlers", source);
        }

        @Override
        void secured(IoSession s) {
            ScheduledFuture<?>[] ping = new ScheduledFuture<?>[1];
            ping[0] = timer.scheduleAtFixedRate(() -> {
                if (s.isClosing() || !s.isConnected()) {
                    ping[0].cancel(false);
                } else {
                    s.write(new Messages.Ping(System.currentTimeMillis()));
                }
            }, 0, 5, TimeUnit.SECONDS);
        }
    }

    /** Logs in with a real account, then sends perSecond requests per second, reading the answers. */
    private final class Requester extends Role {
        final String user;
        final String password;
        final int perSecond;

        Requester(String source, String user, String password, int perSecond) {
            super("requestFlood", source);
            this.user = user;
            this.password = password;
            this.perSecond = perSecond;
        }

        @Override
        void secured(IoSession s) {
            s.write(new Messages.Login(req.getAndIncrement(), Protocol.VERSION, user, password, "attack-" + user,
                    List.of("127.0.0.1:9"), "sha-256:" + "ab".repeat(32)));
        }

        @Override
        void received(IoSession s, Message m) {
            super.received(s, m);
            if (m instanceof Messages.LoginOk) {
                int every = 10;
                int each = Math.max(1, perSecond * every / 1000);
                ScheduledFuture<?>[] f = new ScheduledFuture<?>[1];
                f[0] = timer.scheduleAtFixedRate(() -> {
                    if (s.isClosing() || !s.isConnected()) {
                        f[0].cancel(false);
                        return;
                    }
                    for (int i = 0; i < each; i++) {
                        s.write(new Messages.ContactAdd(req.getAndIncrement(), "nobody"));
                    }
                    tally.add(name + ".sent", each);
                }, every, every, TimeUnit.MILLISECONDS);
            }
        }
    }

    void pingFlooders(int n, String source) {
        for (int i = 0; i < n; i++) {
            new PingFlooder(source).open();
        }
    }

    void badBursts(int n, String source) {
        for (int i = 0; i < n; i++) {
            new BadBurst(source).open();
        }
    }

    void idlers(int n, List<String> sources) {
        for (int i = 0; i < n; i++) {
            new Idler(sources.get(i % sources.size())).open();
        }
    }

    void requesters(List<String> users, String password, int perSecond, String source) {
        for (String u : users) {
            new Requester(source, u, password, perSecond).open();
        }
    }

    int sessions() {
        return connector.getManagedSessionCount();
    }

    @Override
    public void close() {
        stopped = true;
        timer.shutdownNow();
        connector.dispose(false);
    }

    private final class Handler extends IoHandlerAdapter {
        private Role role(IoSession s) {
            return (Role) s.getAttribute(ROLE);
        }

        @Override
        public void event(IoSession s, FilterEvent event) {
            if (event == SslEvent.SECURED) {
                role(s).secured(s);
            }
        }

        @Override
        public void messageReceived(IoSession s, Object message) {
            Message m;
            try {
                m = ((Frame) message).decode();
            } catch (ProtocolException e) {
                tally.add(role(s).name + ".undecodable");
                return;
            }
            role(s).received(s, m);
        }

        @Override
        public void messageSent(IoSession s, Object message) {
            if (message instanceof IoBuffer) {
                role(s).sent(s);
            }
        }

        @Override
        public void exceptionCaught(IoSession s, Throwable cause) {
            s.closeNow();
        }

        @Override
        public void sessionClosed(IoSession s) {
            role(s).closed(s);
        }
    }
}
