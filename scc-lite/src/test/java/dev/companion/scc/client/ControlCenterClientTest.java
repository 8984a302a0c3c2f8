package dev.companion.scc.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.companion.p2p.protocol.ContactState;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.ProtocolException;
import dev.companion.p2p.tls.Identity;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The control-center client against a scripted control center over real TLS on 127.0.0.1. */
class ControlCenterClientTest {
    static final String FP = Identity.create("terminal").fingerprint();

    ScriptedControlCenter server;
    ControlCenterClient client;
    final BlockingQueue<Message> pushes = new LinkedBlockingQueue<>();
    final BlockingQueue<String> closes = new LinkedBlockingQueue<>();
    final BlockingQueue<Thread> listenerThreads = new LinkedBlockingQueue<>();

    final ControlCenterClient.Listener listener = new ControlCenterClient.Listener() {
        @Override
        public void onPush(Message m) {
            listenerThreads.add(Thread.currentThread());
            pushes.add(m);
        }

        @Override
        public void onClosed(String reason) {
            closes.add(reason);
        }
    };

    @BeforeEach
    void start() throws Exception {
        server = new ScriptedControlCenter();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        server.close();
    }

    private ControlCenterClient client(ControlCenterClient.Timing timing) {
        client = new ControlCenterClient("127.0.0.1", server.port(), server.identity.fingerprint()::equals, listener, timing);
        return client;
    }

    private CompletableFuture<Messages.LoginOk> login(String password) {
        return client.connect("alice", password, "t-alice", List.of("127.0.0.1:4000"), FP);
    }

    static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    static Throwable failure(CompletableFuture<?> f) {
        Throwable t = catchThrowable(() -> f.get(10, TimeUnit.SECONDS));
        assertThat(t).isInstanceOf(ExecutionException.class);
        return t.getCause();
    }

    @Test
    void logsInThenRequestsAreAnsweredAndPushesArrive() throws Exception {
        client(ControlCenterClient.Timing.DEFAULT);
        assertThat(client.isConnected()).isFalse();
        Messages.LoginOk ok = get(login("secret"));
        assertThat(ok.user()).isEqualTo("alice");
        assertThat(ok.contacts()).extracting(Messages.Contact::user).containsExactly("bob");
        assertThat(client.isConnected()).isTrue();
        Messages.Login sent = (Messages.Login) server.received.poll(10, TimeUnit.SECONDS);
        assertThat(sent.protocol()).isEqualTo(1);
        assertThat(sent.route()).containsExactly("127.0.0.1:4000");
        assertThat(sent.fingerprint()).isEqualTo(FP);

        assertThat(pushes.poll(10, TimeUnit.SECONDS)).isEqualTo(new Messages.Presence("bob", true));
        assertThat(listenerThreads.poll()).isNotSameAs(Thread.currentThread());

        Messages.Ok added = get(client.contactAdd("carol"));
        assertThat(server.received.poll(10, TimeUnit.SECONDS)).isEqualTo(new Messages.ContactAdd(added.req(), "carol"));
        // the push sent before the answer was delivered before the answer completed
        assertThat(pushes.poll()).isEqualTo(new Messages.ContactUpdate(new Messages.Contact("carol", false, ContactState.PENDING_OUT)));

        Throwable unknown = failure(client.contactAdd("nobody"));
        assertThat(unknown).isInstanceOfSatisfying(ProtocolException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_USER));

        Messages.InviteSent invite = get(client.invite("bob", null));
        assertThat(invite.group()).isEqualTo("g-new");
        assertThat(get(client.contactAccept("dave"))).isInstanceOf(Messages.Ok.class);
        assertThat(get(client.answer("inv-9", true))).isInstanceOf(Messages.Ok.class);
        assertThat(get(client.leave("g-new"))).isInstanceOf(Messages.Ok.class);
        Messages.LinkOffer offer = new Messages.LinkOffer("t-alice", List.of("127.0.0.1:4000"), FP);
        assertThat(get(client.signal("g-new", "bob", offer))).isInstanceOf(Messages.Ok.class);
        Message raw = get(client.request(req -> new Messages.GroupLeave(req, "g-x")));
        assertThat(raw).isInstanceOf(Messages.Ok.class);
        assertThat(failure(client.request(req -> new Messages.GroupLeave(req + 1, "g-x"))))
                .isInstanceOf(IllegalArgumentException.class);

        server.push(new Messages.Invitation("inv-2", "bob", "g-2", 1L));
        assertThat(pushes.poll(10, TimeUnit.SECONDS)).isEqualTo(new Messages.Invitation("inv-2", "bob", "g-2", 1L));

        client.close();
        client.close();
        assertThat(client.isConnected()).isFalse();
        assertThat(failure(client.contactAdd("x"))).isInstanceOf(IOException.class);
        assertThat(closes).isEmpty();
    }

    @Test
    void aWrongPasswordFailsWithTheServersCode() throws Exception {
        client(ControlCenterClient.Timing.DEFAULT);
        assertThat(failure(login("wrong"))).isInstanceOfSatisfying(ProtocolException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_CREDENTIALS));
        assertThat(client.isConnected()).isFalse();
        // the client may try again on the same instance
        assertThat(get(login("secret")).user()).isEqualTo("alice");
    }

    @Test
    void aThrottledLoginFailsWithTheServersCodeAndItsRetryAfter() throws Exception {
        client(ControlCenterClient.Timing.DEFAULT);
        assertThat(failure(login("guessing"))).isInstanceOfSatisfying(ProtocolException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_ATTEMPTS);
            assertThat(e.retryAfter()).isEqualTo(3000L);
        });
    }

    @Test
    void aServerWithAnotherCertificateFailsClearly() throws Exception {
        String other = Identity.create("someone-else").fingerprint();
        client = new ControlCenterClient("127.0.0.1", server.port(), other::equals, listener);
        Throwable t = failure(login("secret"));
        assertThat(t).isInstanceOf(SSLHandshakeException.class).hasMessageContaining("not the one expected");
        assertThat(server.received).isEmpty();
    }

    @Test
    void nothingListeningFailsWithAnIOException() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        client = new ControlCenterClient("127.0.0.1", port, fp -> true, listener);
        assertThat(failure(login("secret"))).isInstanceOf(IOException.class).hasMessageContaining("cannot connect");
    }

    @Test
    void anUnansweredRequestTimesOut() throws Exception {
        // the timeout also bounds the login (TLS handshake included): a cold JVM on a busy machine
        // took over 300 ms for it
        client(new ControlCenterClient.Timing(5, 15, Duration.ofSeconds(5)));
        get(login("secret"));
        assertThat(failure(client.contactAdd("silent"))).isInstanceOf(TimeoutException.class);
        assertThat(get(client.contactAdd("carol"))).isInstanceOf(Messages.Ok.class);
    }

    @Test
    void aSilentServerIsPingedThenDroppedAfterTheIdleTimeout() throws Exception {
        // idle 3 s, not 2: MINA checks idleness once a second, reader before writer; with twice the
        // ping interval, a check falling between the last read and the last write makes both due at
        // the same check, and the close then comes before the ping
        client(new ControlCenterClient.Timing(1, 3, Duration.ofSeconds(10)));
        get(login("secret"));
        server.silent = true;
        CompletableFuture<Message> pending = client.contactAdd("carol").thenApply(m -> m);
        String reason = closes.poll(10, TimeUnit.SECONDS);
        assertThat(reason).startsWith("idle timeout");
        assertThat(server.received).anyMatch(m -> m instanceof Messages.Ping);
        assertThat(failure(pending)).isInstanceOf(IOException.class);
        assertThat(client.isConnected()).isFalse();
    }

    @Test
    void theServerClosingIsReported() throws Exception {
        client(ControlCenterClient.Timing.DEFAULT);
        get(login("secret"));
        server.dropConnection();
        assertThat(closes.poll(10, TimeUnit.SECONDS)).isNotNull();
        assertThat(client.isConnected()).isFalse();
        assertThat(get(login("secret")).user()).isEqualTo("alice"); // reconnects
        assertThat(client.isConnected()).isTrue();
    }

    @Test
    void clientsPinnedToTheSameFingerprintResumeTheTlsSession() throws Exception {
        String pin = server.identity.fingerprint();
        for (int i = 1; i <= 3; i++) { // a new client each time, as the app makes one per sign-in
            try (ControlCenterClient c = new ControlCenterClient("127.0.0.1", server.port(), pin, listener)) {
                assertThat(get(c.connect("alice", "secret", "t-alice", List.of("127.0.0.1:4000"), FP)).user())
                        .isEqualTo("alice");
            }
        }
        // the 2nd and 3rd connections resumed the session of the 1st full handshake
        List<Long> created = List.copyOf(server.loginSessionCreated);
        assertThat(created).hasSize(3);
        assertThat(created).containsOnly(created.get(0));

        // another pin has its own context: nothing to resume, a full handshake, and the pin refuses it
        String other = Identity.create("someone-else").fingerprint();
        try (ControlCenterClient c = new ControlCenterClient("127.0.0.1", server.port(), other, listener)) {
            assertThat(failure(c.connect("alice", "secret", "t-alice", List.of(), FP)))
                    .isInstanceOf(SSLHandshakeException.class).hasMessageContaining("not the one expected");
        }

        // a client made with a predicate has a context of its own: a new session
        client(ControlCenterClient.Timing.DEFAULT);
        get(login("secret"));
        assertThat(server.loginSessionCreated).hasSize(4);
        assertThat(server.loginSessionCreated.get(3)).isNotEqualTo(created.get(0));
    }
}
