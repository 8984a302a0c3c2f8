package dev.companion.scc.presence;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.companion.p2p.protocol.Codec;
import dev.companion.scc.store.Sql;
import dev.companion.scc.store.Store;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The terminals table: each terminal a user logged in from, its route, fingerprint and state, and the
 * digests of its session tokens.
 */
public final class Terminals {
    private final Store store;

    public Terminals(Store store) {
        this.store = store;
    }

    /**
     * Records the terminal online with its route and fingerprint, in one statement with its token:
     * tokenHash (expiring at tokenExpires) becomes the current token; kept (the token that proved this
     * login, or null after a password login: the terminal's current token until now) stays valid beside
     * it; any older one is forgotten. Digests only, never tokens (see {@code auth.Tokens}).
     */
    public void online(String user, String terminal, List<String> route, String fingerprint, long now,
                       String tokenHash, long tokenExpires, StoredToken kept) throws SQLException {
        String json;
        try {
            json = Codec.mapper().writeValueAsString(route);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Sql.update(store.connection(), """
                INSERT INTO terminals (id, user, route, fingerprint, state, last_seen, token_hash, token_expires,
                                       prev_token_hash, prev_token_expires)
                VALUES (?, ?, ?, ?, 'online', ?, ?, ?, ?, ?)
                ON CONFLICT (user, id) DO UPDATE SET route = excluded.route, fingerprint = excluded.fingerprint,
                    state = 'online', last_seen = excluded.last_seen,
                    prev_token_hash = CASE WHEN excluded.prev_token_hash IS NULL THEN terminals.token_hash
                                           ELSE excluded.prev_token_hash END,
                    prev_token_expires = CASE WHEN excluded.prev_token_hash IS NULL THEN terminals.token_expires
                                              ELSE excluded.prev_token_expires END,
                    token_hash = excluded.token_hash, token_expires = excluded.token_expires""",
                terminal, user, json, fingerprint, now, tokenHash, tokenExpires,
                kept == null ? null : kept.hash(), kept == null ? null : kept.expiresAt());
    }

    /** The digests of the tokens that may log in as user from terminal (current first), expired ones included. */
    public List<StoredToken> tokens(String user, String terminal) throws SQLException {
        List<StoredToken> out = new ArrayList<>(2);
        Sql.query(store.connection(), """
                SELECT token_hash, token_expires, prev_token_hash, prev_token_expires
                FROM terminals WHERE user = ? AND id = ?""", rs -> {
            add(out, rs.getString(1), rs.getLong(2));
            add(out, rs.getString(3), rs.getLong(4));
            return null;
        }, user, terminal);
        return out;
    }

    private static void add(List<StoredToken> out, String hash, long expiresAt) {
        if (hash != null) {
            out.add(new StoredToken(hash, expiresAt));
        }
    }

    /** A token's digest (base64 of its SHA-256) and its expiry (epoch ms), as the terminals table keeps it. */
    public record StoredToken(String hash, long expiresAt) {
    }

    public void offline(String user, String terminal, long now) throws SQLException {
        Sql.update(store.connection(), "UPDATE terminals SET state = 'offline', last_seen = ? WHERE user = ? AND id = ?",
                now, user, terminal);
    }

    /** At start-up no terminal is connected: marks all offline. */
    public void allOffline() throws SQLException {
        Sql.update(store.connection(), "UPDATE terminals SET state = 'offline' WHERE state = 'online'");
    }

    /** The state of one terminal ("online", "offline"), or null if unknown. */
    public String state(String user, String terminal) throws SQLException {
        return Sql.one(store.connection(), "SELECT state FROM terminals WHERE user = ? AND id = ?",
                rs -> rs.getString(1), user, terminal);
    }
}
