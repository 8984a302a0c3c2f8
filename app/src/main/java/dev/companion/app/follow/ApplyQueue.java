package dev.companion.app.follow;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Received actions are applied one after the other, each after the previous one has finished (its
 * page answered), on the follow-apply thread: the jobs start there and their continuations come back
 * there ({@link Applier}), so the follow log is written there, never on Chromium's or the FX thread.
 */
final class ApplyQueue {
    private static final Logger LOG = LoggerFactory.getLogger(ApplyQueue.class);

    private final ExecutorService thread;
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null); // guarded by this
    private volatile boolean closed;

    ApplyQueue(ExecutorService thread) {
        this.thread = thread;
    }

    /** The thread jobs run on. */
    ExecutorService thread() {
        return thread;
    }

    /** Runs job after everything queued before it has finished; nothing once closed. */
    synchronized void enqueue(Supplier<CompletableFuture<Void>> job) {
        tail = tail.thenComposeAsync(v -> closed ? CompletableFuture.<Void>completedFuture(null) : job.get(), thread)
                .exceptionally(e -> {
                    LOG.warn("applying failed", e);
                    return null;
                });
    }

    /**
     * No further job starts; waits (up to wait) for the one being applied to finish, so that what is
     * recorded as applied is what was applied; then stops the thread.
     */
    void close(Duration wait) {
        CompletableFuture<Void> last;
        synchronized (this) {
            closed = true;
            last = tail;
        }
        try {
            last.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.debug("closing while applying", e);
        }
        thread.shutdown();
    }
}
