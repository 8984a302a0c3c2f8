package dev.companion.scc.usage;

import dev.companion.scc.session.Logic;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * Counts every membership's time in groups up to now, every interval and once more when the control
 * center stops, on the logic thread (the tally itself: GroupService#tally). Without it, time in a
 * group counted only when the membership ended: today's figures missed every group still going.
 */
public final class UsageTally {
    private final Logic logic;
    private final Callable<Integer> tally;

    /** tally: counts and returns how many memberships it counted; runs on the logic thread. */
    public UsageTally(Logic logic, Callable<Integer> tally) {
        this.logic = logic;
        this.tally = tally;
    }

    /** Tallies every interval from now on (until the logic thread closes). */
    public void every(Duration interval) {
        logic.schedule(() -> {
            run();
            every(interval);
        }, interval);
    }

    /** Queues a tally on the logic thread; completes with how many memberships were counted. */
    public CompletableFuture<Integer> now() {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        logic.post(() -> done.complete(run()));
        return done;
    }

    private int run() {
        try {
            return tally.call();
        } catch (Exception e) {
            throw new IllegalStateException("usage tally failed", e);
        }
    }
}
