package dev.companion.app.follow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.Following;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Messages.ActionMsg;
import dev.companion.p2p.protocol.Messages.Result;
import dev.companion.p2p.protocol.Mode;
import dev.companion.p2p.protocol.Outcome;
import dev.companion.p2p.protocol.Role;
import dev.companion.p2p.protocol.Scope;
import dev.companion.p2p.protocol.Target;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A target that is not on the follower's page yet: the leader hears "waiting" once, later actions
 * queue behind it, and the final result (applied, or a failure with its reason and words) follows.
 */
class WaitingForTargetTest {
    private static final String PAGE = "http://shop.test/search?q=tea";
    private static final Messages.GroupState GROUP = new Messages.GroupState("g1", "alice", Mode.LEADER_FOLLOWER,
            Following.AUTO, Scope.FULL,
            List.of(new Messages.Member("alice", "t-a", Role.LEADER), new Messages.Member("bob", "t-b", Role.FOLLOWER)));

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final BlockingQueue<Message> sent = new LinkedBlockingQueue<>();
    private final BlockingQueue<Action> started = new LinkedBlockingQueue<>();
    private final BlockingQueue<CompletableFuture<ApplyResult>> pending = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> outcomes = new LinkedBlockingQueue<>();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    /** A page where every click waits for its target (tells waiting), until the test completes it. */
    private final FollowTarget slowPage = new FollowTarget() {
        @Override
        public void load(String url) {
        }

        @Override
        public CompletableFuture<ApplyResult> apply(Action action) {
            throw new AssertionError("the engine must pass on the waiting notice");
        }

        @Override
        public CompletableFuture<ApplyResult> apply(Action action, Consumer<String> waiting) {
            started.add(action);
            waiting.accept("target-not-found: no button 'Add to cart' near 'Green Tea' yet");
            waiting.accept("told twice"); // the engine tells the sender once
            CompletableFuture<ApplyResult> f = new CompletableFuture<>();
            pending.add(f);
            return f;
        }

        @Override
        public CompletableFuture<Messages.PageState> snapshot() {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<ApplyResult> restore(Messages.PageState state) {
            return CompletableFuture.completedFuture(ApplyResult.ok());
        }
    };

    private FollowEngine follower() {
        FollowEngine f = new FollowEngine("bob", new Outbox() {
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
        }, slowPage, scheduler, new FollowEngine.Timing(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5)));
        f.addListener(new FollowListener() {
            @Override
            public void onApplied(String from, long seq, Action action, Outcome outcome, String reason) {
                outcomes.add(seq + ":" + outcome);
            }
        });
        f.onGroup(GROUP);
        f.onPageReady(PAGE);
        return f;
    }

    private static Action addToCart() {
        return new Action.Click(PAGE, "", null, Target.of("button", "button", "Add to cart"));
    }

    /** The next result bob sent (resumes skipped). */
    private Result nextResult() throws InterruptedException {
        for (;;) {
            Message m = sent.poll(5, TimeUnit.SECONDS);
            assertThat(m).as("a result").isNotNull();
            if (m instanceof Result r) {
                return r;
            }
        }
    }

    @Test
    void theLeaderHearsWaitingOnceThenTheResultAndLaterActionsQueueBehind() throws Exception {
        FollowEngine f = follower();
        assertThat(f.onRemote("g1", "alice", new ActionMsg("g1", "alice", 1, addToCart()))).isNull();
        assertThat(f.onRemote("g1", "alice", new ActionMsg("g1", "alice", 2, addToCart()))).isNull();
        assertThat(started.poll(5, TimeUnit.SECONDS)).isNotNull();

        Result waiting = nextResult();
        assertThat(waiting.seq()).isEqualTo(1);
        assertThat(waiting.outcome()).isEqualTo(Outcome.WAITING);
        assertThat(waiting.reason()).isEqualTo("target-not-found: no button 'Add to cart' near 'Green Tea' yet");
        assertThat(outcomes.poll(5, TimeUnit.SECONDS)).isEqualTo("1:waiting");
        assertThat(started).as("action 2 waits behind action 1").isEmpty();

        pending.take().complete(ApplyResult.ok());
        Result first = nextResult();
        assertThat(first.seq()).isEqualTo(1);
        assertThat(first.outcome()).isEqualTo(Outcome.APPLIED);

        assertThat(started.poll(5, TimeUnit.SECONDS)).as("action 2 starts after 1 ended").isNotNull();
        Result waiting2 = nextResult();
        assertThat(waiting2.seq()).isEqualTo(2);
        assertThat(waiting2.outcome()).isEqualTo(Outcome.WAITING);
        pending.take().complete(ApplyResult.failed(ApplyResult.TARGET_NOT_FOUND,
                "no button 'Add to cart' near 'Green Tea' within 5 s"));
        Result second = nextResult();
        assertThat(second.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(second.reason()).isEqualTo("target-not-found: no button 'Add to cart' near 'Green Tea' within 5 s");
        assertThat(sent.stream().filter(m -> m instanceof Result)).isEmpty();
        f.close();
    }

    @Test
    void theLeadersPanelShowsWhatAMemberWaitsForUntilTheResult() {
        MemberStatus s = new MemberStatus("bob", 0, null, null, 0, null);
        s = s.next(1, Outcome.WAITING, "target-not-found: no list item 'Green Tea' yet", PAGE);
        assertThat(s.waitingFor()).isEqualTo("target-not-found: no list item 'Green Tea' yet");
        assertThat(s.seq()).as("not answered yet").isZero();
        assertThat(s.failures()).isZero();
        s = s.next(1, Outcome.FAILED, "target-not-found: no list item 'Green Tea' within 5 s", PAGE);
        assertThat(s.waitingFor()).isNull();
        assertThat(s.seq()).isEqualTo(1);
        assertThat(s.lastFailure()).isEqualTo("failed: target-not-found: no list item 'Green Tea' within 5 s");
    }
}
