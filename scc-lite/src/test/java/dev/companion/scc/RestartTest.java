package dev.companion.scc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.p2p.protocol.ContactState;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Messages.Contact;
import dev.companion.scc.presence.Terminals;
import dev.companion.scc.store.Store;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Users, contacts and the server identity survive a restart on the same data directory. */
class RestartTest {
    @TempDir
    Path dir;

    @Test
    void dataSurvivesARestart() throws Exception {
        String fingerprint;
        String invitation;
        MutableClock clock;
        Fixture f = Fixture.start(dir, List.of("alice", "bob", "carol"));
        try {
            fingerprint = f.cc.fingerprint();
            clock = f.clock;
            TestClient alice = f.login("alice");
            TestClient bob = f.login("bob");
            alice.request(r -> new Messages.ContactAdd(r, "bob"), Messages.Ok.class);
            bob.push(Messages.ContactUpdate.class);
            bob.request(r -> new Messages.ContactAccept(r, "alice"), Messages.Ok.class);
            alice.request(r -> new Messages.ContactAdd(r, "carol"), Messages.Ok.class);
            invitation = alice.request(r -> new Messages.Invite(r, "bob", null), Messages.InviteSent.class).invitation();
            f.close();
        } finally {
            f.close(); // safe twice
        }
        try (Store store = Store.open(dir)) {
            assertThat(new Terminals(store).state("alice", "t-alice")).isEqualTo("offline");
        }
        try (ControlCenter cc = ControlCenter.start(Config.of(dir).withClock(clock))) {
            assertThat(cc.fingerprint()).isEqualTo(fingerprint);
            try (TestClient bob = TestClient.loggedIn(cc, "bob", "bob-pw");
                 TestClient alice = TestClient.connect(cc)) {
                Messages.LoginOk ok = alice.request(r -> TestClient.login(r, "alice", "alice-pw", "t"), Messages.LoginOk.class);
                assertThat(ok.contacts()).containsExactly(new Contact("bob", true, ContactState.CONTACT),
                        new Contact("carol", false, ContactState.PENDING_OUT));
                assertThat(bob.push(Messages.Invitation.class).id()).isEqualTo(invitation); // delivered at bob's login
            }
        }
    }
}
