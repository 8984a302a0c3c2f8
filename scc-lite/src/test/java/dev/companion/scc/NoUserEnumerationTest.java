package dev.companion.scc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.p2p.protocol.ContactState;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Messages.Contact;
import dev.companion.scc.auth.PasswordHasher;
import dev.companion.scc.auth.Users;
import dev.companion.scc.presence.ContactHandler;
import dev.companion.scc.store.Store;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing that takes a user name tells whether it has an account: contact_add, contact_accept and
 * invite answer a name with an account (bob, not carol's contact) and one without (zed) byte for
 * byte alike apart from req, and a later login_ok lists both requests alike.
 */
class NoUserEnumerationTest {
    @TempDir
    Path dir;
    Fixture f;
    TestClient carol;

    @BeforeEach
    void start() throws Exception {
        f = Fixture.start(dir, List.of("alice", "bob", "carol"), "alice:bob");
        carol = f.login("carol");
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private void sameAnswer(Function<String, LongFunction<Message>> request) {
        String existing = LoginThrottleTest.withoutReq(carol.request(request.apply("bob")));
        String unknown = LoginThrottleTest.withoutReq(carol.request(request.apply("zed")));
        assertThat(unknown).isEqualTo(existing);
    }

    @Test
    void contactAcceptAndInviteAnswerTheSameForAnAccountAndANameWithout() {
        sameAnswer(name -> r -> new Messages.ContactAccept(r, name));
        sameAnswer(name -> r -> new Messages.Invite(r, name, null));
        assertThat(carol.request(r -> new Messages.Invite(r, "zed", null))).isInstanceOfSatisfying(Messages.Error.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_CONTACT));
    }

    @Test
    void contactAddAnswersTheSameAndTheNextLoginListsBothRequestsAlike() {
        sameAnswer(name -> r -> new Messages.ContactAdd(r, name));
        sameAnswer(name -> r -> new Messages.ContactAdd(r, name)); // asked again: changes nothing either way
        carol.close();
        TestClient again = f.connect();
        Messages.LoginOk ok = again.request(r -> TestClient.login(r, "carol", "carol-pw", "t-carol"), Messages.LoginOk.class);
        assertThat(ok.contacts()).containsExactly(new Contact("bob", false, ContactState.PENDING_OUT),
                new Contact("zed", false, ContactState.PENDING_OUT));
    }

    @Test
    void aRequestToANameIsDroppedWhenSomeoneRegistersItAndRequestsAreCapped() throws Exception {
        carol.request(r -> new Messages.ContactAdd(r, "zed"), Messages.Ok.class);
        for (int i = 1; i < ContactHandler.MAX_REQUESTS; i++) {
            int n = i;
            carol.request(r -> new Messages.ContactAdd(r, "name" + n), Messages.Ok.class);
        }
        carol.refused(r -> new Messages.ContactAdd(r, "one-more"), ErrorCode.TOO_MANY_PENDING);
        f.close();
        try (Store store = Store.open(dir)) {
            assertThat(new Users(store).add("zed", PasswordHasher.hash("zed-pw"), 1)).isEmpty();
        }
        f = Fixture.start(dir, List.of());
        TestClient zed = f.login("zed");
        assertThat(zed.request(r -> new Messages.ContactAccept(r, "carol"))).isInstanceOfSatisfying(Messages.Error.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_CONTACT));
        TestClient carolAgain = f.login("carol");
        carolAgain.request(r -> new Messages.ContactAdd(r, "one-more"), Messages.Ok.class); // a slot came free
    }
}
