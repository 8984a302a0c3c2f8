package dev.companion.scc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.p2p.protocol.ActionKind;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Following;
import dev.companion.p2p.protocol.MemberState;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Mode;
import dev.companion.p2p.protocol.Role;
import dev.companion.p2p.protocol.Scope;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** group_set (versions, who may change what) and follow_pause. */
class GroupSettingsTest {
    @TempDir
    Path dir;
    Fixture f;
    TestClient alice;
    TestClient bob;
    TestClient carol;
    TestClient dave;
    String g;

    @BeforeEach
    void start() throws Exception {
        f = Fixture.start(dir, List.of("alice", "bob", "carol", "dave"), "alice:bob", "alice:carol");
        bob = f.login("bob");
        carol = f.login("carol");
        dave = f.login("dave");
        alice = f.login("alice");
        bob.push(Messages.Presence.class);
        carol.push(Messages.Presence.class);
        Messages.GroupState formed = TestGroups.formState(alice, bob, carol);
        g = formed.group();
        assertThat(formed.version()).isEqualTo(2);
        assertThat(formed.mode()).isEqualTo(Mode.LEADER_FOLLOWER);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private static Messages.GroupSet set(long req, String group, long version, Mode mode, Following following,
                                         Scope scope, List<ActionKind> kinds, List<String> pages) {
        return new Messages.GroupSet(req, group, version, mode, following, scope, kinds, pages);
    }

    /** Every member receives the same next group state; returns it. */
    private Messages.GroupState everyoneSees() {
        Messages.GroupState s = alice.push(Messages.GroupState.class);
        assertThat(bob.push(Messages.GroupState.class)).isEqualTo(s);
        assertThat(carol.push(Messages.GroupState.class)).isEqualTo(s);
        return s;
    }

    private void nobodySeesAnything() {
        alice.assertNoPush();
        bob.assertNoPush();
        carol.assertNoPush();
        dave.assertNoPush();
    }

    @Test
    void inLeaderFollowerModeOnlyTheLeaderChangesTheSettings() {
        bob.refused(r -> set(r, g, 2, Mode.MUTUAL, Following.AUTO, Scope.FULL, null, null), ErrorCode.NOT_LEADER);
        dave.refused(r -> set(r, g, 2, Mode.MUTUAL, Following.AUTO, Scope.FULL, null, null), ErrorCode.NOT_IN_GROUP);
        dave.refused(r -> set(r, "g-none", 1, Mode.MUTUAL, Following.AUTO, Scope.FULL, null, null), ErrorCode.NOT_IN_GROUP);
        nobodySeesAnything();

        alice.request(r -> set(r, g, 2, Mode.LEADER_FOLLOWER, Following.MANUAL, Scope.PARTIAL, List.of(ActionKind.SCROLL, ActionKind.NAVIGATE),
                List.of("https://example.org/*")), Messages.Ok.class);
        Messages.GroupState s = everyoneSees();
        assertThat(s.version()).isEqualTo(3);
        assertThat(s.leader()).isEqualTo("alice");
        assertThat(List.of(s.mode(), s.following(), s.scope()))
                .containsExactly(Mode.LEADER_FOLLOWER, Following.MANUAL, Scope.PARTIAL);
        assertThat(s.kinds()).containsExactly(ActionKind.NAVIGATE, ActionKind.SCROLL);
        assertThat(s.pages()).containsExactly("https://example.org/*");
        dave.assertNoPush();

        // the same settings again change nothing: ok, no announcement
        alice.request(r -> set(r, g, 3, Mode.LEADER_FOLLOWER, Following.MANUAL, Scope.PARTIAL, List.of(ActionKind.NAVIGATE, ActionKind.SCROLL),
                List.of("https://example.org/*")), Messages.Ok.class);
        nobodySeesAnything();
    }

    @Test
    void inMutualModeAnyMemberChangesTheSettings() {
        alice.request(r -> set(r, g, 2, Mode.MUTUAL, Following.AUTO, Scope.FULL, null, null), Messages.Ok.class);
        assertThat(everyoneSees().mode()).isEqualTo(Mode.MUTUAL);
        bob.request(r -> set(r, g, 3, Mode.MUTUAL, Following.MANUAL, Scope.FULL, null, null), Messages.Ok.class);
        Messages.GroupState s = everyoneSees();
        assertThat(s.version()).isEqualTo(4);
        assertThat(s.following()).isEqualTo(Following.MANUAL);
        // a follower may switch back to leader-follower; then it may not change anything any more
        carol.request(r -> set(r, g, 4, Mode.LEADER_FOLLOWER, Following.MANUAL, Scope.FULL, null, null), Messages.Ok.class);
        assertThat(everyoneSees().mode()).isEqualTo(Mode.LEADER_FOLLOWER);
        carol.refused(r -> set(r, g, 5, Mode.MUTUAL, Following.MANUAL, Scope.FULL, null, null), ErrorCode.NOT_LEADER);
    }

    @Test
    void aStaleVersionIsRefusedAndChangesNothing() {
        Messages.Error e = alice.refused(r -> set(r, g, 1, Mode.MUTUAL, Following.AUTO, Scope.FULL, null, null), ErrorCode.GROUP_CHANGED);
        assertThat(e.message()).contains("version 2").contains("carol joined");
        alice.refused(r -> set(r, g, 7, Mode.MUTUAL, Following.AUTO, Scope.FULL, null, null), ErrorCode.GROUP_CHANGED);
        nobodySeesAnything();
    }

    /** Two members change the mode at once from the same version: the first wins, the second is refused. */
    @Test
    void twoChangesFromOneVersionAtOnceExactlyOneWins() {
        alice.request(r -> set(r, g, 2, Mode.MUTUAL, Following.AUTO, Scope.FULL, null, null), Messages.Ok.class);
        everyoneSees();
        long ra = TestClient.nextReq();
        long rb = TestClient.nextReq();
        Messages.GroupSet fromAlice = set(ra, g, 3, Mode.LEADER_FOLLOWER, Following.AUTO, Scope.FULL, null, null);
        Messages.GroupSet fromBob = set(rb, g, 3, Mode.MUTUAL, Following.MANUAL, Scope.PARTIAL, List.of(ActionKind.CLICK), null);
        alice.send(fromAlice);
        bob.send(fromBob);
        Message a = alice.answer(ra);
        Message b = bob.answer(rb);
        assertThat(List.of(a, b)).filteredOn(m -> m instanceof Messages.Ok).hasSize(1);
        Messages.Error refused = (Messages.Error) (a instanceof Messages.Error ? a : b);
        assertThat(refused.code()).as(refused.message()).isEqualTo(ErrorCode.GROUP_CHANGED);
        assertThat(refused.message()).contains("version 4");
        Messages.GroupSet winner = a instanceof Messages.Ok ? fromAlice : fromBob;

        Messages.GroupState s = everyoneSees();
        assertThat(s.version()).isEqualTo(4);
        assertThat(List.of(s.mode(), s.following(), s.scope())).containsExactly(winner.mode(), winner.following(),
                winner.scope());
        assertThat(s.kinds()).isEqualTo(winner.kinds());
        nobodySeesAnything(); // exactly one change was announced
    }

    @Test
    void badSettingsAreMissingField() {
        String json = "{\"type\":\"group_set\",\"req\":990001,\"group\":\"" + g + "\",\"version\":2,"
                + "\"mode\":\"anarchy\",\"following\":\"auto\",\"scope\":\"full\"}";
        alice.send(json.getBytes(StandardCharsets.UTF_8));
        Messages.Error e = (Messages.Error) alice.answer(990001);
        assertThat(e.code()).isEqualTo(ErrorCode.MISSING_FIELD);
        json = "{\"type\":\"group_set\",\"req\":990002,\"group\":\"" + g + "\",\"version\":2,"
                + "\"mode\":\"mutual\",\"following\":\"auto\",\"scope\":\"partial\",\"kinds\":[\"teleport\"]}";
        alice.send(json.getBytes(StandardCharsets.UTF_8));
        assertThat(((Messages.Error) alice.answer(990002)).code()).isEqualTo(ErrorCode.MISSING_FIELD);
        nobodySeesAnything();
    }

    @Test
    void aFollowerPausesAndResumesAndEveryoneSeesIt() {
        bob.request(r -> new Messages.FollowPause(r, g, true), Messages.Ok.class);
        Messages.GroupState s = everyoneSees();
        assertThat(s.version()).isEqualTo(3);
        assertThat(s.member("bob").state()).isEqualTo(MemberState.PAUSED);
        assertThat(s.member("bob").role()).isEqualTo(Role.FOLLOWER);
        bob.request(r -> new Messages.FollowPause(r, g, true), Messages.Ok.class); // already paused: nothing new
        nobodySeesAnything();
        bob.request(r -> new Messages.FollowPause(r, g, false), Messages.Ok.class);
        s = everyoneSees();
        assertThat(s.version()).isEqualTo(4);
        assertThat(s.member("bob").state()).isEqualTo(MemberState.HERE);
    }

    @Test
    void theLeaderDoesNotFollowButInMutualModeEveryonePauses() {
        Messages.Error e = alice.refused(r -> new Messages.FollowPause(r, g, true), ErrorCode.ACTION_REFUSED);
        assertThat(e.message()).isEqualTo("the leader does not follow");
        nobodySeesAnything();
        alice.request(r -> set(r, g, 2, Mode.MUTUAL, Following.AUTO, Scope.FULL, null, null), Messages.Ok.class);
        everyoneSees();
        alice.request(r -> new Messages.FollowPause(r, g, true), Messages.Ok.class);
        assertThat(everyoneSees().member("alice").state()).isEqualTo(MemberState.PAUSED);
        // back to leader-follower: the leader does not follow, so it is here again
        alice.request(r -> set(r, g, 4, Mode.LEADER_FOLLOWER, Following.AUTO, Scope.FULL, null, null), Messages.Ok.class);
        Messages.GroupState s = everyoneSees();
        assertThat(s.mode()).isEqualTo(Mode.LEADER_FOLLOWER);
        assertThat(s.member("alice").state()).isEqualTo(MemberState.HERE);
    }

    @Test
    void aResumeForAGroupTheMemberLeftIsRefused() {
        carol.request(r -> new Messages.FollowPause(r, g, true), Messages.Ok.class);
        everyoneSees();
        carol.request(r -> new Messages.GroupLeave(r, g), Messages.Ok.class);
        alice.push(Messages.GroupState.class);
        bob.push(Messages.GroupState.class);
        carol.refused(r -> new Messages.FollowPause(r, g, false), ErrorCode.NOT_IN_GROUP);
        dave.refused(r -> new Messages.FollowPause(r, g, true), ErrorCode.NOT_IN_GROUP);
        nobodySeesAnything();
    }

    @Test
    void aGroupFollowsLocalAddressesOnlyWhenItsLeaderSaysSo() {
        bob.refused(r -> new Messages.GroupSet(r, g, 2, Mode.LEADER_FOLLOWER, Following.AUTO, Scope.FULL, null, null, true),
                ErrorCode.NOT_LEADER);
        nobodySeesAnything();
        alice.request(r -> new Messages.GroupSet(r, g, 2, Mode.LEADER_FOLLOWER, Following.AUTO, Scope.FULL, null, null, true),
                Messages.Ok.class);
        Messages.GroupState on = everyoneSees();
        assertThat(on.localAddresses()).isTrue();
        assertThat(on.version()).isEqualTo(3);
        // a settings change that does not mention it turns it off again (absent on the wire is false)
        alice.request(r -> set(r, g, 3, Mode.MUTUAL, Following.AUTO, Scope.FULL, null, null), Messages.Ok.class);
        assertThat(everyoneSees().localAddresses()).isFalse();
    }
}
