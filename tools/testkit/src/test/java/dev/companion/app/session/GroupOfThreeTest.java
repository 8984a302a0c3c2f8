package dev.companion.app.session;

import static dev.companion.testkit.HeadlessTerminal.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.Messages;
import dev.companion.scc.ControlCenter;
import dev.companion.testkit.ControlCenters;
import dev.companion.testkit.HeadlessTerminal;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Groups of three terminals over a real control center and real peer links (no browser: the
 * follow target records what it is asked to apply).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class GroupOfThreeTest {
    @TempDir
    Path dir;
    private ControlCenter scc;
    private HeadlessTerminal alice;
    private HeadlessTerminal bob;
    private HeadlessTerminal carol;

    @BeforeEach
    void start() throws Exception {
        scc = ControlCenters.startWithFriends(dir, "alice", "bob", "carol");
        alice = new HeadlessTerminal("alice", dir.resolve("alice"), scc.port(), scc.fingerprint());
        bob = new HeadlessTerminal("bob", dir.resolve("bob"), scc.port(), scc.fingerprint());
        carol = new HeadlessTerminal("carol", dir.resolve("carol"), scc.port(), scc.fingerprint());
        alice.login();
        bob.login();
        carol.login();
        join(bob);
        join(carol);
        await(() -> alice.linked.containsAll(java.util.List.of("bob", "carol")), "alice linked to bob and carol");
        await(() -> bob.linked.contains("carol") && carol.linked.contains("bob"), "bob and carol linked");
    }

    private void join(HeadlessTerminal who) throws Exception {
        alice.session.invite(who.user).get(10, TimeUnit.SECONDS);
        await(() -> !who.invitations.isEmpty(), who.user + " invited");
        who.session.answer(who.invitations.remove(0).id(), true).get(10, TimeUnit.SECONDS);
        await(() -> who.group != null && alice.group != null
                && alice.group.members().stream().anyMatch(m -> m.user().equals(who.user)), who.user + " joined");
    }

    @AfterEach
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {alice, bob, carol, scc}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // closing
            }
        }
    }

    private static Action input(String value) {
        return new Action.Input(null, "", "#q", value);
    }

    @Test
    void everyFollowerGetsTheLeadersActionsInOrder() throws Exception {
        for (int i = 1; i <= 50; i++) {
            alice.session.onLocalAction(input("v" + i));
        }
        await(() -> bob.applied.size() == 50 && carol.applied.size() == 50, "50 actions at bob and carol");
        assertThat(bob.applied).extracting(TestActions::value).containsExactlyElementsOf(
                java.util.stream.IntStream.rangeClosed(1, 50).mapToObj(i -> "v" + i).toList());
        assertThat(carol.applied).containsExactlyElementsOf(bob.applied);
        assertThat(alice.applied).isEmpty();
        bob.session.onLocalAction(input("from bob")); // a follower's own actions stay local
        alice.session.onLocalAction(input("marker"));
        await(() -> carol.applied.size() == 51, "the marker at carol");
        assertThat(TestActions.value(carol.applied.get(50))).isEqualTo("marker");
        assertThat(alice.applied).isEmpty();
    }

    @Test
    void aGroupOfThreeCarriesOnWhenAFollowerLeaves() throws Exception {
        carol.session.leave().get(10, TimeUnit.SECONDS);
        await(() -> alice.group != null && alice.group.members().size() == 2, "alice sees two members");
        await(() -> bob.group != null && bob.group.members().size() == 2, "bob sees two members");
        assertThat(carol.group).isNull();
        await(() -> !alice.linked.contains("carol"), "alice's link to carol closed");
        alice.session.onLocalAction(input("after carol left"));
        await(() -> !bob.applied.isEmpty(), "bob still follows");
        assertThat(bob.applied).extracting(TestActions::value).containsExactly("after carol left");
        assertThat(carol.applied).isEmpty();
    }

    @Test
    void whenTheLeaderLeavesTheEarliestMemberLeadsAndTheOthersFollowThem() throws Exception {
        alice.session.leave().get(10, TimeUnit.SECONDS);
        await(() -> bob.group != null && bob.group.leader().equals("bob") && bob.group.members().size() == 2, "bob leads");
        await(() -> carol.group != null && carol.group.leader().equals("bob"), "carol follows bob");
        bob.session.onLocalAction(input("bob leads now"));
        await(() -> !carol.applied.isEmpty(), "carol follows bob");
        assertThat(carol.applied).extracting(TestActions::value).containsExactly("bob leads now");
    }

    @Test
    void aTwoMemberGroupIsDissolvedWhenOneLeaves() throws Exception {
        carol.session.leave().get(10, TimeUnit.SECONDS);
        await(() -> alice.group != null && alice.group.members().size() == 2, "two left");
        bob.session.leave().get(10, TimeUnit.SECONDS);
        await(() -> alice.group == null, "alice's group dissolved");
        assertThat(alice.groupEnded).isEqualTo("left:bob");
        Messages.InviteSent again = alice.session.invite("carol").get(10, TimeUnit.SECONDS);
        assertThat(again.group()).isNotBlank(); // a new group can be formed
    }
}
