package dev.companion.scc.presence;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.companion.p2p.protocol.Codec;
import dev.companion.scc.store.Sql;
import dev.companion.scc.store.Store;
import java.sql.SQLException;
import java.util.List;

/** The terminals table: each terminal a user logged in from, its route, fingerprint and state. */
public final class Terminals {
    private final Store store;

    public Terminals(Store store) {
        this.store = store;
    }

    public void online(String user, String terminal, List<String> route, String fingerprint, long now) throws SQLException {
        String json;
        try {
            json = Codec.mapper().writeValueAsString(route);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Sql.update(store.connection(), """
                INSERT INTO terminals (id, user, route, fingerprint, state, last_seen) VALUES (?, ?, ?, ?, 'online', ?)
                ON CONFLICT (user, id) DO UPDATE SET route = excluded.route, fingerprint = excluded.fingerprint,
                    state = 'online', last_seen = excluded.last_seen""", terminal, user, json, fingerprint, now);
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
