package dev.companion.scc.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commits never checkpoint the WAL; the store's checkpointer thread keeps it bounded and stops on close. */
class CheckpointTest {
    static final int ROW = 4000; // one database page per row: about two WAL frames per commit
    @TempDir
    Path dir;

    private long wal() throws Exception {
        Path w = dir.resolve(Store.FILE_NAME + "-wal");
        return Files.exists(w) ? Files.size(w) : 0;
    }

    private static long pragma(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }

    private static void createFiller(Store store) {
        store.run(() -> Sql.update(store.connection(), "CREATE TABLE filler (id INTEGER PRIMARY KEY, b BLOB NOT NULL)"));
    }

    /** One transaction adding one row. */
    private static void commit(Store store, int i) {
        store.run(() -> Sql.update(store.connection(), "INSERT INTO filler (id, b) VALUES (?, ?)", i, new byte[ROW]));
    }

    private static void awaitRounds(Checkpointer cp, long atLeast) throws InterruptedException {
        assertThat(cp.awaitRounds(atLeast, Duration.ofSeconds(20))).as("checkpoint round " + atLeast + " in time").isTrue();
    }

    @Test
    void commitsDoNotCheckpointAndCloseStopsTheThreadAndEmptiesTheWal() throws Exception {
        Store store = Store.open(dir, new Store.WalSettings(Duration.ofHours(1), 1_000_000, 64 << 10));
        try {
            assertThat(pragma(store.connection(), "wal_autocheckpoint")).isZero();
            assertThat(pragma(store.connection(), "synchronous")).isEqualTo(2); // FULL
            createFiller(store);
            for (int i = 0; i < 100; i++) {
                commit(store, i);
            }
            // nothing checkpointed (no round within the hour), so every frame is still in the WAL
            assertThat(wal()).isGreaterThan(100L * ROW);
            assertThat(store.checkpointer().rounds()).isZero();
        } finally {
            store.close();
        }
        Thread t = store.checkpointer().thread();
        t.join(5000);
        assertThat(t.isAlive()).isFalse();
        assertThat(wal()).isZero(); // TRUNCATE at close (or the file deleted by the last connection)
        store.close(); // safe twice
        try (Store again = Store.open(dir)) {
            Long rows = Sql.one(again.connection(), "SELECT count(*) FROM filler", rs -> rs.getLong(1));
            assertThat(rows).isEqualTo(100L);
        }
    }

    @Test
    void afterACheckpointRoundTheNextCommitStartsTheWalAgain() throws Exception {
        long limit = 64 << 10;
        try (Store store = Store.open(dir, new Store.WalSettings(Duration.ofMillis(50), 1_000_000, limit))) {
            createFiller(store);
            for (int i = 0; i < 300; i++) {
                commit(store, i);
            }
            Checkpointer cp = store.checkpointer();
            awaitRounds(cp, cp.rounds() + 2); // a whole PASSIVE round after the last commit: everything copied
            commit(store, 300);
            // 300 rows of 4000 bytes went through the WAL; the log started again and was cut to the limit
            assertThat(wal()).isLessThanOrEqualTo(limit);
        }
    }

    @Test
    void theWalStaysBoundedWhileCommitsKeepComing() throws Exception {
        int commits = 2000;
        long max = 0;
        try (Store store = Store.open(dir, new Store.WalSettings(Duration.ofMillis(20), 200, 256 << 10))) {
            createFiller(store);
            for (int i = 0; i < commits; i++) {
                commit(store, i);
                max = Math.max(max, wal());
            }
            assertThat(store.checkpointer().rounds()).isPositive();
        }
        // unbounded, the WAL would hold every row (about 16 MB with page overhead; about 1.5 MB measured
        // with the checkpointer): RESTART rounds keep starting it again
        assertThat(max).as("largest WAL").isLessThan((long) commits * ROW / 2);
    }
}
