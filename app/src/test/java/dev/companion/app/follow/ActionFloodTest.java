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
 * driven for minutes. Now while {@link ApplyQueue#MAX_WAITING} wait, more are refused RATE_LIMITED
 * (P39); at most {@link Incoming#MAX_HELD} are held for a gap (P40); the group goes on afterwards.
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
        return bob(TIMING);
    }

    private FollowEngine bob(FollowEngine.Timing timing) {
        FollowEngine e = new FollowEngine("bob", new FollowEngineTest.Wire(sent), target, scheduler, timing);
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
    void theRefusedTailOfAFloodThatStopsIsAskedForAgainOnceThereIsRoom() throws Exception {
        // nothing comes after the flood's last action by itself: without asking, the refused ones were lost
        FollowEngine bob = bob(new FollowEngine.Timing(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofSeconds(1), Duration.ofMillis(100)));
        for (long seq = 1; seq <= ApplyQueue.MAX_WAITING + 50; seq++) {
            assertThat(bob.onRemote("g1", "alice", click(seq))).isIn(null, ErrorCode.RATE_LIMITED);
        }
        gate.complete(null);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> sent.stream().anyMatch(m -> m instanceof Messages.Resume r
                && Long.valueOf(ApplyQueue.MAX_WAITING).equals(r.after()) && "alice".equals(r.sender())));
        // alice's answer (her log from there on) is taken and applied, in order
        for (long seq = ApplyQueue.MAX_WAITING + 1; seq <= ApplyQueue.MAX_WAITING + 50; seq++) {
            assertThat(bob.onRemote("g1", "alice", click(seq))).isNull();
        }
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> target.applied.size() == ApplyQueue.MAX_WAITING + 50);
        assertThat(target.applied).extracting(a -> ((Action.Click) a).selector())
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, ApplyQueue.MAX_WAITING + 50)
                        .mapToObj(s -> "#add-" + s).toList());
        bob.close();
    }

    @Test
    void heldActionsLetThroughAtOnceAreAllAppliedAndTheQueueStaysBounded() throws Exception {
        FollowEngine bob = bob();
        long taken = ApplyQueue.MAX_WAITING - 50;
        for (long seq = 1; seq < taken; seq++) {
            assertThat(bob.onRemote("g1", "alice", click(seq))).isNull();
        }
        // a gap at `taken`: the next MAX_HELD are held; then the gap is filled and they all go at once
        for (long seq = taken + 1; seq <= taken + Incoming.MAX_HELD; seq++) {
            assertThat(bob.onRemote("g1", "alice", click(seq))).isNull();
        }
        assertThat(bob.onRemote("g1", "alice", click(taken + Incoming.MAX_HELD + 1))).isEqualTo(ErrorCode.SEQUENCE_INVALID);
        assertThat(bob.onRemote("g1", "alice", click(taken))).isNull();
        long waiting = taken + Incoming.MAX_HELD; // past MAX_WAITING, within MAX_WAITING + MAX_HELD
        assertThat(waiting).isGreaterThan(ApplyQueue.MAX_WAITING).isLessThanOrEqualTo(ApplyQueue.MAX_WAITING + Incoming.MAX_HELD);
        assertThat(bob.onRemote("g1", "alice", click(waiting + 1))).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(target.applied).hasSize(1);
        // nothing taken is lost: all are applied, in order, once the page answers
        gate.complete(null);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> results(Outcome.APPLIED).size() == waiting);
        assertThat(results(Outcome.REFUSED)).isEmpty();
        assertThat(target.applied).extracting(a -> ((Action.Click) a).selector())
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, waiting).mapToObj(s -> "#add-" + s).toList());
        // the follower still follows: the refused one comes again and is applied
        assertThat(bob.onRemote("g1", "alice", click(waiting + 1))).isNull();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> target.applied.size() == waiting + 1);
        bob.close();
    }

    @Test
    void aMemberWhoLeavesAGapAndGoesOnSendingIsHeldToABoundAndTheResumeFillsIt() throws Exception {
        gate.complete(null); // the page answers at once here
        FollowEngine bob = bob();
        assertThat(bob.onRemote("g1", "alice", click(1))).isNull();
        long last = 2 + Incoming.MAX_HELD + 50; // at most 151 then wait at once: under MAX_WAITING
        List<ErrorCode> answers = new ArrayList<>();
        for (long seq = 3; seq <= last; seq++) { // 2 never comes
            answers.add(bob.onRemote("g1", "alice", click(seq)));
        }
        assertThat(answers.subList(0, Incoming.MAX_HELD)).containsOnlyNulls();
        assertThat(answers.subList(Incoming.MAX_HELD, answers.size())).containsOnly(ErrorCode.SEQUENCE_INVALID);
        // the sender answers the resume: 2, then what followed it again, in order
        for (long seq = 2; seq <= last; seq++) {
            ErrorCode code = bob.onRemote("g1", "alice", click(seq));
            assertThat(code).as("seq %d", seq).isIn(null, ErrorCode.STALE_SEQUENCE);
        }
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> target.applied.size() == last);
        assertThat(target.applied).extracting(a -> ((Action.Click) a).selector())
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, last).mapToObj(s -> "#add-" + s).toList());
        bob.close();
    }
}
