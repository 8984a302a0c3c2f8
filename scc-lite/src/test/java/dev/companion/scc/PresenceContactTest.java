package dev.companion.scc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.p2p.protocol.ContactState;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Messages.Contact;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PresenceContactTest {
    @TempDir
    Path dir;
    Fixture f;

    @BeforeEach
    void start() throws Exception {
        f = Fixture.start(dir, List.of("alice", "bob", "carol", "dave"), "alice:bob");
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void presenceGoesToOnlineContactsOnly() {
        TestClient bob = f.login("bob");
        TestClient carol = f.login("carol"); // not alice's contact
        TestClient alice = f.login("alice");
        assertThat(bob.push(Messages.Presence.class)).isEqualTo(new Messages.Presence("alice", true));
        carol.assertNoPush();
        alice.close();
        assertThat(bob.push(Messages.Presence.class)).isEqualTo(new Messages.Presence("alice", false));
        carol.assertNoPush();
        bob.assertNoPush();
    }

    @Test
    void contactAddThenAccept() {
        TestClient carol = f.login("carol");
        TestClient dave = f.login("dave");
        carol.request(r -> new Messages.ContactAdd(r, "dave"), Messages.Ok.class);
        assertThat(dave.push(Messages.ContactUpdate.class).contact()).isEqualTo(new Contact("carol", false, ContactState.PENDING_IN));
        carol.assertNoPush(); // pending contacts see no presence
        dave.request(r -> new Messages.ContactAccept(r, "carol"), Messages.Ok.class);
        assertThat(dave.push(Messages.ContactUpdate.class).contact()).isEqualTo(new Contact("carol", true, ContactState.CONTACT));
        assertThat(carol.push(Messages.ContactUpdate.class).contact()).isEqualTo(new Contact("dave", true, ContactState.CONTACT));
        dave.close();
        assertThat(carol.push(Messages.Presence.class)).isEqualTo(new Messages.Presence("dave", false));
    }

    @Test
    void pendingRequestsAppearInTheContactList() {
        TestClient carol = f.login("carol");
        carol.request(r -> new Messages.ContactAdd(r, "dave"), Messages.Ok.class);
        TestClient dave = f.connect();
        Messages.LoginOk ok = dave.request(r -> TestClient.login(r, "dave", "dave-pw", "t"), Messages.LoginOk.class);
        assertThat(ok.contacts()).containsExactly(new Contact("carol", false, ContactState.PENDING_IN));
        carol.close();
        TestClient carol2 = f.connect();
        assertThat(carol2.request(r -> TestClient.login(r, "carol", "carol-pw", "t"), Messages.LoginOk.class).contacts())
                .containsExactly(new Contact("dave", false, ContactState.PENDING_OUT));
    }

    @Test
    void askingSomeoneWhoAskedYouAccepts() {
        TestClient carol = f.login("carol");
        TestClient dave = f.login("dave");
        carol.request(r -> new Messages.ContactAdd(r, "dave"), Messages.Ok.class);
        dave.push(Messages.ContactUpdate.class);
        dave.request(r -> new Messages.ContactAdd(r, "carol"), Messages.Ok.class);
        assertThat(dave.push(Messages.ContactUpdate.class).contact().state()).isEqualTo(ContactState.CONTACT);
        assertThat(carol.push(Messages.ContactUpdate.class).contact().state()).isEqualTo(ContactState.CONTACT);
    }

    @Test
    void contactErrors() {
        TestClient carol = f.login("carol");
        carol.refused(r -> new Messages.ContactAdd(r, "carol"), ErrorCode.ACTION_REFUSED);
        carol.refused(r -> new Messages.ContactAccept(r, "dave"), ErrorCode.NOT_CONTACT);
        carol.refused(r -> new Messages.ContactAccept(r, "nobody"), ErrorCode.NOT_CONTACT); // never "no such user"
        carol.request(r -> new Messages.ContactAdd(r, "dave"), Messages.Ok.class);
        // the asker cannot accept their own request
        carol.refused(r -> new Messages.ContactAccept(r, "dave"), ErrorCode.NOT_CONTACT);
    }
}
