package dev.companion.app.session;

import dev.companion.app.follow.FollowListener;
import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Outcome;
import dev.companion.scc.client.ControlCenterClient;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The usage counts the control center cannot make itself (docs/adr/0010-usage-counts.md): the
 * actions this user led (sent to the group) and followed (applied here), counted from the follow
 * engine and reported as two numbers ({@code usage_report}) every {@link #EVERY} and when the session
 * closes; never a page, URL or content. Counts not yet reported survive a lost connection and go with
 * the next report; each report carries at most {@value Messages.UsageReport#MAX_REPORTED} per count,
 * the rest waits for the next. Also asks for this user's own days ({@code usage_get}).
 */
public final class UsageReports implements FollowListener {
    /** How often the counts are reported while signed in. */
    public static final java.time.Duration EVERY = java.time.Duration.ofMinutes(1);

    private final Supplier<ControlCenterClient> client;
    private final AtomicLong led = new AtomicLong();
    private final AtomicLong followed = new AtomicLong();

    UsageReports(Supplier<ControlCenterClient> client) {
        this.client = client;
    }

    @Override
    public void onSent(long seq, List<Action> actions, int recipients) {
        led.addAndGet(actions.size());
    }

    @Override
    public void onApplied(String from, long seq, Action action, Outcome outcome, String reason) {
        if (outcome == Outcome.APPLIED) {
            followed.incrementAndGet();
        }
    }

    /**
     * Reports what was counted since the last report, if anything; completes when the control center
     * took it (the counts are given back if it did not). Safe from any thread.
     */
    public CompletableFuture<Void> report() {
        int l = (int) take(led);
        int f = (int) take(followed);
        if (l == 0 && f == 0) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Messages.Ok> sent;
        try {
            sent = client.get().usageReport(l, f);
        } catch (RuntimeException e) { // not signed in: keep them for the next report
            sent = CompletableFuture.failedFuture(e);
        }
        return sent.handle((ok, e) -> {
            if (e != null) {
                led.addAndGet(l);
                followed.addAndGet(f);
            }
            return null;
        });
    }

    /** This user's own usage counts, days from..to (yyyy-mm-dd, UTC). */
    public CompletableFuture<Messages.Usage> mine(String from, String to) {
        return client.get().usage(from, to);
    }

    /** Takes up to one report's worth from count. */
    private static long take(AtomicLong count) {
        while (true) {
            long now = count.get();
            long part = Math.min(now, Messages.UsageReport.MAX_REPORTED);
            if (count.compareAndSet(now, now - part)) {
                return part;
            }
        }
    }
}
