package dev.companion.scc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.companion.p2p.frame.Frame;
import dev.companion.p2p.net.Endpoint;
import dev.companion.p2p.net.FramedTls;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Protocol;
import dev.companion.p2p.tls.Identity;
import dev.companion.p2p.tls.Tls;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.apache.mina.core.future.ConnectFuture;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.transport.socket.nio.NioSocketConnector;

/**
 * A real control-center client for tests: TLS pinned to the server's fingerprint, the shared frame
 * codec, answers (messages with a req) and pushes kept apart, every wait bounded.
 */
final class TestClient implements AutoCloseable {
    static final long TIMEOUT_MS = 10_000;
    private static final AtomicLong REQ = new AtomicLong(1);

    private final NioSocketConnector connector;
    private final BlockingQueue<Message> answers = new LinkedBlockingQueue<>();
    private final BlockingQueue<Message> pushes = new LinkedBlockingQueue<>();
    private final BlockingQueue<Messages.Pong> pongs = new LinkedBlockingQueue<>();
    private final BlockingQueue<Message> syncs = new LinkedBlockingQueue<>();
    private final Set<Long> syncReqs = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private static final Object CLOSED = new Object();
    private final BlockingQueue<Object> everything = new LinkedBlockingQueue<>();
    private final IoSession session;
    String user;

    private TestClient(int port, String fingerprint) {
        this(port, fingerprint, null);
    }

    /** localHost: the address to connect from (any of 127.0.0.0/8 on Linux), null for any. */
    private TestClient(int port, String fingerprint, String localHost) {
        Endpoint endpoint = Endpoint.DEFAULT.withIoThreads(1).withConnectTimeout(Duration.ofMillis(TIMEOUT_MS));
        connector = FramedTls.connector(endpoint, Tls.context(Identity.create("test-client"), fp -> fp.equals(fingerprint)),
                new Handler());
        InetSocketAddress remote = new InetSocketAddress("127.0.0.1", port);
        ConnectFuture f = localHost == null ? connector.connect(remote)
                : connector.connect(remote, new InetSocketAddress(localHost, 0));
        if (!f.awaitUninterruptibly(TIMEOUT_MS) || !f.isConnected()) {
            connector.dispose();
            throw new IllegalStateException("cannot connect to port " + port);
        }
        session = f.getSession();
    }

    static TestClient at(int port, String fingerprint) {
        return new TestClient(port, fingerprint);
    }

    static TestClient connect(ControlCenter cc) {
        return new TestClient(cc.port(), cc.fingerprint());
    }

    /** This connection's port on this side (the server sees it as the remote port). */
    int localPort() {
        return ((InetSocketAddress) session.getLocalAddress()).getPort();
    }

    /** Stops (false) or resumes (true) reading what the server sends: a client that does not read. */
    void reading(boolean on) {
        if (on) {
            session.resumeRead();
        } else {
            session.suspendRead();
        }
    }

    /** Drops every message received so far, in every queue: what follows starts with what arrives after this. */
    void forgetSeen() {
        everything.removeIf(o -> o != CLOSED);
        answers.clear();
        pushes.clear();
        pongs.clear();
    }

    /**
     * The next message of any kind in arrival order (answers, pushes and pongs alike; they also stay in
     * their own queues), or null once the connection closed and everything before was taken.
     */
    Message nextOrNull() {
        Object o = poll(everything, "a message or the close");
        if (o == CLOSED) {
            everything.add(CLOSED);
            return null;
        }
        return (Message) o;
    }

    /** Connects from localHost, e.g. 127.0.0.2: another source address as the control center sees it. */
    static TestClient connectFrom(ControlCenter cc, String localHost) {
        return new TestClient(cc.port(), cc.fingerprint(), localHost);
    }

    /** Connects and logs in as user (terminal "t-user"), asserting success. */
    static TestClient loggedIn(ControlCenter cc, String user, String password) {
        TestClient c = connect(cc);
        Messages.LoginOk ok = c.request(r -> login(r, user, password, "t-" + user), Messages.LoginOk.class);
        assertThat(ok.user()).isEqualTo(user);
        c.user = user;
        return c;
    }

    static Messages.Login login(long req, String user, String password, String terminal) {
        return new Messages.Login(req, Protocol.VERSION, user, password, terminal,
                List.of("127.0.0.1:40000"), "sha-256:" + "ab".repeat(32));
    }

    static long nextReq() {
        return REQ.getAndIncrement();
    }

    void send(Object messageOrBytes) {
        session.write(messageOrBytes);
    }

    /** Sends the request built for a fresh req and returns its answer (any type). */
    Message request(LongFunction<? extends Message> build) {
        long req = nextReq();
        send(build.apply(req));
        return answer(req);
    }

    /** As {@link #request(LongFunction)}, asserting the answer's type. */
    <T extends Message> T request(LongFunction<? extends Message> build, Class<T> type) {
        Message m = request(build);
        assertThat(m).as("answer %s", m).isInstanceOf(type);
        return type.cast(m);
    }

    /** Sends the request and asserts it is refused with code. */
    Messages.Error refused(LongFunction<? extends Message> build, ErrorCode code) {
        Messages.Error e = request(build, Messages.Error.class);
        assertThat(e.code()).as(e.message()).isEqualTo(code);
        return e;
    }

    Message answer(long req) {
        Message m = poll(answers, "answer to req " + req);
        assertThat(m.req()).as("req of " + m).isEqualTo(req);
        return m;
    }

    /** The next pushed message, which must be of type. */
    <T extends Message> T push(Class<T> type) {
        Message m = poll(pushes, type.getSimpleName() + " push");
        assertThat(m).as("push").isInstanceOf(type);
        return type.cast(m);
    }

    /** The next pushed message of type, skipping (dropping) pushes of the skip types; anything else fails. */
    @SafeVarargs
    final <T extends Message> T pushSkipping(Class<T> type, Class<? extends Message>... skip) {
        while (true) {
            Message m = poll(pushes, type.getSimpleName() + " push");
            if (type.isInstance(m)) {
                return type.cast(m);
            }
            assertThat(java.util.Arrays.stream(skip).anyMatch(k -> k.isInstance(m))).as("unexpected push " + m).isTrue();
        }
    }

    /**
     * Waits until everything the server sent before now has arrived: a round trip through the logic
     * thread (a message that is not a request, answered UNKNOWN_TYPE there). A ping would not do: it is
     * answered at once on the I/O thread, ahead of work queued on the logic thread.
     */
    void sync() {
        long r = nextReq();
        syncReqs.add(r);
        send(new Messages.LoginOk(r, "sync", "sync", "sync", List.of()));
        Message m = poll(syncs, "sync answer");
        assertThat(m).isInstanceOfSatisfying(Messages.Error.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_TYPE));
    }

    /** Sends ping t and returns the pong, which must carry t. */
    Messages.Pong ping(long t) {
        send(new Messages.Ping(t));
        Messages.Pong p = poll(pongs, "pong");
        assertThat(p.t()).isEqualTo(t);
        return p;
    }

    /** The pushes received and not yet taken. */
    List<Message> pendingPushes() {
        return List.copyOf(pushes);
    }

    /** The answers received and not yet taken. */
    List<Message> pendingAnswers() {
        return List.copyOf(answers);
    }

    /** Asserts that the server pushed nothing (so far, after a round trip). */
    void assertNoPush() {
        sync();
        assertThat(pushes).as("pushes to " + user).isEmpty();
    }

    void awaitClosed() {
        try {
            closed.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            fail("connection not closed", e);
        }
    }

    boolean isClosed() {
        return closed.isDone();
    }

    private static <T> T poll(BlockingQueue<T> q, String what) {
        try {
            T m = q.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            if (m == null) {
                fail("timed out waiting for " + what);
            }
            return m;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        session.closeNow().awaitUninterruptibly(TIMEOUT_MS);
        connector.dispose(true);
    }

    /** Answers, pushes, pongs and sync answers each to their queue. */
    private final class Handler extends IoHandlerAdapter {
        @Override
        public void messageReceived(IoSession s, Object message) {
            Message m = ((Frame) message).decode();
            everything.add(m);
            if (m instanceof Messages.Pong p) {
                pongs.add(p);
            } else if (m.req() != null && syncReqs.remove(m.req())) {
                syncs.add(m);
            } else if (m.req() != null) {
                answers.add(m);
            } else {
                pushes.add(m);
            }
        }

        @Override
        public void sessionClosed(IoSession s) {
            everything.add(CLOSED);
            closed.complete(null);
        }

        @Override
        public void exceptionCaught(IoSession s, Throwable cause) {
            s.closeNow();
        }
    }
}
