package dev.companion.scc.auth;

import dev.companion.scc.store.Sql;
import dev.companion.scc.store.Store;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The users table: names, Argon2id password hashes and the names' collision keys ({@link UserNames}):
 * a new name is refused when it breaks the name rules or looks like an existing one.
 */
public final class Users {
    private final Store store;

    public Users(Store store) {
        this.store = store;
    }

    public boolean exists(String name) throws SQLException {
        return Sql.one(store.connection(), "SELECT 1 FROM users WHERE name = ?", rs -> 1, name) != null;
    }

    /** The stored hash, or null for an unknown user. */
    public String hashOf(String name) throws SQLException {
        return Sql.one(store.connection(), "SELECT hash FROM users WHERE name = ?", rs -> rs.getString(1), name);
    }

    /**
     * Adds user name (as given: see {@link UserNames#normalize}); empty when added, else why not (for the
     * operator; nothing changed): a bad name, the name taken, or a name that looks like an existing one.
     * Contact requests that were addressed to the name before it existed are dropped.
     */
    public Optional<String> add(String name, String encodedHash, long now) {
        String problem = UserNames.problem(name);
        if (problem != null) {
            return Optional.of("bad user name: " + problem);
        }
        UserNames.Keys keys = UserNames.keys(name);
        return store.tx(() -> {
            if (exists(name)) {
                return Optional.of("user already exists: " + name);
            }
            String like = Sql.one(store.connection(), "SELECT name FROM users WHERE key_fold = ? OR key_glyph = ? "
                    + "ORDER BY created, name LIMIT 1", rs -> rs.getString(1), keys.fold(), keys.glyph());
            if (like != null) {
                return Optional.of("user name " + name + " looks too much like the existing user " + like);
            }
            Sql.update(store.connection(), "INSERT INTO users (name, hash, created, key_fold, key_glyph) VALUES (?, ?, ?, ?, ?)",
                    name, encodedHash, now, keys.fold(), keys.glyph());
            Sql.update(store.connection(), "DELETE FROM contacts WHERE b = ? AND state = 'pending'", name);
            return Optional.empty();
        });
    }
}
