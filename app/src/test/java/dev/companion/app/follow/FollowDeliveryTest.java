package dev.companion.app.follow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.ActionKind;
import dev.companion.p2p.protocol.CatchUpReason;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Following;
import dev.companion.p2p.protocol.GroupMessage;
import dev.companion.p2p.protocol.MemberState;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Messages.ActionMsg;
import dev.companion.p2p.protocol.Messages.CatchUp;
import dev.companion.p2p.protocol.Messages.GroupState;
import dev.companion.p2p.protocol.Messages.Member;
import dev.companion.p2p.protocol.Messages.PageState;
import dev.companion.p2p.protocol.Messages.Result;
import dev.companion.p2p.protocol.Messages.Resume;
import dev.companion.p2p.protocol.Mode;
import dev.companion.p2p.protocol.NavigationCause;
import dev.companion.p2p.protocol.Outcome;
import dev.companion.p2p.protocol.Role;
import dev.companion.p2p.protocol.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Delivery rules of the follow engine between engines wired to each other in memory (one ordered
 * delivery thread per receiver, like a link): exactly once and in order through gaps, duplicates
 * and restarts; catch-up when the log cannot fill a gap; mutual mode agreement; scope; manual
 * steps; pause and resume. The real links and control center are in session/*Test.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FollowDeliveryTest {
    private static final String PAGE = "http://shop.test/product/green-tea";
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private final Map<String, Node> nodes = new ConcurrentHashMap<>();
    private final FollowEngine.Timing fast = new FollowEngine.Timing(Duration.ofMillis(200), Duration.ofMillis(200),
            Duration.ofSeconds(2), Duration.ofMillis(300), Duration.ofMillis(200));

    @AfterEach
    void stop() {
        nodes.values().forEach(n -> n.engine.close());
        nodes.values().forEach(n -> n.wire.shutdownNow());
        scheduler.shutdownNow();
    }

    /** One terminal: its engine, recording target, journal, and the thread its messages arrive on. */
    private final class Node implements Outbox {
        final String user;
        final FollowEngineTest.RecordingTarget target = new FollowEngineTest.RecordingTarget();
        final FollowJournal journal;
        final ExecutorService wire = Executors.newSingleThreadExecutor();
        final List<String> outcomes = new CopyOnWriteArrayList<>();
        final List<String> caughtUp = new CopyOnWriteArrayList<>();
        final List<Message> out = new CopyOnWriteArrayList<>();
        volatile boolean cut;
        volatile StepDecider decider = StepDecider.ACCEPT_ALL;
        final FollowEngine engine;

        Node(String user, FollowJournal journal, int logBound) {
            this.user = user;
            this.journal = journal;
            engine = new FollowEngine(user, this, target, scheduler, fast, journal,
                    (f, s, a) -> decider.decide(f, s, a), logBound, dev.companion.app.similar.SimilarUrls.builtIn());
            engine.addListener(new FollowListener() {
                @Override
                public void onApplied(String from, long seq, Action action, Outcome outcome, String reason) {
                    outcomes.add(from + ":" + seq + ":" + outcome + ":" + TestActions.value(action));
                }

                @Override
                public void onCaughtUp(String from, long seq, CatchUpReason reason, String page) {
                    caughtUp.add(from + ":" + seq + ":" + reason);
                }
            });
            target.onLoad = engine::onPageReady;
        }

        @Override
        public int broadcast(String group, Message m) {
            int n = 0;
            for (Node other : nodes.values()) {
                if (other != this && send(group, other.user, m)) {
                    n++;
                }
            }
            return n;
        }

        @Override
        public boolean send(String group, String to, Message m) {
            out.add(m);
            Node other = nodes.get(to);
            if (cut || other == null || other.cut) {
                return false; // the link is down: lost
            }
            other.wire.execute(() -> other.engine.onRemote(group, user, (GroupMessage) m));
            return true;
        }
    }

    private Node node(String user) {
        return node(user, new MemoryJournal(), 5_000);
    }

    private Node node(String user, FollowJournal journal, int bound) {
        Node n = new Node(user, journal, bound);
        nodes.put(user, n);
        return n;
    }

    private static GroupState group(Mode mode, Following following, Scope scope, List<ActionKind> kinds, List<String> pages,
                                    String... users) {
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < users.length; i++) {
            members.add(new Member(users[i], "t-" + users[i], i == 0 ? Role.LEADER : Role.FOLLOWER, MemberState.HERE, 1));
        }
        return new GroupState("g1", 1, users[0], mode, following, scope, kinds, pages, members);
    }

    private static GroupState leaderGroup(String... users) {
        return group(Mode.LEADER_FOLLOWER, Following.AUTO, Scope.FULL, List.of(), List.of(), users);
    }

    private static Action input(String value) {
        return new Action.Input(null, "", "#q", value);
    }

    private static List<String> values(Node n) {
        return n.target.applied.stream().map(TestActions::value).toList();
    }

    private static String[] range(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "v" + i).toArray(String[]::new);
    }

    /** n captures v{from}..v{to}, one action each. */
    private static void act(Node n, int from, int to) {
        for (int i = from; i <= to; i++) {
            n.engine.onLocalAction(input("v" + i));
        }
    }

    private static void await(BooleanSupplier c, String what) throws InterruptedException {
        Instant end = Instant.now().plusSeconds(20);
        while (!c.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10); // polling with a deadline
        }
    }

    /** Holds what reaches nodes until the returned latch opens: each acts before it sees the other's change. */
    private static java.util.concurrent.CountDownLatch holdWires(Node... nodes) {
        java.util.concurrent.CountDownLatch hold = new java.util.concurrent.CountDownLatch(1);
        for (Node n : nodes) {
            n.wire.execute(() -> {
                try {
                    hold.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        return hold;
    }

    private void groupAll(GroupState g) {
        nodes.values().forEach(n -> n.engine.onGroup(g));
        nodes.values().forEach(n -> g.members().forEach(m -> {
            if (!m.user().equals(n.user)) {
                n.engine.onLinkUp(m.user());
            }
        }));
    }

    @Test
    void lostActionsAreFilledFromTheSendersLogExactlyOnceInOrder() throws Exception {
        Node alice = node("alice");
        Node bob = node("bob");
        groupAll(leaderGroup("alice", "bob"));
        act(alice, 1, 10);
        bob.cut = true; // the link drops: 11..20 are lost on the way
        act(alice, 11, 20);
        bob.cut = false;
        alice.engine.onLocalAction(input("v21")); // arrives early: held until the gap is filled by resume
        await(() -> bob.target.applied.size() == 21, "bob has all 21");
        assertThat(values(bob)).containsExactly(range(1, 21));
        assertThat(bob.out).filteredOn(m -> m instanceof Resume r && Long.valueOf(10).equals(r.after())).isNotEmpty();
        await(() -> alice.engine.statuses().stream().anyMatch(s -> s.user().equals("bob") && s.seq() == 21),
                "alice sees bob at 21");
    }

    @Test
    void aLateJoinAnswerDoesNotSkipWhatTheLogCanFill() throws Exception {
        Node alice = node("alice");
        Node bob = node("bob");
        groupAll(leaderGroup("alice", "bob"));
        act(alice, 1, 10);
        await(() -> bob.target.applied.size() == 10, "bob has 10");
        bob.cut = true;
        act(alice, 11, 20);
        bob.cut = false;
        int restoredBefore = bob.target.restored.size();
        // the answer to bob's first resume (no after: he had nothing) comes late, after the drop
        PageState late = new PageState(PAGE, List.of(), 0, 0, List.of());
        bob.wire.submit(() -> bob.engine.onRemote("g1", "alice", new CatchUp("g1", "alice", 20, CatchUpReason.JOIN, late))).get();
        alice.engine.onLocalAction(input("v21"));
        await(() -> bob.target.applied.size() == 21, "bob has all 21 from alice's log");
        assertThat(values(bob)).containsExactly(range(1, 21));
        assertThat(bob.caughtUp).doesNotContain("alice:20:join");
        assertThat(bob.target.restored).hasSize(restoredBefore);
    }

    @Test
    void aCatchUpDoesNotUndoMutualModesAgreement() throws Exception {
        Node alice = node("alice");
        Node bob = node("bob");
        groupAll(group(Mode.MUTUAL, Following.AUTO, Scope.FULL, List.of(), List.of(), "alice", "bob"));
        await(() -> bob.caughtUp.contains("alice:0:join"), "bob caught up with alice on joining");
        bob.cut = true; // bob's own change does not reach alice: only bob's register knows it
        bob.engine.onLocalAction(input("from bob")); // clock 1
        bob.cut = false;
        // a catch-up from alice reaches bob after his change, then alice's concurrent change
        bob.engine.setPaused(true);
        bob.engine.setPaused(false); // asks for a join catch-up again
        await(() -> bob.caughtUp.size() == 2, "bob caught up again");
        bob.wire.submit(() -> bob.engine.onRemote("g1", "alice", new ActionMsg("g1", "alice", 1, 1, input("from alice"))))
                .get();
        await(() -> bob.outcomes.size() == 1, "bob answered alice's change");
        assertThat(bob.outcomes).containsExactly("alice:1:superseded:from alice"); // (1, bob) > (1, alice)
    }

    @Test
    void aRestartedFollowerGoesOnWhereItStoppedWithNoDuplicates() throws Exception {
        Node alice = node("alice");
        MemoryJournal bobJournal = new MemoryJournal();
        Node bob = node("bob", bobJournal, 5_000);
        groupAll(leaderGroup("alice", "bob"));
        act(alice, 1, 30);
        await(() -> bob.target.applied.size() == 30, "bob applied 30");
        bob.engine.close();
        nodes.remove("bob");
        act(alice, 31, 40); // while bob is away
        Node bob2 = node("bob", bobJournal, 5_000); // the app again, same profile
        bob2.engine.onGroup(leaderGroup("alice", "bob"));
        bob2.engine.onLinkUp("alice");
        await(() -> bob2.target.applied.size() == 10, "bob (restarted) applied the 10 he missed");
        assertThat(values(bob2)).containsExactly(range(31, 40));
        assertThat(bob2.caughtUp).isEmpty();
    }

    @Test
    void aGapTheLogCannotFillIsCaughtUpFromTheLeadersPageAndSaidSo() throws Exception {
        Node alice = node("alice", new MemoryJournal(), 5); // keeps only its last 5
        Node bob = node("bob");
        groupAll(leaderGroup("alice", "bob"));
        alice.engine.onLocalAction(input("v1"));
        await(() -> bob.target.applied.size() == 1, "bob applied v1");
        int restoredBefore = bob.target.restored.size(); // (the join catch-up may have restored alice's page)
        bob.cut = true;
        act(alice, 2, 20);
        bob.cut = false;
        bob.engine.onLinkUp("alice");
        await(() -> bob.caughtUp.contains("alice:20:gap"), "bob caught up (gap)");
        assertThat(bob.target.restored).hasSize(restoredBefore + 1);
        assertThat(bob.target.restored.get(restoredBefore).url()).isEqualTo(PAGE);
        assertThat(bob.target.loads).containsOnly(PAGE);
        alice.engine.onLocalAction(input("v21"));
        await(() -> bob.target.applied.size() == 2, "bob applies what comes after the catch-up");
        assertThat(values(bob)).containsExactly("v1", "v21");
    }

    @Test
    void forgedAndStaleSequenceNumbersAreRefusedAndTheStreamCarriesOn() throws Exception {
        Node alice = node("alice");
        Node bob = node("bob");
        groupAll(leaderGroup("alice", "bob"));
        alice.engine.onLocalAction(input("v1"));
        await(() -> bob.target.applied.size() == 1, "v1");
        assertThat(bob.engine.onRemote("g1", "alice", new ActionMsg("g1", "alice", 1, input("again")))).isEqualTo(ErrorCode.STALE_SEQUENCE);
        assertThat(bob.engine.onRemote("g1", "alice", new ActionMsg("g1", "alice", Long.MAX_VALUE / 2, input("x"))))
                .isEqualTo(ErrorCode.SEQUENCE_INVALID);
        assertThat(bob.engine.onRemote("g1", "bob", new ActionMsg("g1", "bob", 2, input("me")))).isEqualTo(ErrorCode.NOT_A_MEMBER);
        alice.engine.onLocalAction(input("v2"));
        await(() -> bob.target.applied.size() == 2, "v2");
        assertThat(values(bob)).containsExactly("v1", "v2");
    }

    @Test
    void mutualModeHasNoEchoAndConcurrentChangesAgree() throws Exception {
        Node alice = node("alice");
        Node bob = node("bob");
        Node carol = node("carol");
        groupAll(group(Mode.MUTUAL, Following.AUTO, Scope.FULL, List.of(), List.of(), "alice", "bob", "carol"));
        // at once: neither has seen the other's change when making its own (both clocks are 1)
        java.util.concurrent.CountDownLatch hold = holdWires(alice, bob);
        alice.engine.onLocalAction(input("from alice"));
        bob.engine.onLocalAction(input("from bob"));
        hold.countDown();
        await(() -> alice.outcomes.size() == 1 && bob.outcomes.size() == 1 && carol.outcomes.size() == 2, "all delivered");
        // (1, bob) > (1, alice): bob's value wins everywhere; nobody got their own action back
        assertThat(alice.outcomes).containsExactly("bob:1:applied:from bob");
        assertThat(bob.outcomes).containsExactly("alice:1:superseded:from alice");
        // carol got both in some order: whichever came first, "from bob" is what her field ends with
        assertThat(values(carol).get(values(carol).size() - 1)).isEqualTo("from bob");
        assertThat(carol.outcomes).anySatisfy(o -> assertThat(o).isEqualTo("bob:1:applied:from bob"));
        assertThat(alice.out).allMatch(m -> !(m instanceof ActionMsg a) || a.from().equals("alice"));
        assertThat(bob.out).allMatch(m -> !(m instanceof ActionMsg a) || a.from().equals("bob"));
    }

    @Test
    void inMutualModeMembersOnTheirOwnPerUserPagesAgreeOnOneField() throws Exception {
        Node alice = node("alice");
        Node bob = node("bob");
        groupAll(group(Mode.MUTUAL, Following.AUTO, Scope.FULL, List.of(), List.of(), "alice", "bob"));
        java.util.concurrent.CountDownLatch hold = holdWires(alice, bob);
        // one checkout form, each on their own session's URL: the same field for the agreement rule
        String alices = "http://shop.test/checkout?sid=A1b2C3d4E5f6";
        String bobs = "http://shop.test/checkout?sid=Z9y8X7w6V5u4";
        alice.engine.onPageReady(alices);
        bob.engine.onPageReady(bobs);
        alice.engine.onLocalAction(new Action.Input(alices, "", "#name", "from alice"));
        bob.engine.onLocalAction(new Action.Input(bobs, "", "#name", "from bob"));
        hold.countDown();
        await(() -> alice.outcomes.size() == 1 && bob.outcomes.size() == 1, "both delivered");
        assertThat(alice.outcomes).containsExactly("bob:1:applied:from bob");
        assertThat(bob.outcomes).as("alice's older change is superseded on bob's page too").containsExactly(
                "alice:1:superseded:from alice");
    }

    @Test
    void partialScopeKeepsOtherKindsAndPagesLocalAndTheFollowerRefusesThem() throws Exception {
        Node alice = node("alice");
        Node bob = node("bob");
        groupAll(group(Mode.LEADER_FOLLOWER, Following.AUTO, Scope.PARTIAL, List.of(ActionKind.NAVIGATE), List.of("http://shop.test/*"),
                "alice", "bob"));
        alice.engine.onLocalAction(input("typed")); // a kind outside the scope
        alice.engine.onLocalAction(Action.navigate("http://bank.test/", NavigationCause.USER)); // a page outside it
        alice.engine.onLocalAction(Action.navigate("http://shop.test/cart", NavigationCause.USER));
        await(() -> bob.outcomes.size() == 1, "bob got the navigation");
        assertThat(alice.out).filteredOn(m -> m instanceof ActionMsg).hasSize(1);
        assertThat(bob.target.loads).endsWith("http://shop.test/cart"); // (after the join catch-up to alice's page)
        // a sender that ignores the scope: refused on arrival, and said to the sender
        bob.engine.onRemote("g1", "alice", new ActionMsg("g1", "alice", 2, input("sneaked")));
        await(() -> bob.outcomes.size() == 2, "refused");
        assertThat(bob.outcomes.get(1)).isEqualTo("alice:2:refused:sneaked");
        assertThat(bob.out).filteredOn(m -> m instanceof Result r && r.seq() == 2)
                .singleElement().satisfies(m -> assertThat(((Result) m).code()).isEqualTo("OUT_OF_SCOPE"));
    }

    @Test
    void manualStepsArePreviewedAcceptedOrDeclinedAndTheLeaderIsTold() throws Exception {
        Node alice = node("alice");
        Node bob = node("bob");
        List<List<Action>> previews = new CopyOnWriteArrayList<>();
        List<CompletableFuture<Boolean>> decisions = new CopyOnWriteArrayList<>();
        bob.decider = (from, seq, actions) -> {
            previews.add(actions);
            CompletableFuture<Boolean> d = new CompletableFuture<>();
            decisions.add(d);
            return d;
        };
        groupAll(group(Mode.LEADER_FOLLOWER, Following.MANUAL, Scope.FULL, List.of(), List.of(), "alice", "bob"));
        alice.engine.onLocalAction(input("v1"));
        alice.engine.onLocalAction(input("v2"));
        assertThat(alice.engine.held()).hasSize(2);
        assertThat(alice.out).noneMatch(m -> m instanceof ActionMsg || m instanceof Messages.Step);
        assertThat(alice.engine.sendHeld()).isTrue();
        await(() -> decisions.size() == 1, "bob previews the step");
        assertThat(previews.get(0)).extracting(TestActions::value).containsExactly("v1", "v2");
        decisions.get(0).complete(true);
        await(() -> bob.target.applied.size() == 2, "applied after accepting");
        alice.engine.onLocalAction(input("v3"));
        alice.engine.sendHeld();
        await(() -> decisions.size() == 2, "second step");
        decisions.get(1).complete(false);
        await(() -> alice.engine.statuses().stream().anyMatch(s -> s.seq() == 2), "alice hears about step 2");
        MemberStatus st = alice.engine.statuses().get(0);
        assertThat(st.outcome()).isEqualTo(Outcome.DECLINED);
        assertThat(st.failures()).isEqualTo(1);
        assertThat(values(bob)).containsExactly("v1", "v2");
    }

    @Test
    void aPausedFollowerIsToldNotMovedAndCatchesUpOnResume() throws Exception {
        Node alice = node("alice");
        Node bob = node("bob");
        groupAll(leaderGroup("alice", "bob"));
        alice.engine.onLocalAction(input("v1"));
        await(() -> bob.target.applied.size() == 1, "v1");
        bob.engine.setPaused(true);
        alice.engine.onLocalAction(input("v2"));
        alice.engine.onLocalAction(input("v3"));
        await(() -> bob.outcomes.size() == 3, "paused answers");
        assertThat(bob.outcomes).endsWith("alice:2:paused:v2", "alice:3:paused:v3");
        assertThat(values(bob)).containsExactly("v1");
        int restoredBefore = bob.target.restored.size(); // (the join catch-up may have restored already)
        bob.engine.setPaused(false);
        await(() -> bob.caughtUp.contains("alice:3:join"), "caught up on resume");
        assertThat(bob.target.restored).hasSize(restoredBefore + 1);
        alice.engine.onLocalAction(input("v4"));
        await(() -> bob.target.applied.size() == 2, "follows again");
        assertThat(values(bob)).containsExactly("v1", "v4");
    }

    @Test
    void aLateJoinerCatchesUpFromTheLeaderThenFollows() throws Exception {
        Node alice = node("alice");
        Node bob = node("bob");
        groupAll(leaderGroup("alice", "bob"));
        act(alice, 1, 5);
        await(() -> bob.target.applied.size() == 5, "bob has 5");
        Node carol = node("carol");
        GroupState three = leaderGroup("alice", "bob", "carol");
        alice.engine.onGroup(three);
        bob.engine.onGroup(three);
        carol.engine.onGroup(three);
        carol.engine.onLinkUp("alice");
        carol.engine.onLinkUp("bob");
        await(() -> carol.caughtUp.contains("alice:5:join"), "carol caught up with alice");
        assertThat(carol.target.restored).hasSize(1);
        assertThat(carol.target.applied).isEmpty(); // not a replay of the history
        alice.engine.onLocalAction(input("v6"));
        await(() -> carol.target.applied.size() == 1 && bob.target.applied.size() == 6, "both follow v6");
        assertThat(values(carol)).containsExactly("v6");
    }

    @Test
    void aNewLeadersStepThatCameBeforeTheGroupStateIsFetchedAgainOnceItLeads() throws Exception {
        Node alice = node("alice");
        Node bob = node("bob");
        groupAll(leaderGroup("alice", "bob"));
        bob.engine.onLocalAction(input("b0")); // bob does not lead: stays local
        alice.engine.onLocalAction(input("v1"));
        await(() -> bob.target.applied.size() == 1, "bob follows v1");
        List<String> refused = new CopyOnWriteArrayList<>();
        alice.engine.addListener(new FollowListener() {
            @Override
            public void onRefused(String from, long seq, String code, String reason) {
                refused.add(from + ":" + seq + ":" + code);
            }
        });
        // the lead moves to bob; bob hears it first and acts; his step reaches alice, who still
        // has the old group state, before hers comes
        GroupState bobLeads = leaderGroup("bob", "alice");
        bob.engine.onGroup(bobLeads);
        bob.engine.onLocalAction(input("b1"));
        await(() -> refused.contains("bob:1:NOT_LEADER"), "alice refuses bob's b1 (not the leader yet)");
        assertThat(alice.target.applied).isEmpty();
        alice.engine.onGroup(bobLeads);
        await(() -> alice.target.applied.size() == 1, "alice gets b1 again from bob's log");
        assertThat(values(alice)).containsExactly("b1");
        bob.engine.onLocalAction(input("b2"));
        await(() -> alice.target.applied.size() == 2, "alice follows b2");
        assertThat(values(alice)).containsExactly("b1", "b2");
    }

    @Test
    void aNonLeaderStepInLeaderModeIsRefused() {
        Node alice = node("alice");
        Node bob = node("bob");
        groupAll(leaderGroup("alice", "bob"));
        assertThat(alice.engine.onRemote("g1", "bob", new Messages.Step("g1", "bob", 1, 1, List.of(input("x")))))
                .isEqualTo(ErrorCode.NOT_LEADER);
        assertThat(alice.engine.onRemote("g2", "bob", new CatchUp("g2", "bob", 1, CatchUpReason.JOIN, null)))
                .isEqualTo(ErrorCode.NOT_IN_GROUP);
        assertThat(bob.engine.onRemote("g1", "alice", new Resume("g1", "alice", "carol", 0L)))
                .isEqualTo(ErrorCode.NOT_A_MEMBER);
    }
}
