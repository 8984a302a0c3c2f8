package dev.companion.scc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.companion.p2p.protocol.Codec;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.Messages;
import dev.companion.scc.auth.LoginLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Password guessing against the running control center: counted per account and per source address
 * whatever the connection, refused before any hashing while it must wait, answered the same for
 * accounts that exist and names that do not, and never starving another user's login.
 */
class LoginThrottleTest {
    @TempDir
    Path dir;
    Fixture f;
    ExecutorService pool;

    void start(LoginLimits limits) throws Exception {
        f = Fixture.startWith(dir, limits, List.of("alice", "bob"), "alice:bob");
    }

    @AfterEach
    void stop() {
        if (pool != null) {
            pool.shutdownNow();
        }
        if (f != null) {
            f.close();
        }
    }

    /** One login attempt on a fresh connection from host; its answer. */
    Message attempt(String host, String user, String password) {
        TestClient c = f.connectFrom(host);
        Message m = c.request(r -> TestClient.login(r, user, password, "t-" + user));
        c.close();
        return m;
    }

    static Messages.Error error(Message m, ErrorCode code) {
        assertThat(m).isInstanceOf(Messages.Error.class);
        Messages.Error e = (Messages.Error) m;
        assertThat(e.code()).as(e.message()).isEqualTo(code);
        return e;
    }

    /** The answer's bytes without its req, to compare answers to different requests. */
    static String withoutReq(Message m) {
        try {
            ObjectNode tree = (ObjectNode) Codec.mapper().readTree(Codec.encode(m));
            tree.remove("req");
            return tree.toString();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void reconnectingGainsNothingAndTheWaitGrowsAndNothingIsHashedWhileItLasts() throws Exception {
        start(LoginLimits.DEFAULT);
        for (int i = 0; i < 5; i++) {
            error(attempt("127.0.0.1", "alice", "guess" + i), ErrorCode.BAD_CREDENTIALS);
        }
        long hashed = f.cc.hashing().checks();
        Messages.Error wait = error(attempt("127.0.0.1", "alice", "guess5"), ErrorCode.TOO_MANY_ATTEMPTS);
        assertThat(wait.retryAfter()).isEqualTo(1000L);
        assertThat(wait.message()).contains("try again in 1 s");
        // even the right password waits: the answer says nothing about it
        assertThat(error(attempt("127.0.0.1", "alice", "alice-pw"), ErrorCode.TOO_MANY_ATTEMPTS).retryAfter()).isEqualTo(1000L);
        assertThat(f.cc.hashing().checks()).as("refused before hashing").isEqualTo(hashed);

        f.clock.advance(Duration.ofMillis(400));
        assertThat(error(attempt("127.0.0.1", "alice", "guess6"), ErrorCode.TOO_MANY_ATTEMPTS).retryAfter()).isEqualTo(600L);
        f.clock.advance(Duration.ofMillis(600));
        error(attempt("127.0.0.1", "alice", "guess7"), ErrorCode.BAD_CREDENTIALS);
        assertThat(error(attempt("127.0.0.1", "alice", "guess8"), ErrorCode.TOO_MANY_ATTEMPTS).retryAfter()).isEqualTo(2000L);
        f.clock.advance(Duration.ofSeconds(2));
        error(attempt("127.0.0.1", "alice", "guess9"), ErrorCode.BAD_CREDENTIALS);
        assertThat(error(attempt("127.0.0.1", "alice", "guess10"), ErrorCode.TOO_MANY_ATTEMPTS).retryAfter()).isEqualTo(4000L);

        // after the wait the right password gets in, and her slate is clean again
        f.clock.advance(Duration.ofSeconds(4));
        assertThat(attempt("127.0.0.1", "alice", "alice-pw")).isInstanceOf(Messages.LoginOk.class);
        error(attempt("127.0.0.1", "alice", "guess11"), ErrorCode.BAD_CREDENTIALS);
    }

    @Test
    void anUnknownNameGetsTheSameAnswersByteForByteAsAnAccount() throws Exception {
        start(LoginLimits.DEFAULT);
        List<String> forAlice = new ArrayList<>();
        List<String> forNobody = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            forAlice.add(withoutReq(attempt("127.0.0.1", "alice", "wrong")));
            forNobody.add(withoutReq(attempt("127.0.0.1", "nobody", "wrong")));
        }
        assertThat(forNobody).isEqualTo(forAlice);
        assertThat(forAlice.get(0)).contains("BAD_CREDENTIALS");
        assertThat(forAlice.get(6)).contains("TOO_MANY_ATTEMPTS");
    }

    @Test
    void oneAddressIsSlowedAcrossAccountsButOthersAreNot() throws Exception {
        start(LoginLimits.DEFAULT);
        for (int i = 0; i < 20; i++) {
            error(attempt("127.0.0.3", "name" + i, "wrong"), ErrorCode.BAD_CREDENTIALS);
        }
        error(attempt("127.0.0.3", "alice", "alice-pw"), ErrorCode.TOO_MANY_ATTEMPTS);
        assertThat(attempt("127.0.0.1", "alice", "alice-pw")).isInstanceOf(Messages.LoginOk.class);
        // a success does not wipe the address's failures (a guesser's own account must not)
        error(attempt("127.0.0.3", "bob", "bob-pw"), ErrorCode.TOO_MANY_ATTEMPTS);
    }

    @Test
    void aTerminalsTokenStillLogsInWhileItsAccountIsThrottled() throws Exception {
        start(LoginLimits.DEFAULT);
        TestClient first = f.connect();
        String token = first.request(r -> TestClient.login(r, "alice", "alice-pw", "t-alice"), Messages.LoginOk.class).token();
        first.close();
        for (int i = 0; i < 6; i++) {
            attempt("127.0.0.2", "alice", "guess" + i);
        }
        error(attempt("127.0.0.1", "alice", "alice-pw"), ErrorCode.TOO_MANY_ATTEMPTS);
        assertThat(attempt("127.0.0.1", "alice", token)).isInstanceOf(Messages.LoginOk.class);
    }

    @Test
    void aSecondCheckOfOneAccountWhileOneIsUnderWayIsRefusedAtOnce() throws Exception {
        start(LoginLimits.DEFAULT.withHashing(1, 8));
        CountDownLatch release = holdTheHashingThread();
        TestClient first = f.connectFrom("127.0.0.2");
        long req = TestClient.nextReq();
        first.send(TestClient.login(req, "alice", "wrong", "t"));
        first.sync(); // queued behind the held thread
        // answered while the only hashing thread is held: nothing was hashed for it
        error(attempt("127.0.0.3", "alice", "alice-pw"), ErrorCode.TOO_MANY_ATTEMPTS);
        release.countDown();
        error(first.answer(req), ErrorCode.BAD_CREDENTIALS);
    }

    @Test
    void aFullQueueIsRefusedBusyAtOnceInsteadOfWaiting() throws Exception {
        start(LoginLimits.DEFAULT.withHashing(1, 1));
        CountDownLatch release = holdTheHashingThread();
        TestClient queued = f.connectFrom("127.0.0.2");
        long req = TestClient.nextReq();
        queued.send(TestClient.login(req, "alice", "alice-pw", "t-alice"));
        queued.sync();
        Messages.Error busy = error(attempt("127.0.0.3", "bob", "bob-pw"), ErrorCode.BUSY);
        assertThat(busy.retryAfter()).isEqualTo(1000L);
        release.countDown();
        assertThat(queued.answer(req)).isInstanceOf(Messages.LoginOk.class);
        // BUSY counted nothing against bob
        assertThat(attempt("127.0.0.3", "bob", "bob-pw")).isInstanceOf(Messages.LoginOk.class);
    }

    /**
     * Several connections guess alice's password as fast as they are answered while bob signs in from
     * elsewhere: bob's login is not refused and completes within the client's request timeout (the
     * app's is the same 10 s), and the flood got at most alice's free failures hashed.
     */
    @Test
    void aGuessingFloodOnOneAccountDoesNotStarveAnotherUsersLogin() throws Exception {
        start(LoginLimits.DEFAULT);
        int guessers = 6;
        pool = Executors.newFixedThreadPool(guessers);
        CountDownLatch started = new CountDownLatch(guessers);
        List<CompletableFuture<List<ErrorCode>>> flood = new ArrayList<>();
        for (int g = 0; g < guessers; g++) {
            TestClient c = f.connectFrom("127.0.0.2");
            flood.add(CompletableFuture.supplyAsync(() -> {
                List<ErrorCode> codes = new ArrayList<>();
                started.countDown();
                for (int i = 0; i < 8; i++) {
                    Messages.Error e = (Messages.Error) c.request(r -> TestClient.login(r, "alice", "guess", "t"));
                    codes.add(e.code());
                    if (e.message().contains("closing")) {
                        break;
                    }
                }
                return codes;
            }, pool));
        }
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        Message bob = f.connect().request(r -> TestClient.login(r, "bob", "bob-pw", "t-bob"));
        assertThat(bob).isInstanceOf(Messages.LoginOk.class);

        List<ErrorCode> all = new ArrayList<>();
        for (CompletableFuture<List<ErrorCode>> guesser : flood) {
            all.addAll(guesser.get(30, TimeUnit.SECONDS));
        }
        assertThat(all).isNotEmpty().isSubsetOf(ErrorCode.BAD_CREDENTIALS, ErrorCode.TOO_MANY_ATTEMPTS);
        assertThat(all.stream().filter(c -> c == ErrorCode.BAD_CREDENTIALS).count()).isLessThanOrEqualTo(5);
        assertThat(f.cc.hashing().checks()).as("alice's free failures and bob's login").isLessThanOrEqualTo(6);
    }

    /** Occupies the (one) hashing thread until the returned latch is counted down. */
    private CountDownLatch holdTheHashingThread() throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        assertThat(f.cc.hashing().offerTask(() -> {
            running.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        })).isTrue();
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        return release;
    }
}
