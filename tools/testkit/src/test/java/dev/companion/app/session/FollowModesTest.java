package dev.companion.app.session;

import static dev.companion.testkit.HeadlessTerminal.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.companion.app.follow.MemberStatus;
import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.ActionKind;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Following;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Mode;
import dev.companion.p2p.protocol.Outcome;
import dev.companion.p2p.protocol.ProposalKind;
import dev.companion.p2p.protocol.ProtocolException;
import dev.companion.p2p.protocol.Scope;
import dev.companion.scc.ControlCenter;
import dev.companion.testkit.ControlCenters;
import dev.companion.testkit.HeadlessTerminal;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way of following, with three headless terminals over a real control center and real peer
 * links: mutual (no echo, no loop), hand-over, the leader quitting, manual steps accepted and
 * declined, partial scope by kind and page, pause and resume with catch-up, late join, and two
 * members changing the settings at once.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FollowModesTest {
    @TempDir
    Path dir;
    private ControlCenter scc;
    private HeadlessTerminal alice;
    private HeadlessTerminal bob;
    private HeadlessTerminal carol;

    @BeforeEach
    void start() throws Exception {
        scc = ControlCenters.startWithFriends(dir, "alice", "bob", "carol");
        alice = terminal("alice");
        bob = terminal("bob");
        carol = terminal("carol");
        alice.browse("http://shop.test/");
        join(bob);
    }

    private HeadlessTerminal terminal(String user) throws Exception {
        HeadlessTerminal t = new HeadlessTerminal(user, dir.resolve(user), scc.port(), scc.fingerprint());
        t.login();
        return t;
    }

    private void join(HeadlessTerminal who) throws Exception {
        alice.session.invite(who.user).get(10, TimeUnit.SECONDS);
        await(() -> !who.invitations.isEmpty(), who.user + " invited");
        who.session.answer(who.invitations.remove(0).id(), true).get(10, TimeUnit.SECONDS);
        await(() -> alice.linked.contains(who.user) && who.linked.contains("alice"), who.user + " linked to alice");
    }

    private void joinCarol() throws Exception {
        join(carol);
        await(() -> bob.linked.contains("carol") && carol.linked.contains("bob"), "bob and carol linked");
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
        return new Action.Input("http://shop.test/", "", "#q", value);
    }

    private static List<String> inputs(HeadlessTerminal t) {
        return t.applied.stream().filter(a -> a instanceof Action.Input).map(TestActions::value).toList();
    }

    private static void settings(HeadlessTerminal who, Mode mode, Following following, Scope scope, List<ActionKind> kinds,
                                 List<String> pages) throws Exception {
        long before = who.group.version();
        who.session.setSettings(mode, following, scope, kinds, pages).get(10, TimeUnit.SECONDS);
        await(() -> who.group.version() > before && who.group.mode() == mode, "settings applied");
    }

    @Test
    void mutualWithThreeReachesEveryoneElseOnceWithNoEchoOrLoop() throws Exception {
        joinCarol();
        settings(alice, Mode.MUTUAL, Following.AUTO, Scope.FULL, List.of(), List.of());
        await(() -> bob.group.mutual() && carol.group.mutual(), "everyone sees mutual");
        alice.session.onLocalAction(input("a1"));
        bob.session.onLocalAction(new Action.Click("http://shop.test/", "", "#b1"));
        // another field than alice's: two changes of one field at once would rightly end in one value
        carol.session.onLocalAction(new Action.Input("http://shop.test/", "", "#note", "c1"));
        await(() -> got(alice).size() == 2 && got(bob).size() == 2 && got(carol).size() == 2, "each got the two others'");
        assertThat(got(alice)).containsExactlyInAnyOrder("#b1", "c1");
        assertThat(got(bob)).containsExactlyInAnyOrder("a1", "c1");
        assertThat(got(carol)).containsExactlyInAnyOrder("a1", "#b1");
        // nothing more arrives: no echo, no loop
        alice.session.onLocalAction(input("marker"));
        await(() -> got(bob).contains("marker") && got(carol).contains("marker"), "marker");
        assertThat(got(alice)).hasSize(2);
        assertThat(got(bob)).hasSize(3);
        assertThat(got(carol)).hasSize(3);
    }

    /** What t applied besides catch-up loads: input values and clicked selectors. */
    private static List<String> got(HeadlessTerminal t) {
        return t.applied.stream().filter(a -> !(a instanceof Action.Navigate))
                .map(a -> TestActions.value(a) == null ? TestActions.selector(a) : TestActions.value(a)).toList();
    }

    @Test
    void handOverByAskingThenTheNewLeaderLeads() throws Exception {
        joinCarol();
        bob.session.askLead().get(10, TimeUnit.SECONDS);
        await(() -> !alice.proposals.isEmpty(), "alice is asked");
        Messages.LeadProposal p = alice.proposals.get(0);
        assertThat(p.kind()).isEqualTo(ProposalKind.ASK);
        assertThat(p.from()).isEqualTo("bob");
        alice.session.answerLead(p.id(), true).get(10, TimeUnit.SECONDS);
        await(() -> "bob".equals(alice.group.leader()) && "bob".equals(carol.group.leader()) && "bob".equals(bob.group.leader()),
                "everyone sees bob lead");
        await(() -> !bob.answers.isEmpty(), "bob told");
        assertThat(bob.answers.get(0).accepted()).isTrue();
        bob.session.onLocalAction(input("bob leads"));
        alice.session.onLocalAction(input("alice follows now")); // stays local
        await(() -> inputs(alice).contains("bob leads") && inputs(carol).contains("bob leads"), "bob's action followed");
        assertThat(inputs(bob)).isEmpty();
        assertThat(inputs(carol)).containsExactly("bob leads");
    }

    @Test
    void anOfferedLeadCanBeDeclined() throws Exception {
        alice.session.offerLead("bob").get(10, TimeUnit.SECONDS);
        await(() -> !bob.proposals.isEmpty(), "bob is offered");
        bob.session.answerLead(bob.proposals.get(0).id(), false).get(10, TimeUnit.SECONDS);
        await(() -> !alice.answers.isEmpty(), "alice told");
        assertThat(alice.answers.get(0).accepted()).isFalse();
        assertThat(alice.group.leader()).isEqualTo("alice");
    }

    @Test
    void whenTheLeaderQuitsTheLongestStandingMemberLeadsAndTheGroupGoesOn() throws Exception {
        joinCarol();
        alice.session.leave().get(10, TimeUnit.SECONDS);
        await(() -> bob.group != null && "bob".equals(bob.group.leader()) && carol.group != null
                && "bob".equals(carol.group.leader()) && carol.group.members().size() == 2, "bob leads bob and carol");
        bob.session.onLocalAction(input("after alice"));
        await(() -> inputs(carol).contains("after alice"), "carol follows bob");
    }

    @Test
    void manualStepsAreAcceptedOrDeclinedAndTheLeaderSeesEachAnswer() throws Exception {
        joinCarol();
        bob.session.setStepDecider((from, seq, actions) -> CompletableFuture.completedFuture(true));
        carol.session.setStepDecider((from, seq, actions) -> CompletableFuture.completedFuture(false));
        settings(alice, Mode.LEADER_FOLLOWER, Following.MANUAL, Scope.FULL, List.of(), List.of());
        await(() -> bob.group.manual() && carol.group.manual(), "everyone sees manual");
        alice.session.onLocalAction(input("s1"));
        alice.session.onLocalAction(input("s2"));
        assertThat(alice.session.engine().held()).hasSize(2);
        assertThat(alice.session.sendHeld()).isTrue();
        await(() -> inputs(bob).equals(List.of("s1", "s2")), "bob accepted the step");
        await(() -> alice.session.engine().statuses().size() == 2, "both answered");
        MemberStatus c = alice.session.engine().statuses().stream().filter(s -> s.user().equals("carol")).findFirst().orElseThrow();
        MemberStatus b = alice.session.engine().statuses().stream().filter(s -> s.user().equals("bob")).findFirst().orElseThrow();
        assertThat(b.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(c.outcome()).isEqualTo(Outcome.DECLINED);
        assertThat(inputs(carol)).isEmpty();
    }

    @Test
    void partialScopeByKindAndByPage() throws Exception {
        settings(alice, Mode.LEADER_FOLLOWER, Following.AUTO, Scope.PARTIAL, List.of(ActionKind.NAVIGATE), List.of("http://shop.test/*"));
        await(() -> bob.group.scope() == Scope.PARTIAL, "bob sees partial");
        alice.session.onLocalAction(input("typing stays here"));
        alice.browse("http://bank.test/account"); // outside the pages
        alice.browse("http://shop.test/cart");
        await(() -> bob.applied.stream().anyMatch(a -> a instanceof Action.Navigate n && "http://shop.test/cart".equals(n.url())), "bob followed to the cart");
        assertThat(inputs(bob)).isEmpty();
        assertThat(bob.applied).noneMatch(a -> a instanceof Action.Navigate n && n.url().contains("bank"));
    }

    @Test
    void pauseTakesTheScreenBackAndResumeCatchesUp() throws Exception {
        alice.session.onLocalAction(input("before"));
        await(() -> inputs(bob).contains("before"), "bob follows");
        bob.session.pause(true).get(10, TimeUnit.SECONDS);
        await(() -> alice.group.member("bob").paused(), "alice sees bob paused");
        alice.session.onLocalAction(input("while paused"));
        alice.browse("http://shop.test/product/green-tea");
        await(() -> alice.session.engine().statuses().stream().anyMatch(s -> s.outcome() == Outcome.PAUSED), "alice told paused");
        assertThat(inputs(bob)).containsExactly("before");
        int restored = bob.restored.size();
        bob.session.pause(false).get(10, TimeUnit.SECONDS);
        await(() -> bob.restored.size() > restored, "bob caught up");
        assertThat(bob.restored.get(bob.restored.size() - 1).url()).isEqualTo("http://shop.test/product/green-tea");
        assertThat(bob.page).isEqualTo("http://shop.test/product/green-tea");
        await(() -> !alice.group.member("bob").paused(), "alice sees bob follow again");
        alice.session.onLocalAction(input("after"));
        await(() -> inputs(bob).contains("after"), "bob follows again");
        assertThat(inputs(bob)).containsExactly("before", "after");
    }

    @Test
    void aLateJoinerCatchesUpWithTheLeadersPageThenFollows() throws Exception {
        alice.browse("http://shop.test/product/green-tea");
        alice.session.onLocalAction(input("early"));
        await(() -> inputs(bob).contains("early"), "bob has it");
        joinCarol();
        await(() -> !carol.restored.isEmpty(), "carol caught up");
        assertThat(carol.restored.get(0).url()).isEqualTo("http://shop.test/product/green-tea");
        assertThat(inputs(carol)).isEmpty(); // the state, not a replay of the history
        alice.session.onLocalAction(input("late"));
        await(() -> inputs(carol).contains("late"), "carol follows");
    }

    @Test
    void twoMembersChangingTheModeAtOnceEndInOneStateAndTheOtherIsTold() throws Exception {
        joinCarol();
        settings(alice, Mode.MUTUAL, Following.AUTO, Scope.FULL, List.of(), List.of());
        await(() -> bob.group.mutual() && carol.group.mutual(), "mutual everywhere");
        CompletableFuture<?> b = bob.session.setSettings(Mode.MUTUAL, Following.MANUAL, Scope.FULL, List.of(), List.of());
        CompletableFuture<?> c = carol.session.setSettings(Mode.LEADER_FOLLOWER, Following.AUTO, Scope.FULL, List.of(), List.of());
        int ok = 0;
        ErrorCode refused = null;
        for (CompletableFuture<?> f : List.of(b, c)) {
            try {
                f.get(10, TimeUnit.SECONDS);
                ok++;
            } catch (ExecutionException e) {
                refused = ((ProtocolException) e.getCause()).code();
            }
        }
        assertThat(ok).isEqualTo(1);
        assertThat(refused).isEqualTo(ErrorCode.GROUP_CHANGED);
        await(() -> alice.group.version() == bob.group.version() && bob.group.version() == carol.group.version(),
                "one state everywhere");
        assertThat(alice.group).isEqualTo(bob.group).isEqualTo(carol.group);
    }

    @Test
    void aPauseForAGroupLeftIsRefused() throws Exception {
        Messages.GroupState g = bob.group;
        bob.session.leave().get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> bob.session.pause(false)).isInstanceOf(ProtocolException.class);
        assertThat(g).isNotNull();
    }
}
