package dev.companion.scc.auth;

import dev.companion.scc.store.Sql;
import dev.companion.scc.store.Store;
import java.sql.SQLException;

/** The users table: names and Argon2id password hashes. */
public final class Users {
    /** Names the CLI accepts: 1 to 64 of letters, digits and . _ @ - (the wire allows any 64 characters). */
    public static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z0-9._@-]{1,64}");

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

    /** Adds a user; false when the name is taken (nothing changed). */
    public boolean add(String name, String encodedHash, long now) {
        return store.tx(() -> {
            if (exists(name)) {
                return false;
            }
            Sql.update(store.connection(), "INSERT INTO users (name, hash, created) VALUES (?, ?, ?)", name, encodedHash, now);
            return true;
        });
    }
}
