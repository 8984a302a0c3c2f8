package dev.companion.app.follow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Following;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Messages.ActionMsg;
import dev.companion.p2p.protocol.Mode;
import dev.companion.p2p.protocol.NavigationCause;
import dev.companion.p2p.protocol.Outcome;
import dev.companion.p2p.protocol.Role;
import dev.companion.p2p.protocol.Scope;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The follow engine's decisions, with a recording target in place of the browser (the browser
 * itself is tested in app/browser and end to end in app/e2e).
 */
class FollowEngineTest {
    private static final String PAGE = "http://shop.test/product/green-tea";
    private static final Messages.GroupState GROUP = new Messages.GroupState("g1", "alice", Mode.LEADER_FOLLOWER, Following.AUTO, Scope.FULL,
            List.of(new Messages.Member("alice", "t-a", Role.LEADER), new Messages.Member("bob", "t-b", Role.FOLLOWER)));

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final RecordingTarget target = new RecordingTarget();
    private final BlockingQueue<String> outcomes = new LinkedBlockingQueue<>();
    private final List<Message> bobSent = new CopyOnWriteArrayList<>();
    private final Wire bobOut = new Wire(bobSent);
    private final FollowEngine.Timing fast = new FollowEngine.Timing(Duration.ofMillis(200), Duration.ofMillis(200), Duration.ofSeconds(5));
    /** For tests where the follower arrives by itself: the wait never runs out before the test moves it. */
    private final FollowEngine.Timing patient = new FollowEngine.Timing(Duration.ofSeconds(20), Duration.ofSeconds(20), Duration.ofSeconds(5));

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private FollowEngine follower() {
        return follower(fast);
    }

    private FollowEngine follower(FollowEngine.Timing timing) {
        FollowEngine e = new FollowEngine("bob", bobOut, target, scheduler, timing);
        e.addListener(new FollowListener() {
            @Override
            public void onApplied(String from, long seq, Action action, Outcome outcome, String reason) {
                outcomes.add(seq + ":" + (outcome == Outcome.APPLIED ? "applied" : reason));
            }
        });
        e.onGroup(GROUP);
        return e;
    }

    private static Action input(String value) {
        return new Action.Input(PAGE, "", "#q", value);
    }

    @Test
    void leaderSendsEachActionOnceWithGrowingSequence() {
        List<Message> sent = new CopyOnWriteArrayList<>();
        FollowEngine leader = new FollowEngine("alice", new Wire(sent), target, scheduler, fast);
        leader.onLocalAction(input("t")); // no group yet: stays local
        leader.onGroup(GROUP);
        leader.onLocalAction(input("te"));
        leader.onLocalAction(input("tea"));
        // an engine also asks each member it has not heard from to resume (its first tick, 500 ms
        // here, comes before these lines on a busy machine): nothing else besides the actions
        List<Message> actions = sent.stream().filter(m -> !(m instanceof Messages.Resume)).toList();
        assertThat(actions).extracting(m -> ((ActionMsg) m).seq()).containsExactly(1L, 2L);
        assertThat(actions).extracting(m -> ((ActionMsg) m).from()).containsOnly("alice");
    }

    @Test
    void followerSendsNothing() {
        List<Message> sent = new CopyOnWriteArrayList<>();
        FollowEngine f = new FollowEngine("bob", new Wire(sent), target, scheduler, fast);
        f.onGroup(GROUP);
        f.onLocalAction(input("x"));
        // at most its resume to the leader (its first tick may come before this line on a busy machine)
        assertThat(sent).allMatch(m -> m instanceof Messages.Resume);
    }

    @Test
    void appliesInOrderOnTheRightPage() throws Exception {
        FollowEngine f = follower();
        f.onPageReady(PAGE);
        for (int i = 1; i <= 20; i++) {
            assertThat(f.onRemote("g1", "alice", new ActionMsg("g1", "alice", i, input("v" + i)))).isNull();
        }
        for (int i = 1; i <= 20; i++) {
            assertThat(outcomes.poll(5, TimeUnit.SECONDS)).isEqualTo(i + ":applied");
        }
        assertThat(target.applied).extracting(TestActions::value).containsExactly(
                java.util.stream.IntStream.rangeClosed(1, 20).mapToObj(i -> "v" + i).toArray(String[]::new));
    }

    @Test
    void refusesNonLeaderDuplicatesAndOtherGroups() {
        FollowEngine f = follower();
        f.onPageReady(PAGE);
        assertThat(f.onRemote("g1", "alice", new ActionMsg("g1", "alice", 1, input("a")))).isNull();
        assertThat(f.onRemote("g1", "alice", new ActionMsg("g1", "alice", 1, input("again")))).isEqualTo(ErrorCode.STALE_SEQUENCE);
        assertThat(f.onRemote("g1", "alice", new ActionMsg("g1", "alice", 1_000_000, input("far")))).isEqualTo(ErrorCode.SEQUENCE_INVALID);
        assertThat(f.onRemote("g1", "carol", new ActionMsg("g1", "carol", 1, input("c")))).isEqualTo(ErrorCode.NOT_A_MEMBER);
        // an action naming another sender or group than its link never gets here: the link refuses it (LinkManagerTest)
        assertThat(f.onRemote("g2", "alice", new ActionMsg("g2", "alice", 2, input("x")))).isEqualTo(ErrorCode.NOT_IN_GROUP);
        FollowEngine leaderless = new FollowEngine("alice", new Wire(new CopyOnWriteArrayList<>()), target, scheduler, fast);
        leaderless.onGroup(GROUP);
        assertThat(leaderless.onRemote("g1", "bob", new ActionMsg("g1", "bob", 1, input("b")))).isEqualTo(ErrorCode.NOT_LEADER);
    }

    @Test
    void waitsForTheFollowerToArriveThenApplies() throws Exception {
        FollowEngine f = follower(patient); // arriving must not race a 200 ms page wait
        f.onPageReady("http://shop.test/");
        f.onRemote("g1", "alice", new ActionMsg("g1", "alice", 1, input("tea")));
        assertThat(outcomes.poll(50, TimeUnit.MILLISECONDS)).isNull();
        f.onPageReady(PAGE + "#reviews"); // the fragment does not make another page
        assertThat(outcomes.poll(5, TimeUnit.SECONDS)).isEqualTo("1:applied");
        assertThat(target.loads).isEmpty();
    }

    @Test
    void catchesUpByLoadingThePageWhenTheFollowerDoesNotArrive() throws Exception {
        FollowEngine f = follower();
        f.onPageReady("http://shop.test/");
        target.onLoad = url -> f.onPageReady(url);
        f.onRemote("g1", "alice", new ActionMsg("g1", "alice", 1, input("tea")));
        assertThat(outcomes.poll(5, TimeUnit.SECONDS)).isEqualTo("1:applied");
        assertThat(target.loads).containsExactly(PAGE);
    }

    @Test
    void userNavigationLoadsAndPageNavigationWaitsFirst() throws Exception {
        FollowEngine f = follower(patient); // arriving must not race a 200 ms arrive wait
        f.onPageReady("http://shop.test/");
        f.onRemote("g1", "alice", new ActionMsg("g1", "alice", 1, Action.navigate("http://shop.test/cart", NavigationCause.USER)));
        assertThat(outcomes.poll(5, TimeUnit.SECONDS)).isEqualTo("1:applied");
        assertThat(target.loads).containsExactly("http://shop.test/cart");
        f.onRemote("g1", "alice", new ActionMsg("g1", "alice", 2, Action.navigate("http://shop.test/search?q=tea", NavigationCause.PAGE)));
        f.onPageReady("http://shop.test/search?q=tea"); // arrived by repeating the form
        assertThat(outcomes.poll(5, TimeUnit.SECONDS)).isEqualTo("2:applied");
        assertThat(target.loads).containsExactly("http://shop.test/cart");
    }

    @Test
    void leavingTheGroupStopsFollowing() {
        FollowEngine f = follower();
        f.onGroup(null);
        assertThat(f.onRemote("g1", "alice", new ActionMsg("g1", "alice", 1, input("a")))).isEqualTo(ErrorCode.NOT_IN_GROUP);
    }

    /** The outbox: records what would go on the wire. */
    static final class Wire implements Outbox {
        final List<Message> sent;

        Wire(List<Message> sent) {
            this.sent = sent;
        }

        @Override
        public int broadcast(String group, Message m) {
            sent.add(m);
            return 1;
        }

        @Override
        public boolean send(String group, String user, Message m) {
            sent.add(m);
            return true;
        }
    }

    static class RecordingTarget implements FollowTarget {
        final List<Action> applied = new CopyOnWriteArrayList<>();
        final List<String> loads = new CopyOnWriteArrayList<>();
        volatile java.util.function.Consumer<String> onLoad = u -> { };

        @Override
        public void load(String url) {
            loads.add(url);
            onLoad.accept(url);
        }

        /** Until it completes, the page answers no applied action (a browser busy for as long as it takes). */
        volatile CompletableFuture<Void> gate = CompletableFuture.completedFuture(null);

        @Override
        public CompletableFuture<ApplyResult> apply(Action action) {
            applied.add(action);
            return gate.thenApply(v -> new ApplyResult(true, null));
        }

        @Override
        public CompletableFuture<Messages.PageState> snapshot() {
            return CompletableFuture.completedFuture(new Messages.PageState(PAGE, List.of(), 0, 300, List.of()));
        }

        @Override
        public CompletableFuture<ApplyResult> restore(Messages.PageState state) {
            restored.add(state);
            return CompletableFuture.completedFuture(new ApplyResult(true, null));
        }

        final List<Messages.PageState> restored = new CopyOnWriteArrayList<>();
    }
}
