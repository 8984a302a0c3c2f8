package dev.companion.scc.store;

import dev.companion.p2p.files.PrivateFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control center's SQLite database ({@code dataDir/scc.db}): one JDBC connection, owned here,
 * used by one thread at a time (the control center's logic thread, or a CLI command). The schema
 * comes from the Flyway migrations in {@code db/migration}. WAL journal with synchronous=FULL: a
 * committed transaction survives a crash, so every write that a client sees acknowledged is kept.
 * Commits never checkpoint the WAL ({@code wal_autocheckpoint=0}): a {@link Checkpointer} does it
 * from its own connection and thread, so that the logic thread does not stall in a commit.
 *
 * <p>The data directory is {@code rwx------} and the database with its {@code -wal} and {@code -shm}
 * files {@code rw-------} (POSIX file systems): set when created and tightened at open when looser
 * ({@link PrivateFiles}). It holds password hashes and token digests.
 */
public final class Store implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Store.class);
    public static final String FILE_NAME = "scc.db";

    /**
     * How the WAL is checkpointed: a round every interval; a RESTART checkpoint once the log holds more
     * than restartFrames frames; the log file truncated to sizeLimitBytes when it starts again.
     */
    record WalSettings(Duration interval, long restartFrames, long sizeLimitBytes) {
        static final WalSettings DEFAULT = new WalSettings(Duration.ofSeconds(1), 2000, 8L << 20);
    }

    private final String url;
    private final Connection connection;
    /** Held by each transaction, by the checkpointer's RESTART and by each sweep (fair: none starves the others). */
    private final ReentrantLock writeLock;
    private final Checkpointer checkpointer;
    private final List<Sweeper> sweepers = new ArrayList<>();
    private boolean closed;

    private Store(String url, Connection connection, ReentrantLock writeLock, Checkpointer checkpointer) {
        this.url = url;
        this.connection = connection;
        this.writeLock = writeLock;
        this.checkpointer = checkpointer;
    }

    /** Opens (creating and migrating when needed) the database in dataDir. */
    public static Store open(Path dataDir) throws IOException {
        return open(dataDir, WalSettings.DEFAULT);
    }

    static Store open(Path dataDir, WalSettings wal) throws IOException {
        PrivateFiles.dir(dataDir);
        PrivateFiles.database(dataDir.resolve(FILE_NAME)); // SQLite gives its -wal and -shm the same mode
        String url = "jdbc:sqlite:" + dataDir.resolve(FILE_NAME).toAbsolutePath();
        Connection c = null;
        Connection cp = null;
        try {
            Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").load().migrate();
            c = DriverManager.getConnection(url);
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA foreign_keys=ON");
                s.execute("PRAGMA busy_timeout=5000");
                s.execute("PRAGMA wal_autocheckpoint=0"); // the checkpointer's job, off this connection's thread
                s.execute("PRAGMA journal_size_limit=" + wal.sizeLimitBytes());
            }
            cp = DriverManager.getConnection(url);
            try (Statement s = cp.createStatement()) {
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA busy_timeout=1000");
            }
            ReentrantLock writeLock = new ReentrantLock(true);
            return new Store(url, c, writeLock, new Checkpointer(cp, writeLock, wal.interval(), wal.restartFrames()));
        } catch (SQLException | RuntimeException e) {
            closeQuietly(cp);
            closeQuietly(c);
            throw new IOException("cannot open database in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.debug("closing after a failed open: {}", e.getMessage());
            }
        }
    }

    /**
     * Starts a {@link Sweeper} with a connection of its own that runs task every interval; it stops
     * when the store closes.
     */
    public synchronized Sweeper sweeper(String name, Duration interval, Sweeper.Task task) throws IOException {
        if (closed) {
            throw new IllegalStateException("store closed");
        }
        try {
            Connection c = DriverManager.getConnection(url);
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA busy_timeout=5000");
            }
            Sweeper sweeper = new Sweeper(name, c, writeLock, interval, task);
            sweepers.add(sweeper);
            return sweeper;
        } catch (SQLException e) {
            throw new IOException("cannot open a connection to sweep " + name + ": " + e.getMessage(), e);
        }
    }

    /** The WAL checkpointer, for tests. */
    Checkpointer checkpointer() {
        return checkpointer;
    }

    /** The connection, for the feature DAOs; use it from one thread only. */
    public Connection connection() {
        return connection;
    }

    /** Runs work in one transaction: all of it is committed, or (on any exception) none of it. */
    public <T> T tx(SqlWork<T> work) {
        try {
            if (!connection.getAutoCommit()) { // nested: join the outer transaction
                return work.run();
            }
            writeLock.lock();
            try {
                connection.setAutoCommit(false);
                try {
                    T result = work.run();
                    connection.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                } finally {
                    connection.setAutoCommit(true);
                }
            } finally {
                writeLock.unlock();
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** A transaction without a result. */
    public void run(SqlAction action) {
        tx(() -> {
            action.run();
            return null;
        });
    }

    /** Stops the checkpointer (which empties the WAL), then closes the connection. Safe twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        sweepers.forEach(Sweeper::close);
        checkpointer.close();
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("closing database: {}", e.getMessage());
        }
    }

    @FunctionalInterface
    public interface SqlWork<T> {
        T run() throws SQLException;
    }

    @FunctionalInterface
    public interface SqlAction {
        void run() throws SQLException;
    }
}
