package dev.companion.scc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Following;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Mode;
import dev.companion.p2p.protocol.Role;
import dev.companion.p2p.protocol.Scope;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InvitationTest {
    @TempDir
    Path dir;
    Fixture f;
    TestClient alice;
    TestClient bob;

    @BeforeEach
    void start() throws Exception {
        f = Fixture.start(dir, List.of("alice", "bob", "carol"), "alice:bob", "alice:carol");
        bob = f.login("bob");
        alice = f.login("alice");
        bob.push(Messages.Presence.class);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void inviteThenAcceptGivesBothTheGroup() {
        Messages.InviteSent sent = alice.request(r -> new Messages.Invite(r, "bob", null), Messages.InviteSent.class);
        assertThat(sent.to()).isEqualTo("bob");
        assertThat(sent.expiresAt()).isEqualTo(f.clock.millis() + Duration.ofMinutes(10).toMillis());
        Messages.Invitation inv = bob.push(Messages.Invitation.class);
        assertThat(inv).isEqualTo(new Messages.Invitation(sent.invitation(), "alice", sent.group(), sent.expiresAt()));

        bob.request(r -> new Messages.InviteAnswer(r, inv.id(), true), Messages.Ok.class);
        Messages.InvitationAnswered answered = alice.push(Messages.InvitationAnswered.class);
        assertThat(answered).isEqualTo(new Messages.InvitationAnswered(inv.id(), "bob", sent.group(), true));
        Messages.GroupState expected = new Messages.GroupState(sent.group(), "alice", Mode.LEADER_FOLLOWER, Following.AUTO, Scope.FULL,
                List.of(new Messages.Member("alice", "t-alice", Role.LEADER), new Messages.Member("bob", "t-bob", Role.FOLLOWER)));
        assertThat(alice.push(Messages.GroupState.class)).isEqualTo(expected);
        assertThat(bob.push(Messages.GroupState.class)).isEqualTo(expected);
    }

    @Test
    void declineTellsTheInviterAndCreatesNoGroup() {
        Messages.InviteSent sent = alice.request(r -> new Messages.Invite(r, "bob", null), Messages.InviteSent.class);
        Messages.Invitation inv = bob.push(Messages.Invitation.class);
        bob.request(r -> new Messages.InviteAnswer(r, inv.id(), false), Messages.Ok.class);
        assertThat(alice.push(Messages.InvitationAnswered.class).accepted()).isFalse();
        alice.assertNoPush();
        alice.refused(r -> new Messages.Invite(r, "bob", sent.group()), ErrorCode.NOT_IN_GROUP);
    }

    @Test
    void anExpiredInvitationCannotBeAnswered() {
        alice.request(r -> new Messages.Invite(r, "bob", null), Messages.InviteSent.class);
        Messages.Invitation inv = bob.push(Messages.Invitation.class);
        f.clock.advance(Duration.ofMinutes(10));
        bob.refused(r -> new Messages.InviteAnswer(r, inv.id(), true), ErrorCode.INVITATION_EXPIRED);
        alice.assertNoPush();
    }

    @Test
    void aSecondDecisionIsRefused() {
        alice.request(r -> new Messages.Invite(r, "bob", null), Messages.InviteSent.class);
        Messages.Invitation inv = bob.push(Messages.Invitation.class);
        bob.request(r -> new Messages.InviteAnswer(r, inv.id(), false), Messages.Ok.class);
        bob.refused(r -> new Messages.InviteAnswer(r, inv.id(), true), ErrorCode.INVITATION_DECIDED);
        bob.refused(r -> new Messages.InviteAnswer(r, inv.id(), false), ErrorCode.INVITATION_DECIDED);
    }

    @Test
    void invitationsAreForContactsAndTheirAddresseeOnly() {
        TestClient carol = f.login("carol");
        carol.refused(r -> new Messages.Invite(r, "bob", null), ErrorCode.NOT_CONTACT);
        carol.refused(r -> new Messages.Invite(r, "nobody", null), ErrorCode.NOT_CONTACT);
        alice.request(r -> new Messages.Invite(r, "bob", null), Messages.InviteSent.class);
        Messages.Invitation inv = bob.push(Messages.Invitation.class);
        carol.refused(r -> new Messages.InviteAnswer(r, inv.id(), true), ErrorCode.UNKNOWN_INVITATION);
        bob.refused(r -> new Messages.InviteAnswer(r, "i-nothing", true), ErrorCode.UNKNOWN_INVITATION);
    }

    @Test
    void anOfflineInviteeGetsTheInvitationAtLogin() {
        Messages.InviteSent sent = alice.request(r -> new Messages.Invite(r, "carol", null), Messages.InviteSent.class);
        TestClient carol = f.login("carol");
        Messages.Invitation inv = carol.push(Messages.Invitation.class);
        assertThat(inv.id()).isEqualTo(sent.invitation());
        carol.request(r -> new Messages.InviteAnswer(r, inv.id(), true), Messages.Ok.class);
        assertThat(carol.push(Messages.GroupState.class).members()).hasSize(2);
    }

    @Test
    void onlyTheLeaderInvitesIntoAGroupAndTheInviterMustStillBeThere() {
        TestClient carol = f.login("carol");
        alice.push(Messages.Presence.class);
        String group = TestGroups.form(alice, bob);
        // bob is a follower: not the leader; carol is not in the group
        bob.refused(r -> new Messages.Invite(r, "alice", group), ErrorCode.NOT_LEADER);
        carol.refused(r -> new Messages.Invite(r, "alice", group), ErrorCode.NOT_IN_GROUP);
        // a new-group invitation whose inviter went away cannot be accepted
        carol.request(r -> new Messages.Invite(r, "alice", null), Messages.InviteSent.class);
        Messages.Invitation inv = alice.push(Messages.Invitation.class);
        carol.close();
        alice.push(Messages.Presence.class);
        alice.refused(r -> new Messages.InviteAnswer(r, inv.id(), true), ErrorCode.NOT_IN_GROUP);
    }
}
