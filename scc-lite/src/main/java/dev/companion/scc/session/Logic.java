package dev.companion.scc.session;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single logic thread: every request, every database access, every timer (the away grace) and
 * every state change of the running control center happens here, in arrival order, never on a MINA
 * I/O thread. It counts the tasks waiting ({@link #queued()}) so that the I/O side can bound them
 * (see {@link SccIoHandler}).
 */
public final class Logic implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Logic.class);
    private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "scc-logic");
        t.setDaemon(true);
        return t;
    });

    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();

    public Logic() {
        // a shutdown drops the timers: closing is not every away member leaving
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setRemoveOnCancelPolicy(true);
    }

    /** Queues task; dropped (with a debug line) once closed. */
    public void post(Runnable task) {
        peak.accumulateAndGet(queued.incrementAndGet(), Math::max);
        Runnable t = guarded(task);
        try {
            executor.execute(() -> {
                queued.decrementAndGet();
                t.run();
            });
        } catch (RejectedExecutionException e) {
            queued.decrementAndGet();
            LOG.debug("logic closed; task dropped");
        }
    }

    /** Tasks posted and not yet started (timers not counted). */
    public int queued() {
        return queued.get();
    }

    /** The most tasks that waited at once. */
    public int peakQueued() {
        return peak.get();
    }

    /**
     * Runs task on the logic thread after delay (real time); cancel the returned future to drop it
     * (a cancel made on the logic thread before it ran always wins). Returns null once closed.
     */
    public Future<?> schedule(Runnable task, Duration delay) {
        try {
            return executor.schedule(guarded(task), delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("logic closed; timer dropped");
            return null;
        }
    }

    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                LOG.error("logic task failed", e);
            }
        };
    }

    /** Runs the tasks already queued (not the timers), then stops. Safe to call twice. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
