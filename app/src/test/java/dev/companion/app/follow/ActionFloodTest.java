package dev.companion.app.follow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Following;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Messages.ActionMsg;
import dev.companion.p2p.protocol.Messages.Result;
import dev.companion.p2p.protocol.Mode;
import dev.companion.p2p.protocol.Outcome;
import dev.companion.p2p.protocol.Role;
import dev.companion.p2p.protocol.Scope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A leader (or any member in mutual mode) floods valid actions: the link lets 2,000 a second through,
 * and the follower's apply queue once took them all, growing without bound while its browser was
 * driven for minutes. Now at most {@link ApplyQueue#MAX_WAITING} wait; the rest are refused
 * RATE_LIMITED (P39), and the group goes on once the follower catches up.
 */
class ActionFloodTest {
    private static final String PAGE = "https://shop.example/";
    private static final FollowEngine.Timing TIMING = new FollowEngine.Timing(Duration.ofSeconds(5),
            Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofHours(1));
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<Message> sent = new CopyOnWriteArrayList<>();
    /** The page answers nothing until the test opens its gate: a follower's browser busy for as long as it takes. */
    private final CompletableFuture<Void> gate = new CompletableFuture<>();
    private final FollowEngineTest.RecordingTarget target = new FollowEngineTest.RecordingTarget();

    ActionFloodTest() {
        target.gate = gate;
    }

    @AfterEach
    void stop() {
        gate.complete(null);
        scheduler.shutdownNow();
    }

    private FollowEngine bob() {
        FollowEngine e = new FollowEngine("bob", new FollowEngineTest.Wire(sent), target, scheduler, TIMING);
        e.onGroup(new Messages.GroupState("g1", 1, "alice", Mode.LEADER_FOLLOWER, Following.AUTO, Scope.FULL,
                List.of(), List.of(), List.of(new Messages.Member("alice", "t-a", Role.LEADER),
                        new Messages.Member("bob", "t-b", Role.FOLLOWER)), false));
        e.onPageReady(PAGE);
        return e;
    }

    private static ActionMsg click(long seq) {
        return new ActionMsg("g1", "alice", seq, new Action.Click(PAGE, "", "#add-" + seq));
    }

    private List<Result> results(Outcome outcome) {
        List<Result> out = new ArrayList<>();
        for (Message m : sent) {
            if (m instanceof Result r && r.outcome() == outcome) {
                out.add(r);
            }
        }
        return out;
    }

    @Test
    void aFloodOfValidActionsIsRefusedPastTheBoundAndTheGroupGoesOnAfterwards() throws Exception {
        FollowEngine bob = bob();
        int flood = ApplyQueue.MAX_WAITING + 300;
        List<ErrorCode> answers = new ArrayList<>();
        for (long seq = 1; seq <= flood; seq++) {
            answers.add(bob.onRemote("g1", "alice", click(seq)));
        }
        // the first MAX_WAITING wait (one of them at the page), every later one is refused at once, unqueued
        assertThat(answers.subList(0, ApplyQueue.MAX_WAITING)).containsOnlyNulls();
        assertThat(answers.subList(ApplyQueue.MAX_WAITING, flood)).containsOnly(ErrorCode.RATE_LIMITED);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> target.applied.size() == 1);
        assertThat(target.applied).hasSize(1);

        // the page answers: what waited is applied, in order, and nothing refused reached the page
        gate.complete(null);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> results(Outcome.APPLIED).size() == ApplyQueue.MAX_WAITING);
        assertThat(target.applied).extracting(a -> ((Action.Click) a).selector())
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, ApplyQueue.MAX_WAITING)
                        .mapToObj(s -> "#add-" + s).toList());
        // the refused are not lost: the leader's log sends them again (a resume) and now they are taken
        assertThat(bob.onRemote("g1", "alice", click(ApplyQueue.MAX_WAITING + 1))).isNull();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> target.applied.size() == ApplyQueue.MAX_WAITING + 1);
        bob.close();
    }

    @Test
    void heldActionsLetThroughAtOnceAreBoundedTooAndTheSenderIsTold() throws Exception {
        FollowEngine bob = bob();
        int flood = ApplyQueue.MAX_WAITING + 100;
        // 2..flood arrive before 1: held for the gap; 1 lets them all through at once
        for (long seq = 2; seq <= flood; seq++) {
            assertThat(bob.onRemote("g1", "alice", click(seq))).isNull();
        }
        assertThat(bob.onRemote("g1", "alice", click(1))).isNull();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> results(Outcome.REFUSED).size() == flood - ApplyQueue.MAX_WAITING);
        assertThat(results(Outcome.REFUSED)).allSatisfy(r -> {
            assertThat(r.code()).isEqualTo(ErrorCode.RATE_LIMITED.name());
            assertThat(r.to()).isEqualTo("alice");
            assertThat(r.seq()).isGreaterThan(ApplyQueue.MAX_WAITING);
        });
        assertThat(target.applied).hasSize(1);
        gate.complete(null);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> results(Outcome.APPLIED).size() == ApplyQueue.MAX_WAITING);
        assertThat(target.applied).hasSize(ApplyQueue.MAX_WAITING);
        // the follower still follows: the next action is applied
        assertThat(bob.onRemote("g1", "alice", click(flood + 1))).isNull();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> target.applied.size() == ApplyQueue.MAX_WAITING + 1);
        bob.close();
    }
}
