package dev.companion.scc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.p2p.protocol.DissolvedReason;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Role;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group membership, leaving, dissolving, and signal relay (members of one group only). Closed
 * connections and the away grace: {@link AwayTest}.
 */
class GroupTest {
    static final Messages.LinkOffer OFFER =
            new Messages.LinkOffer("t-alice", List.of("127.0.0.1:40001"), "sha-256:" + "cd".repeat(32));

    @TempDir
    Path dir;
    Fixture f;
    TestClient alice;
    TestClient bob;
    TestClient carol;

    @BeforeEach
    void start() throws Exception {
        // no contacts among bob and carol: presence pushes only go to alice
        f = Fixture.start(dir, List.of("alice", "bob", "carol"), "alice:bob", "alice:carol");
        bob = f.login("bob");
        carol = f.login("carol");
        alice = f.login("alice");
        bob.push(Messages.Presence.class);
        carol.push(Messages.Presence.class);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void aGroupOfThreeCarriesOnWhenAFollowerLeaves() {
        String g = TestGroups.form(alice, bob, carol);
        carol.request(r -> new Messages.GroupLeave(r, g), Messages.Ok.class);
        Messages.GroupState s = alice.push(Messages.GroupState.class);
        assertThat(s.leader()).isEqualTo("alice");
        assertThat(s.members()).extracting(Messages.Member::user).containsExactly("alice", "bob");
        assertThat(bob.push(Messages.GroupState.class)).isEqualTo(s);
        carol.assertNoPush();
        carol.refused(r -> new Messages.GroupLeave(r, g), ErrorCode.NOT_IN_GROUP);
    }

    @Test
    void whenTheLeaderLeavesTheLongestStandingMemberLeads() {
        String g = TestGroups.form(alice, bob, carol);
        alice.request(r -> new Messages.GroupLeave(r, g), Messages.Ok.class);
        Messages.GroupState s = bob.push(Messages.GroupState.class);
        assertThat(s.leader()).isEqualTo("bob");
        assertThat(s.version()).isEqualTo(3);
        assertThat(s.members()).containsExactly(new Messages.Member("bob", "t-bob", Role.LEADER),
                new Messages.Member("carol", "t-carol", Role.FOLLOWER));
        assertThat(carol.push(Messages.GroupState.class)).isEqualTo(s);
    }

    @Test
    void aTwoMemberGroupIsDissolvedWhenOneLeaves() {
        String g = TestGroups.form(alice, bob);
        bob.request(r -> new Messages.GroupLeave(r, g), Messages.Ok.class);
        assertThat(alice.push(Messages.GroupDissolved.class)).isEqualTo(new Messages.GroupDissolved(g, DissolvedReason.LEFT, "bob"));
        alice.refused(r -> new Messages.GroupLeave(r, g), ErrorCode.NOT_IN_GROUP);
        alice.refused(r -> new Messages.Invite(r, "carol", g), ErrorCode.NOT_IN_GROUP);
    }

    @Test
    void signalsAreRelayedWithinAGroupOnly() {
        String g = TestGroups.form(alice, bob);

        // the sender's claimed "from" is replaced by its user name
        alice.request(r -> new Messages.Signal(r, g, "bob", "mallory", OFFER), Messages.Ok.class);
        Messages.Signal relayed = bob.push(Messages.Signal.class);
        assertThat(relayed).isEqualTo(new Messages.Signal(null, g, "bob", "alice", OFFER));
        bob.request(r -> new Messages.Signal(r, g, "alice", null, OFFER), Messages.Ok.class);
        assertThat(alice.push(Messages.Signal.class).from()).isEqualTo("bob");

        alice.refused(r -> new Messages.Signal(r, g, "carol", null, OFFER), ErrorCode.PEER_NOT_IN_GROUP);
        alice.refused(r -> new Messages.Signal(r, g, "nobody", null, OFFER), ErrorCode.PEER_NOT_IN_GROUP);
        carol.refused(r -> new Messages.Signal(r, g, "bob", null, OFFER), ErrorCode.NOT_IN_GROUP);
        carol.refused(r -> new Messages.Signal(r, "g-unknown", "alice", null, OFFER), ErrorCode.NOT_IN_GROUP);
        carol.assertNoPush();
        bob.assertNoPush();
    }

    @Test
    void iceOffersTravelOnlyBetweenMembersOfOneGroup() {
        String g = TestGroups.form(alice, bob);
        Messages.LinkOffer ice = OFFER.withIce(new Messages.IceOffer("Xk3f", "c2Rmc2RmZGZzZGZzZGZzZGZk", List.of(
                new Messages.IceCandidate(dev.companion.p2p.protocol.IceCandidateType.SRFLX, "203.0.113.7:61001", 1694498815L, "2"))));
        alice.request(r -> new Messages.Signal(r, g, "bob", null, ice), Messages.Ok.class);
        assertThat(bob.push(Messages.Signal.class).offer()).isEqualTo(ice);
        // a stranger's ICE offer (carol is no member) reaches nobody: no probing of members' addresses
        carol.refused(r -> new Messages.Signal(r, g, "bob", null, ice), ErrorCode.NOT_IN_GROUP);
        alice.refused(r -> new Messages.Signal(r, g, "carol", null, ice), ErrorCode.PEER_NOT_IN_GROUP);
        bob.assertNoPush();
        carol.assertNoPush();
    }
}
