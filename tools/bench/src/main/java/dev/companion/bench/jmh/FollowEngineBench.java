package dev.companion.bench.jmh;

import dev.companion.app.follow.ApplyResult;
import dev.companion.app.follow.FollowEngine;
import dev.companion.app.follow.FollowTarget;
import dev.companion.bench.link.Payload;
import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Following;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.Messages.ActionMsg;
import dev.companion.p2p.protocol.Messages.GroupState;
import dev.companion.p2p.protocol.Messages.Member;
import dev.companion.p2p.protocol.Role;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The follow engine's routing: a follower accepting a leader's action ({@link FollowEngine#onRemote},
 * checks, sequence, queueing, applying to a no-op target already on the page) and a leader sending a
 * captured action ({@link FollowEngine#onLocalAction} to an outbox that counts and keeps the last message).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FollowEngineBench {
    private static final String GROUP = "g-bench";
    private static final GroupState STATE = new GroupState(GROUP, "alice", dev.companion.p2p.protocol.Mode.LEADER_FOLLOWER,
            Following.AUTO, dev.companion.p2p.protocol.Scope.FULL,
            List.of(new Member("alice", "t-alice", Role.LEADER), new Member("bob", "t-bob", Role.FOLLOWER)));

    private final Action action = Payload.input();
    private ScheduledExecutorService scheduler;
    private FollowEngine follower;
    private FollowEngine leader;
    private long seq;
    private long sent;
    private Message last;

    /** Applies nothing and says it did. */
    private static final class NoOpTarget implements FollowTarget {
        private static final CompletableFuture<ApplyResult> OK = CompletableFuture.completedFuture(ApplyResult.ok());

        @Override
        public void load(String url) {
        }

        @Override
        public CompletableFuture<ApplyResult> apply(Action a) {
            return OK;
        }

        @Override
        public CompletableFuture<dev.companion.p2p.protocol.Messages.PageState> snapshot() {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<ApplyResult> restore(dev.companion.p2p.protocol.Messages.PageState state) {
            return OK;
        }
    }

    /** An outbox that counts and keeps the last message, so it is really built (as a real one would encode it). */
    private final class CountingOutbox implements dev.companion.app.follow.Outbox {
        @Override
        public int broadcast(String group, Message m) {
            sent++;
            last = m;
            return 1;
        }

        @Override
        public boolean send(String group, String user, Message m) {
            last = m;
            return true;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        scheduler = Executors.newSingleThreadScheduledExecutor();
        follower = new FollowEngine("bob", new CountingOutbox(), new NoOpTarget(), scheduler);
        follower.onGroup(STATE);
        follower.onPageReady(action.page());
        leader = new FollowEngine("alice", new CountingOutbox(), new NoOpTarget(), scheduler);
        leader.onGroup(STATE);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        scheduler.shutdownNow();
    }

    /** A follower routes the leader's next action (seq grows every call, as on a real link). */
    @Benchmark
    public ErrorCode followerOnRemote() {
        return follower.onRemote(GROUP, "alice", new ActionMsg(GROUP, "alice", ++seq, action));
    }

    /** The leader numbers a captured action and hands it to the outbox. */
    @Benchmark
    public long leaderOnLocalAction() {
        leader.onLocalAction(action);
        return sent;
    }
}
