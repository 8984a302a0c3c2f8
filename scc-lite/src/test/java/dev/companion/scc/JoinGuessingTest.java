package dev.companion.scc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Messages;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Guessing join codes is slowed per account and per address, then refused TOO_MANY_ATTEMPTS with retryAfter. */
class JoinGuessingTest {
    private static final List<String> USERS = List.of("alice", "dave", "g1", "g2", "g3", "g4", "g5");

    @TempDir
    Path dir;
    Fixture f;
    TestClient alice;
    String code;

    @BeforeEach
    void start() throws Exception {
        f = Fixture.start(dir, USERS);
        alice = f.login("alice");
        code = alice.request(r -> new Messages.JoinCode(r, null), Messages.JoinCodeIssued.class).code();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private static Messages.Error wrong(TestClient c) {
        return c.refused(r -> new Messages.JoinLookup(r, "ZZZZZ-ZZZZZ"), ErrorCode.UNKNOWN_CODE);
    }

    private TestClient loginFrom(String host, String user) {
        TestClient c = f.connectFrom(host);
        c.request(r -> TestClient.login(r, user, Fixture.pw(user), "t-" + user), Messages.LoginOk.class);
        return c;
    }

    @Test
    void aGuesserIsSlowedThenRefusedAndNeitherTheRightCodeNorANewConnectionHelps() {
        TestClient dave = f.login("dave");
        for (int i = 0; i < 5; i++) {
            wrong(dave);
        }
        Messages.Error refused = dave.refused(r -> new Messages.JoinLookup(r, code), ErrorCode.TOO_MANY_ATTEMPTS);
        assertThat(refused.retryAfter()).isEqualTo(1000L);
        assertThat(dave.refused(r -> new Messages.JoinAsk(r, code), ErrorCode.TOO_MANY_ATTEMPTS).retryAfter()).isEqualTo(1000L);
        TestClient again = f.login("dave"); // a new connection (from another port) is the same account
        again.refused(r -> new Messages.JoinLookup(r, code), ErrorCode.TOO_MANY_ATTEMPTS);
        alice.assertNoPush();

        f.clock.advance(Duration.ofSeconds(1));
        again.request(r -> new Messages.JoinLookup(r, code), Messages.JoinInfo.class); // after the wait: looked at
        wrong(again);
        assertThat(again.refused(r -> new Messages.JoinLookup(r, code), ErrorCode.TOO_MANY_ATTEMPTS).retryAfter())
                .isEqualTo(2000L); // doubled
        f.clock.advance(Duration.ofHours(2)); // the failures are forgotten an hour after the last (and the code expired)
        String fresh = alice.request(r -> new Messages.JoinCode(r, null), Messages.JoinCodeIssued.class).code();
        again.request(r -> new Messages.JoinLookup(r, fresh), Messages.JoinInfo.class);
    }

    @Test
    void oneAddressGuessingWithManyAccountsIsRefusedAndAnotherAddressIsNot() {
        List<TestClient> guessers = new ArrayList<>();
        for (String u : List.of("g1", "g2", "g3", "g4")) {
            TestClient c = loginFrom("127.0.0.2", u);
            guessers.add(c);
            for (int i = 0; i < 5; i++) {
                wrong(c);
            }
        }
        TestClient fresh = loginFrom("127.0.0.2", "g5"); // an account with no failures, on the same address
        assertThat(fresh.refused(r -> new Messages.JoinLookup(r, code), ErrorCode.TOO_MANY_ATTEMPTS).retryAfter())
                .isEqualTo(1000L);
        TestClient elsewhere = loginFrom("127.0.0.3", "dave");
        elsewhere.request(r -> new Messages.JoinLookup(r, code), Messages.JoinInfo.class);
    }

    @Test
    void asksWaitingForTheLeaderAreCapped() {
        TestClient dave = f.login("dave");
        for (int i = 0; i < 3; i++) {
            dave.request(r -> new Messages.JoinAsk(r, code), Messages.Ok.class);
            alice.push(Messages.JoinAsked.class);
        }
        dave.refused(r -> new Messages.JoinAsk(r, code), ErrorCode.TOO_MANY_PENDING);
        for (String u : List.of("g1", "g2")) {
            f.login(u).request(r -> new Messages.JoinAsk(r, code), Messages.Ok.class);
            alice.push(Messages.JoinAsked.class);
        }
        f.login("g3").refused(r -> new Messages.JoinAsk(r, code), ErrorCode.TOO_MANY_PENDING); // 5 on one code
        alice.assertNoPush();
    }
}
