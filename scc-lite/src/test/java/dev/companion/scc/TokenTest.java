package dev.companion.scc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Messages;
import dev.companion.scc.auth.Tokens;
import dev.companion.scc.store.Sql;
import dev.companion.scc.store.Store;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Session tokens: one per (user, terminal), plus the one kept beside it; only their digests are
 * stored, so they survive a restart; they expire by the control center's clock.
 */
class TokenTest extends AliceAndBobTest {
    /** Logs in on a new connection (replacing the user's previous one) and returns the new token. */
    private String login(ControlCenter cc, String user, String secret, String terminal) {
        TestClient c = TestClient.connect(cc);
        f.clients.add(c);
        return c.request(r -> TestClient.login(r, user, secret, terminal), Messages.LoginOk.class).token();
    }

    private String login(String user, String secret, String terminal) {
        return login(f.cc, user, secret, terminal);
    }

    private void refused(String user, String secret, String terminal) {
        f.connect().refused(r -> TestClient.login(r, user, secret, terminal), ErrorCode.BAD_CREDENTIALS);
    }

    private static String digest(String token) throws Exception {
        return Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aTokenLogsInAfterARestartAndOnlyItsDigestIsStored() throws Exception {
        String token = login("alice", "alice-pw", "laptop");
        f.close();
        try (Store store = Store.open(dir)) {
            List<String> row = Sql.one(store.connection(), "SELECT * FROM terminals WHERE user = 'alice' AND id = 'laptop'",
                    rs -> {
                        List<String> cols = new java.util.ArrayList<>();
                        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                            cols.add(rs.getString(i));
                        }
                        return cols;
                    });
            assertThat(row).doesNotContain(token).contains(digest(token));
        }
        try (ControlCenter cc = ControlCenter.start(Config.of(dir).withClock(f.clock))) {
            String next = login(cc, "alice", token, "laptop");
            assertThat(next).isNotEqualTo(token);
            assertThat(login(cc, "alice", next, "laptop")).isNotEqualTo(next);
        }
    }

    @Test
    void theTokenBeforeTheCurrentOneStaysValidAndOlderOnesAreRefused() {
        String t1 = login("alice", "alice-pw", "t");
        String t2 = login("alice", "alice-pw", "t");
        String t3 = login("alice", "alice-pw", "t");
        refused("alice", t1, "t");
        // t2 is the previous token: a client whose login_ok carrying t3 was lost still gets in
        String t4 = login("alice", t2, "t");
        // ... and again, if that login_ok was lost too: the token that proved the last login stays valid
        String t5 = login("alice", t2, "t");
        refused("alice", t3, "t");
        refused("alice", t4, "t");
        String t6 = login("alice", t5, "t");
        refused("alice", t2, "t");
        login("alice", t5, "t");
        assertThat(List.of(t1, t2, t3, t4, t5, t6)).doesNotHaveDuplicates();
    }

    @Test
    void aTokenLogsInOnlyTheUserAndTerminalItWasIssuedTo() {
        String alices = login("alice", "alice-pw", "laptop");
        login("bob", "bob-pw", "laptop");
        refused("bob", alices, "laptop");
        refused("alice", alices, "phone");
        login("alice", alices, "laptop");
    }

    @Test
    void anExpiredTokenIsRefused() {
        String t1 = login("alice", "alice-pw", "t");
        f.clock.advance(Tokens.TTL.minusMinutes(1));
        String t2 = login("alice", t1, "t"); // t1 still valid, and kept beside t2 with its own expiry
        f.clock.advance(Duration.ofMinutes(2));
        refused("alice", t1, "t");
        String t3 = login("alice", t2, "t");
        f.clock.advance(Tokens.TTL);
        refused("alice", t3, "t");
        login("alice", "alice-pw", "t");
    }
}
