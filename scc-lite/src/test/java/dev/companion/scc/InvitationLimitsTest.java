package dev.companion.scc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Messages;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Invitations are bounded (per inviter, per invitee, per pair, per group), swept after they expired,
 * delivered at login only while they can still be accepted, and never re-create a group that ended.
 */
class InvitationLimitsTest {
    @TempDir
    Path dir;
    Fixture f;
    TestClient alice;

    @BeforeEach
    void start() throws Exception {
        List<String> users = new ArrayList<>(List.of("alice", "bob", "carol"));
        List<String> pairs = new ArrayList<>(List.of("alice:bob", "alice:carol", "bob:carol"));
        for (int i = 1; i <= 7; i++) {
            users.add("u" + i);
            pairs.add("alice:u" + i);
            pairs.add("u" + i + ":bob");
        }
        f = Fixture.start(dir, users, pairs.toArray(String[]::new));
        alice = f.login("alice");
    }

    @AfterEach
    void stop() {
        f.close();
    }

    Messages.InviteSent invite(TestClient from, String to, String group) {
        return from.request(r -> new Messages.Invite(r, to, group), Messages.InviteSent.class);
    }

    @Test
    void oneInviterHasAtMostTwentyOpenAndThreeToOneContact() {
        for (int i = 0; i < 3; i++) {
            invite(alice, "u1", null);
        }
        assertThat(alice.refused(r -> new Messages.Invite(r, "u1", null), ErrorCode.TOO_MANY_PENDING).message())
                .contains("u1 has not yet answered your last 3 invitations");
        for (int i = 2; i <= 7; i++) {
            for (int k = 0; k < (i == 7 ? 2 : 3); k++) {
                invite(alice, "u" + i, null);
            }
        }
        assertThat(alice.refused(r -> new Messages.Invite(r, "bob", null), ErrorCode.TOO_MANY_PENDING).message())
                .contains("you have 20 invitations waiting");
        // expired ones no longer count
        f.clock.advance(Duration.ofMinutes(10));
        invite(alice, "bob", null);
    }

    @Test
    void oneInviteeHasAtMostTwentyOpen() {
        List<TestClient> inviters = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            inviters.add(f.login("u" + i));
        }
        int sent = 0;
        for (TestClient u : inviters) {
            for (int k = 0; k < 3 && sent < 20; k++, sent++) {
                invite(u, "bob", null);
            }
        }
        assertThat(inviters.get(6).refused(r -> new Messages.Invite(r, "bob", null), ErrorCode.TOO_MANY_PENDING).message())
                .contains("bob has too many invitations waiting");
        // at login bob gets the 20 that can still be accepted, no more
        TestClient bob = f.login("bob");
        for (int i = 0; i < 20; i++) {
            bob.pushSkipping(Messages.Invitation.class, Messages.Presence.class);
        }
        bob.sync();
    }

    @Test
    void oneGroupHasAtMostTenOpen() {
        TestClient bob = f.login("bob");
        alice.push(Messages.Presence.class);
        String g = TestGroups.form(alice, bob);
        for (int i = 0; i < 10; i++) {
            invite(alice, "u" + (1 + i / 3), g);
        }
        assertThat(alice.refused(r -> new Messages.Invite(r, "u5", g), ErrorCode.TOO_MANY_PENDING).message())
                .contains("has 10 invitations waiting");
        invite(alice, "u5", null); // a new group is another group
    }

    @Test
    void expiredInvitationsAreSweptADayLaterOffTheLogicThread() throws Exception {
        Messages.InviteSent sent = invite(alice, "carol", null);
        f.clock.advance(Duration.ofMinutes(10));
        assertThat(f.cc.sweepInvitations().get(10, TimeUnit.SECONDS)).isZero(); // kept a day: still "expired"
        TestClient carol = f.login("carol");
        carol.refused(r -> new Messages.InviteAnswer(r, sent.invitation(), true), ErrorCode.INVITATION_EXPIRED);
        f.clock.advance(Duration.ofDays(1).plusMillis(1));
        assertThat(f.cc.sweepInvitations().get(10, TimeUnit.SECONDS)).isEqualTo(1);
        carol.refused(r -> new Messages.InviteAnswer(r, sent.invitation(), true), ErrorCode.UNKNOWN_INVITATION);
    }

    @Test
    void anInvitationIntoADissolvedGroupIsRefusedAndNotDeliveredAndNeverRecreatesIt() {
        TestClient bob = f.login("bob");
        alice.push(Messages.Presence.class);
        String g = TestGroups.form(alice, bob);
        Messages.InviteSent stale = invite(alice, "carol", g); // carol is offline
        Messages.InviteSent fresh = invite(alice, "carol", null);
        bob.request(r -> new Messages.GroupLeave(r, g), Messages.Ok.class);
        assertThat(alice.pushSkipping(Messages.GroupDissolved.class, Messages.GroupState.class).group()).isEqualTo(g);

        TestClient carol = f.login("carol");
        Messages.Invitation delivered = carol.pushSkipping(Messages.Invitation.class, Messages.Presence.class);
        assertThat(delivered.id()).as("only the invitation that can still be accepted").isEqualTo(fresh.invitation());
        carol.sync();
        carol.refused(r -> new Messages.InviteAnswer(r, stale.invitation(), true), ErrorCode.GROUP_ENDED);
        carol.assertNoPush();
        alice.refused(r -> new Messages.GroupLeave(r, g), ErrorCode.NOT_IN_GROUP); // not re-created
        // declining it is still fine
        carol.request(r -> new Messages.InviteAnswer(r, stale.invitation(), false), Messages.Ok.class);
    }

    @Test
    void aGroupThatDidNotOutliveARestartEndsItsInvitationsButNotAProposedOne() throws Exception {
        TestClient bob = f.login("bob");
        alice.push(Messages.Presence.class);
        String g = TestGroups.form(alice, bob);
        Messages.InviteSent stale = invite(alice, "carol", g);
        Messages.InviteSent proposal = invite(alice, "carol", null);
        f.close();
        f = Fixture.start(dir, Duration.ZERO, List.of()); // no away grace: the kept groups end at the start
        alice = f.login("alice");
        TestClient carol = f.login("carol");
        carol.refused(r -> new Messages.InviteAnswer(r, stale.invitation(), true), ErrorCode.GROUP_ENDED);
        carol.request(r -> new Messages.InviteAnswer(r, proposal.invitation(), true), Messages.Ok.class);
        assertThat(carol.pushSkipping(Messages.GroupState.class, Messages.Invitation.class, Messages.Presence.class)
                .group()).isEqualTo(proposal.group());
    }

    @Test
    void aGroupKeptThroughARestartStillTakesItsInvitations() throws Exception {
        TestClient bob = f.login("bob");
        alice.push(Messages.Presence.class);
        String g = TestGroups.form(alice, bob);
        Messages.InviteSent pending = invite(alice, "carol", g);
        f.close();
        f = Fixture.start(dir, List.of()); // every member away, for the away grace from the start
        alice = f.login("alice"); // back in time
        TestClient carol = f.login("carol");
        carol.request(r -> new Messages.InviteAnswer(r, pending.invitation(), true), Messages.Ok.class);
        Messages.GroupState s = carol.pushSkipping(Messages.GroupState.class, Messages.Invitation.class, Messages.Presence.class);
        assertThat(s.group()).isEqualTo(g);
        assertThat(s.members()).extracting(Messages.Member::user).containsExactly("alice", "bob", "carol");
    }
}
