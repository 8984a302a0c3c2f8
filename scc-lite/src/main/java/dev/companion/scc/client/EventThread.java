package dev.companion.scc.client;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One daemon thread on which a client's listener calls, future completions and timeouts run, in the
 * order they were handed over. Once shut down, what is handed over runs at once on the caller's
 * thread (so that a close still fails what is pending) and timeouts are no longer scheduled.
 */
public final class EventThread {
    private static final Logger LOG = LoggerFactory.getLogger(EventThread.class);

    private final ScheduledThreadPoolExecutor executor;

    public EventThread(String name) {
        executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Runs r on the thread after what was handed over before (here once shut down); a failure is logged. */
    public void run(Runnable r) {
        Runnable safe = () -> {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.warn("control center listener failed", e);
            }
        };
        try {
            executor.execute(safe);
        } catch (RejectedExecutionException e) {
            safe.run();
        }
    }

    /**
     * Runs r on the thread after delay.
     *
     * @throws RejectedExecutionException once shut down
     */
    public ScheduledFuture<?> schedule(Runnable r, Duration delay) {
        return executor.schedule(r, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Lets what was handed over run, drops what is scheduled; safe twice. */
    public void shutdown() {
        executor.shutdown();
    }
}
