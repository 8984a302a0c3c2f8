package dev.companion.scc.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkpoints the database's write-ahead log from its own connection on its own daemon thread, so
 * that the logic thread's commits never do it (the store turns SQLite's auto-checkpoint off: under
 * load it ran inside a commit about every 10 s and held the logic thread ~50 ms).
 *
 * <p>Every interval a PASSIVE checkpoint copies what it can into the database file and waits for
 * nobody. The log starts again from its beginning only after a checkpoint that copied everything,
 * which PASSIVE does not achieve while commits keep arriving; so when the log has grown past
 * {@code restartFrames} frames a RESTART checkpoint follows, under the store's write lock (fair, so
 * that back-to-back transactions cannot starve it, as they starve SQLite's own busy-wait): it copies
 * the little the PASSIVE round left and makes the next commit start the log again (which
 * {@code journal_size_limit} on the writing connection then truncates). Only that short RESTART
 * holds a transaction back. {@link #close()} stops the thread and ends with a TRUNCATE checkpoint
 * (the log file emptied).
 */
final class Checkpointer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);

    private final Connection connection;
    private final Lock writeLock;
    private final long restartFrames;
    private final ScheduledExecutorService executor;
    private final AtomicLong rounds = new AtomicLong();
    private volatile Thread thread;
    private boolean closed;

    Checkpointer(Connection connection, Lock writeLock, Duration interval, long restartFrames) {
        this.connection = connection;
        this.writeLock = writeLock;
        this.restartFrames = restartFrames;
        ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "scc-checkpoint");
            t.setDaemon(true);
            thread = t;
            return t;
        });
        ex.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        ex.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        this.executor = ex;
        long ms = Math.max(1, interval.toMillis());
        executor.scheduleWithFixedDelay(this::round, ms, ms, TimeUnit.MILLISECONDS);
    }

    private void round() {
        try {
            long[] r = checkpoint("PASSIVE");
            if (r[1] > restartFrames) {
                writeLock.lock();
                try {
                    r = checkpoint("RESTART");
                } finally {
                    writeLock.unlock();
                }
                LOG.debug("WAL of {} frames: RESTART checkpoint (busy {})", r[1], r[0]);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("WAL checkpoint failed: {}", e.getMessage());
        } finally {
            synchronized (rounds) {
                rounds.incrementAndGet();
                rounds.notifyAll();
            }
        }
    }

    /** Runs PRAGMA wal_checkpoint(mode): busy (1 when it could not finish), frames in the log, frames copied. */
    private long[] checkpoint(String mode) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(" + mode + ")")) {
            return rs.next() ? new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)} : new long[3];
        }
    }

    /** Rounds finished so far (for tests: a round that started after a moment has finished once this grew by 2). */
    long rounds() {
        return rounds.get();
    }

    /** Waits until {@link #rounds()} reached atLeast or timeout passed; true if it did. For tests. */
    boolean awaitRounds(long atLeast, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (rounds) {
            while (rounds.get() < atLeast) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(rounds, left);
            }
            return true;
        }
    }

    /** The checkpoint thread once it started, for tests. */
    Thread thread() {
        return thread;
    }

    /** Stops the thread (a round under way finishes first), checkpoints with TRUNCATE, closes the connection. Safe twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("WAL checkpoint still running after 10 s; closing anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            checkpoint("TRUNCATE");
        } catch (SQLException e) {
            LOG.warn("final WAL checkpoint: {}", e.getMessage());
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("closing checkpoint connection: {}", e.getMessage());
        }
    }
}
