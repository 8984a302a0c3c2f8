package dev.companion.scc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.p2p.protocol.ContactState;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Protocol;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoginTest extends AliceAndBobTest {
    @Test
    void loginAnswersTokenAndContactsAndWritesTheFingerprintFile() throws Exception {
        TestClient bob = f.login("bob");
        TestClient alice = f.connect();
        Messages.LoginOk ok = alice.request(r -> TestClient.login(r, "alice", "alice-pw", "laptop"), Messages.LoginOk.class);
        assertThat(ok.user()).isEqualTo("alice");
        assertThat(ok.terminal()).isEqualTo("laptop");
        assertThat(ok.token()).matches("[A-Za-z0-9_-]{43}");
        assertThat(ok.contacts()).containsExactly(new Messages.Contact("bob", true, ContactState.CONTACT));
        assertThat(Files.readString(dir.resolve("scc-fingerprint.txt")).trim()).isEqualTo(f.cc.fingerprint());
        assertThat(f.cc.fingerprint()).startsWith("sha-256:");
        bob.push(Messages.Presence.class);
    }

    @Test
    void wrongPasswordAndUnknownUserAreTheSameAndTheConnectionStaysOpen() {
        TestClient c = f.connect();
        c.refused(r -> TestClient.login(r, "alice", "wrong", "t"), ErrorCode.BAD_CREDENTIALS);
        c.refused(r -> TestClient.login(r, "nobody", "wrong", "t"), ErrorCode.BAD_CREDENTIALS);
        c.request(r -> TestClient.login(r, "alice", "alice-pw", "t"), Messages.LoginOk.class);
    }

    @Test
    void fiveFailuresCloseTheConnection() {
        TestClient c = f.connect();
        for (int i = 0; i < 5; i++) {
            c.refused(r -> TestClient.login(r, "alice", "wrong", "t"), ErrorCode.BAD_CREDENTIALS);
        }
        c.awaitClosed();
    }

    @Test
    void versionMismatchIsRefusedAndCloses() {
        TestClient c = f.connect();
        c.refused(r -> new Messages.Login(r, Protocol.VERSION + 1, "alice", "alice-pw", "t", List.of(), "sha-256:00"),
                ErrorCode.VERSION_MISMATCH);
        c.awaitClosed();
    }

    @Test
    void requestsBeforeLoginAreRefused() {
        TestClient c = f.connect();
        c.refused(r -> new Messages.ContactAdd(r, "bob"), ErrorCode.NOT_LOGGED_IN);
        c.refused(r -> new Messages.GroupLeave(r, "g-1"), ErrorCode.NOT_LOGGED_IN);
        c.ping(7); // ping works before login
        c.request(r -> TestClient.login(r, "alice", "alice-pw", "t"), Messages.LoginOk.class);
    }

    @Test
    void aSecondLoginReplacesTheFirstWithoutPresenceChurn() {
        TestClient bob = f.login("bob");
        TestClient first = f.login("alice");
        assertThat(bob.push(Messages.Presence.class).online()).isTrue();
        TestClient second = f.connect();
        second.request(r -> TestClient.login(r, "alice", "alice-pw", "phone"), Messages.LoginOk.class);
        Messages.Error e = first.push(Messages.Error.class);
        assertThat(e.code()).isEqualTo(ErrorCode.NOT_LOGGED_IN);
        first.awaitClosed();
        bob.assertNoPush();
        second.request(r -> new Messages.ContactAdd(r, "bob"), Messages.Ok.class);
    }

    @Test
    void theTokenFromLoginOkLogsInAgain() {
        TestClient first = f.connect();
        String token = first.request(r -> TestClient.login(r, "alice", "alice-pw", "t"), Messages.LoginOk.class).token();
        first.close();
        TestClient again = f.connect();
        again.refused(r -> TestClient.login(r, "bob", token, "t"), ErrorCode.BAD_CREDENTIALS);
        again.request(r -> TestClient.login(r, "alice", token, "t"), Messages.LoginOk.class);
    }

    @Test
    void loggingInTwiceOnOneConnectionIsRefused() {
        TestClient c = f.login("alice");
        c.refused(r -> TestClient.login(r, "alice", "alice-pw", "t"), ErrorCode.UNKNOWN_TYPE);
    }
}
