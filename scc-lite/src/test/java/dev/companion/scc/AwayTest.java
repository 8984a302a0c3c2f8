package dev.companion.scc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.p2p.protocol.DissolvedReason;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Following;
import dev.companion.p2p.protocol.MemberState;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Mode;
import dev.companion.p2p.protocol.Role;
import dev.companion.p2p.protocol.Scope;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A closed connection makes its user away in its groups for the away grace: back from the same
 * terminal within it, gone after it (leader succession, dissolving), gone at once from another terminal.
 */
class AwayTest {
    @TempDir
    Path dir;
    Fixture f;

    @AfterEach
    void stop() {
        if (f != null) {
            f.close();
        }
    }

    /** alice has every other user as a contact; the others have none among themselves. */
    private TestClient[] start(Duration grace, String... others) throws Exception {
        List<String> users = new java.util.ArrayList<>(List.of("alice"));
        users.addAll(List.of(others));
        String[] pairs = java.util.Arrays.stream(others).map(o -> "alice:" + o).toArray(String[]::new);
        f = Fixture.start(dir, grace, users, pairs);
        TestClient[] c = new TestClient[others.length + 1];
        for (int i = 0; i < others.length; i++) {
            c[i + 1] = f.login(others[i]);
        }
        c[0] = f.login("alice");
        for (int i = 1; i < c.length; i++) {
            c[i].push(Messages.Presence.class);
        }
        return c;
    }

    private static Messages.GroupState nextGroup(TestClient c) {
        return c.pushSkipping(Messages.GroupState.class, Messages.Presence.class);
    }

    private TestClient loginFrom(String user, String terminal) {
        TestClient c = f.connect();
        c.request(r -> TestClient.login(r, user, Fixture.pw(user), terminal), Messages.LoginOk.class);
        c.user = user;
        return c;
    }

    @Test
    void awayThenBackFromTheSameTerminalWithinTheGrace() throws Exception {
        TestClient[] c = start(null, "bob", "carol");
        TestClient alice = c[0];
        TestClient bob = c[1];
        TestClient carol = c[2];
        String g = TestGroups.form(alice, bob, carol);

        bob.close();
        Messages.GroupState away = alice.push(Messages.GroupState.class);
        assertThat(away.version()).isEqualTo(3);
        assertThat(away.member("bob")).isEqualTo(new Messages.Member("bob", "t-bob", Role.FOLLOWER, MemberState.AWAY, 0));
        assertThat(alice.push(Messages.Presence.class)).isEqualTo(new Messages.Presence("bob", false));
        assertThat(carol.push(Messages.GroupState.class)).isEqualTo(away);

        TestClient bob2 = f.login("bob"); // terminal t-bob again
        Messages.GroupState back = bob2.push(Messages.GroupState.class);
        assertThat(back.group()).isEqualTo(g);
        assertThat(back.version()).isEqualTo(4);
        assertThat(back.member("bob")).isEqualTo(new Messages.Member("bob", "t-bob", Role.FOLLOWER, MemberState.HERE, 1));
        assertThat(back.leader()).isEqualTo("alice");
        assertThat(alice.push(Messages.Presence.class)).isEqualTo(new Messages.Presence("bob", true));
        assertThat(alice.push(Messages.GroupState.class)).isEqualTo(back);
        assertThat(carol.push(Messages.GroupState.class)).isEqualTo(back);
        bob2.request(r -> new Messages.FollowPause(r, g, true), Messages.Ok.class); // a member as before
    }

    @Test
    void anAwayLeaderKeepsTheLeadWithinTheGrace() throws Exception {
        TestClient[] c = start(null, "bob", "carol");
        TestClient alice = c[0];
        TestClient bob = c[1];
        String g = TestGroups.form(alice, bob, c[2]);
        alice.close();
        Messages.GroupState away = bob.pushSkipping(Messages.GroupState.class, Messages.Presence.class);
        assertThat(away.leader()).isEqualTo("alice");
        assertThat(away.member("alice")).isEqualTo(new Messages.Member("alice", "t-alice", Role.LEADER, MemberState.AWAY, 0));
        bob.refused(r -> new Messages.GroupSet(r, g, away.version(), Mode.MUTUAL, Following.AUTO, Scope.FULL, null, null),
                ErrorCode.NOT_LEADER);
        TestClient alice2 = f.login("alice");
        Messages.GroupState back = nextGroup(alice2);
        assertThat(back.member("alice")).isEqualTo(new Messages.Member("alice", "t-alice", Role.LEADER, MemberState.HERE, 1));
        alice2.request(r -> new Messages.GroupSet(r, g, back.version(), Mode.MUTUAL, Following.AUTO, Scope.FULL, null, null),
                Messages.Ok.class);
    }

    @Test
    void aLoginFromTheSameTerminalThatReplacesAnAttachedConnectionIsANewEpoch() throws Exception {
        TestClient[] c = start(null, "bob");
        TestClient alice = c[0];
        TestClient bob = c[1];
        String g = TestGroups.form(alice, bob);
        TestClient bob2 = f.login("bob");
        assertThat(bob.push(Messages.Error.class).code()).isEqualTo(ErrorCode.NOT_LOGGED_IN);
        bob.awaitClosed();
        Messages.GroupState s = bob2.push(Messages.GroupState.class);
        assertThat(s.group()).isEqualTo(g);
        assertThat(s.version()).isEqualTo(2);
        assertThat(s.member("bob")).isEqualTo(new Messages.Member("bob", "t-bob", Role.FOLLOWER, MemberState.HERE, 1));
        assertThat(alice.push(Messages.GroupState.class)).isEqualTo(s);
        alice.assertNoPush(); // no presence churn, and the replaced connection's close is no departure
        bob2.assertNoPush();
    }

    @Test
    void aLoginFromAnotherTerminalLeavesTheOldTerminalsGroupsAtOnce() throws Exception {
        TestClient[] c = start(null, "bob");
        TestClient alice = c[0];
        TestClient bob = c[1];
        String g = TestGroups.form(alice, bob);
        bob.close();
        assertThat(nextGroup(alice).member("bob").state()).isEqualTo(MemberState.AWAY);
        TestClient phone = loginFrom("bob", "t-bob-phone");
        assertThat(alice.pushSkipping(Messages.GroupDissolved.class, Messages.Presence.class))
                .isEqualTo(new Messages.GroupDissolved(g, DissolvedReason.DISCONNECTED, "bob"));
        phone.assertNoPush();
        phone.refused(r -> new Messages.FollowPause(r, g, false), ErrorCode.NOT_IN_GROUP);
    }

    @Test
    void pastTheGraceATwoMemberGroupIsDissolved() throws Exception {
        TestClient[] c = start(Duration.ofMillis(300), "bob");
        TestClient alice = c[0];
        TestClient bob = c[1];
        String g = TestGroups.form(alice, bob);
        bob.close();
        assertThat(alice.push(Messages.GroupState.class).member("bob").state()).isEqualTo(MemberState.AWAY);
        assertThat(alice.push(Messages.Presence.class)).isEqualTo(new Messages.Presence("bob", false));
        // after 300 ms (waited for by the push's own deadline)
        assertThat(alice.push(Messages.GroupDissolved.class)).isEqualTo(new Messages.GroupDissolved(g, DissolvedReason.DISCONNECTED, "bob"));
        alice.refused(r -> new Messages.FollowPause(r, g, true), ErrorCode.NOT_IN_GROUP);
        // bob coming back later finds no group
        TestClient bob2 = f.login("bob");
        alice.push(Messages.Presence.class);
        bob2.assertNoPush();
    }

    @Test
    void pastTheGraceTheLeaderIsSucceededByTheLongestStandingMemberWhoIsHere() throws Exception {
        // bob's close must reach the control center within alice's grace, after two pushes and a
        // client shutdown on the test's side: a grace of 3 s, not 1, leaves room for a busy machine
        TestClient[] c = start(Duration.ofSeconds(3), "bob", "carol", "dave");
        TestClient alice = c[0];
        TestClient carol = c[2];
        TestClient dave = c[3];
        TestGroups.form(alice, c[1], carol, dave);
        // two closes on two connections may reach the control center in either order: bob closes only
        // once everyone saw alice away
        alice.close();
        for (TestClient here : List.of(carol, dave)) {
            assertThat(nextGroup(here).member("alice").state()).isEqualTo(MemberState.AWAY);
        }
        c[1].close(); // bob joined before carol, but is away when alice's grace ends
        for (TestClient here : List.of(carol, dave)) {
            assertThat(nextGroup(here).member("bob").state()).isEqualTo(MemberState.AWAY);
        }
        for (TestClient here : List.of(carol, dave)) {
            Messages.GroupState afterAlice = nextGroup(here);
            assertThat(afterAlice.leader()).isEqualTo("carol");
            assertThat(afterAlice.members()).containsExactly(new Messages.Member("bob", "t-bob", Role.FOLLOWER, MemberState.AWAY, 0),
                    new Messages.Member("carol", "t-carol", Role.LEADER, MemberState.HERE, 0),
                    new Messages.Member("dave", "t-dave", Role.FOLLOWER, MemberState.HERE, 0));
            Messages.GroupState afterBob = nextGroup(here);
            assertThat(afterBob.leader()).isEqualTo("carol");
            assertThat(afterBob.members()).extracting(Messages.Member::user).containsExactly("carol", "dave");
        }
        carol.assertNoPush();
    }

    @Test
    void aLeaderWhoLeavesIsSucceededByTheLongestStandingMemberWhoIsNotAway() throws Exception {
        TestClient[] c = start(null, "bob", "carol");
        TestClient alice = c[0];
        TestClient carol = c[2];
        String g = TestGroups.form(alice, c[1], carol);
        c[1].close();
        nextGroup(alice);
        nextGroup(carol);
        alice.request(r -> new Messages.GroupLeave(r, g), Messages.Ok.class);
        Messages.GroupState s = carol.push(Messages.GroupState.class);
        assertThat(s.leader()).isEqualTo("carol");
        assertThat(s.members()).containsExactly(new Messages.Member("bob", "t-bob", Role.FOLLOWER, MemberState.AWAY, 0),
                new Messages.Member("carol", "t-carol", Role.LEADER, MemberState.HERE, 0));
        // bob comes back as a follower of carol
        TestClient bob2 = f.login("bob");
        Messages.GroupState back = bob2.push(Messages.GroupState.class);
        assertThat(back.member("bob")).isEqualTo(new Messages.Member("bob", "t-bob", Role.FOLLOWER, MemberState.HERE, 1));
        assertThat(carol.push(Messages.GroupState.class)).isEqualTo(back);
    }

    @Test
    void whenEveryoneLeftIsAwayTheLongestStandingLeads() throws Exception {
        TestClient[] c = start(null, "bob", "carol");
        TestClient alice = c[0];
        String g = TestGroups.form(alice, c[1], c[2]);
        c[2].close();
        c[1].close();
        nextGroup(alice);
        nextGroup(alice);
        alice.request(r -> new Messages.GroupLeave(r, g), Messages.Ok.class);
        // nobody is online to be told: bob, the longest-standing, leads, as he sees when he is back
        TestClient bob2 = f.login("bob");
        Messages.GroupState s = bob2.push(Messages.GroupState.class);
        assertThat(s.leader()).isEqualTo("bob");
        assertThat(s.members()).containsExactly(new Messages.Member("bob", "t-bob", Role.LEADER, MemberState.HERE, 1),
                new Messages.Member("carol", "t-carol", Role.FOLLOWER, MemberState.AWAY, 0));
    }

    @Test
    void aZeroGraceLeavesAtOnce() throws Exception {
        TestClient[] c = start(Duration.ZERO, "bob", "carol");
        TestClient alice = c[0];
        TestClient bob = c[1];
        String g = TestGroups.form(alice, bob, c[2]);
        c[2].close();
        Messages.GroupState s = alice.push(Messages.GroupState.class);
        assertThat(s.members()).extracting(Messages.Member::user).containsExactly("alice", "bob");
        alice.push(Messages.Presence.class);
        bob.push(Messages.GroupState.class);
        bob.close();
        // groups first, then presence
        assertThat(alice.push(Messages.GroupDissolved.class)).isEqualTo(new Messages.GroupDissolved(g, DissolvedReason.DISCONNECTED, "bob"));
        assertThat(alice.push(Messages.Presence.class)).isEqualTo(new Messages.Presence("bob", false));
    }

    @Test
    void aRestartKeepsGroupsWithEveryMemberAwayForTheGraceFromTheStart() throws Exception {
        TestClient[] c = start(null, "bob");
        String g = TestGroups.form(c[0], c[1]);
        f.cc.close(); // the control center stops while its clients are connected: no departures
        f.cc = ControlCenter.start(Config.of(dir).withClock(f.clock));
        TestClient alice = f.login("alice");
        Messages.GroupState back = alice.push(Messages.GroupState.class);
        assertThat(back.group()).isEqualTo(g);
        assertThat(back.version()).as("1, +1 every member away at the start, +1 alice back").isEqualTo(3);
        assertThat(back.members()).containsExactly(new Messages.Member("alice", "t-alice", Role.LEADER, MemberState.HERE, 1),
                new Messages.Member("bob", "t-bob", Role.FOLLOWER, MemberState.AWAY, 0));
        TestClient bob = f.login("bob");
        Messages.GroupState both = bob.push(Messages.GroupState.class);
        assertThat(both.member("bob")).isEqualTo(new Messages.Member("bob", "t-bob", Role.FOLLOWER, MemberState.HERE, 1));
        assertThat(alice.pushSkipping(Messages.GroupState.class, Messages.Presence.class)).isEqualTo(both);
        alice.request(r -> new Messages.FollowPause(r, g, false), Messages.Ok.class); // a member, nothing changes
        alice.assertNoPush();
    }

    @Test
    void aRestartWithNoGraceLeavesTheKeptGroupsAtOnce() throws Exception {
        TestClient[] c = start(null, "bob");
        String g = TestGroups.form(c[0], c[1]);
        f.cc.close();
        f.cc = ControlCenter.start(Config.of(dir).withClock(f.clock).withAwayGrace(Duration.ZERO));
        TestClient alice = f.login("alice");
        alice.refused(r -> new Messages.FollowPause(r, g, false), ErrorCode.NOT_IN_GROUP); // how a terminal finds it gone
        alice.assertNoPush();
    }
}
