package dev.companion.p2p.net;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one timer thread of the connection limits (admission deadlines, rate-limit pauses) of every
 * endpoint in the process: short tasks that close a session or let it read again. A daemon, like
 * MINA's own threads; tasks of a closed session are cancelled or find nothing to do.
 */
final class Timers {
    private static final ScheduledThreadPoolExecutor TIMER = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "framed-tls-limits");
        t.setDaemon(true);
        return t;
    });

    static {
        TIMER.setRemoveOnCancelPolicy(true);
    }

    private Timers() {
    }

    static ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        return TIMER.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
    }
}
