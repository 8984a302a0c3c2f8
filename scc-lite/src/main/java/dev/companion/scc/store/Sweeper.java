package dev.companion.scc.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what has expired, every interval, from its own connection on its own daemon thread (as the
 * {@link Checkpointer} checkpoints), so that the logic thread never spends time on it; each round runs
 * under the store's write lock, between two of the logic thread's transactions. Made by
 * {@link Store#sweeper}; closed with the store. {@link #close()} is safe twice.
 */
public final class Sweeper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Sweeper.class);

    /** One round: deletes on c what has expired; returns how many rows. */
    @FunctionalInterface
    public interface Task {
        int sweep(Connection c) throws SQLException;
    }

    private final String name;
    private final Connection connection;
    private final Lock writeLock;
    private final Task task;
    private final ScheduledThreadPoolExecutor executor;
    private boolean closed;

    Sweeper(String name, Connection connection, Lock writeLock, Duration interval, Task task) {
        this.name = name;
        this.connection = connection;
        this.writeLock = writeLock;
        this.task = task;
        this.executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "scc-sweep-" + name);
            t.setDaemon(true);
            return t;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        long ms = Math.max(1, interval.toMillis());
        executor.scheduleWithFixedDelay(this::round, ms, ms, TimeUnit.MILLISECONDS);
    }

    private int round() {
        writeLock.lock();
        try {
            int n = task.sweep(connection);
            if (n > 0) {
                LOG.debug("swept {} expired {}", n, name);
            }
            return n;
        } catch (SQLException | RuntimeException e) {
            LOG.warn("sweeping {} failed: {}", name, e.getMessage());
            return 0;
        } finally {
            writeLock.unlock();
        }
    }

    /** Runs a round now on the sweeper's thread; completes with the rows deleted (tests, and an operator's "now"). */
    public CompletableFuture<Integer> sweepNow() {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        try {
            executor.execute(() -> done.complete(round()));
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(new IllegalStateException("sweeper closed"));
        }
        return done;
    }

    /** Stops the thread (a round under way finishes first) and closes the connection. Safe twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("sweeping {} still running after 10 s; closing anyway", name);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("closing the {} sweeper's connection: {}", name, e.getMessage());
        }
    }
}
