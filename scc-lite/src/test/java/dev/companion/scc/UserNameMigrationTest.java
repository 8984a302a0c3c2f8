package dev.companion.scc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.scc.auth.Users;
import dev.companion.scc.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database from before the name rules (schema version 3) with look-alike names and invitations is
 * migrated: every account keeps its exact name and can still log in; new look-alikes are refused.
 */
class UserNameMigrationTest {
    @TempDir
    Path dir;

    @Test
    void existingLookAlikesKeepTheirAccountsAndNewOnesAreRefused() throws Exception {
        Files.createDirectories(dir);
        String url = "jdbc:sqlite:" + dir.resolve(Store.FILE_NAME);
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").target("3").load().migrate();
        String alice = dev.companion.scc.auth.PasswordHasher.hash("alice-pw");
        String big = dev.companion.scc.auth.PasswordHasher.hash("big-pw");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("INSERT INTO users (name, hash, created) VALUES ('alice', '" + alice + "', 1), ('Alice', '" + big
                    + "', 2), ('bob', '" + big + "', 3)");
            s.execute("INSERT INTO contacts (a, b, state) VALUES ('alice', 'bob', 'accepted')");
            s.execute("INSERT INTO invitations (id, from_user, to_user, group_id, created, expires_at, state) VALUES "
                    + "('i-1', 'alice', 'bob', 'g-1', 10, 99999999999999, 'accepted'), "
                    + "('i-2', 'alice', 'bob', 'g-1', 20, 99999999999999, 'pending')");
        }
        try (Store store = Store.open(dir)) {
            Users users = new Users(store);
            assertThat(users.add("ALICE", "x", 4)).get().asString().contains("looks too much like the existing user alice");
            assertThat(users.add("bo6", "x", 4)).isEmpty();
            try (Statement s = store.connection().createStatement();
                 var rs = s.executeQuery("SELECT id, creates_group FROM invitations ORDER BY id")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(2)).as("the first invitation of g-1 proposed it").isEqualTo(1);
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(2)).isZero();
            }
        }
        try (Fixture f = Fixture.start(dir, List.of())) {
            TestClient.loggedIn(f.cc, "alice", "alice-pw").close();
            TestClient.loggedIn(f.cc, "Alice", "big-pw").close();
        }
    }
}
