package dev.companion.scc.auth;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The threads that check passwords (Argon2id, tens of milliseconds of CPU and 19 MiB each), with a
 * bounded queue: when it is full a login is refused BUSY at once instead of waiting behind a flood
 * (an unbounded queue once made a real user's login take 11 s, past the app's 10 s timeout). Never
 * the logic or I/O threads. {@link #close()} is safe twice.
 */
public final class HashPool implements AutoCloseable {
    private final ThreadPoolExecutor executor;
    private final AtomicLong checks = new AtomicLong();

    public HashPool(int threads, int queue) {
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queue),
                r -> {
                    Thread t = new Thread(r, "scc-hash-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    /** Queues a password check; false when the queue is full or the pool closed (nothing queued). */
    public boolean offer(Runnable check) {
        try {
            executor.execute(() -> {
                checks.incrementAndGet();
                check.run();
            });
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Runs task on a hashing thread as if it were a check (tests hold the threads busy with it). */
    public boolean offerTask(Runnable task) {
        try {
            executor.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    public boolean closed() {
        return executor.isShutdown();
    }

    /** Password checks started so far (tests: a refused login hashed nothing). */
    public long checks() {
        return checks.get();
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
