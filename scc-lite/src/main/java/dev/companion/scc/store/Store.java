package dev.companion.scc.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control center's SQLite database ({@code dataDir/scc.db}): one JDBC connection, owned here,
 * used by one thread at a time (the control center's logic thread, or a CLI command). The schema
 * comes from the Flyway migrations in {@code db/migration}. WAL journal with synchronous=FULL: a
 * committed transaction survives a crash, so every write that a client sees acknowledged is kept.
 */
public final class Store implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Store.class);
    public static final String FILE_NAME = "scc.db";

    private final Connection connection;
    private boolean closed;

    private Store(Connection connection) {
        this.connection = connection;
    }

    /** Opens (creating and migrating when needed) the database in dataDir. */
    public static Store open(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        String url = "jdbc:sqlite:" + dataDir.resolve(FILE_NAME).toAbsolutePath();
        try {
            Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").load().migrate();
            Connection c = DriverManager.getConnection(url);
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA foreign_keys=ON");
                s.execute("PRAGMA busy_timeout=5000");
            }
            return new Store(c);
        } catch (SQLException | RuntimeException e) {
            throw new IOException("cannot open database in " + dataDir + ": " + e.getMessage(), e);
        }
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

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
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
