package dev.companion.scc.presence;

import dev.companion.scc.store.Sql;
import dev.companion.scc.store.Store;
import java.sql.SQLException;
import java.util.List;

/**
 * The contacts table: one row per pair, a = who asked, state pending or accepted. A pending request
 * may name a user that does not exist ({@link ContactHandler}).
 */
public final class Contacts {
    private final Store store;

    public Contacts(Store store) {
        this.store = store;
    }

    /** A contact row seen from one user's side. */
    public record Row(String asker, String other, boolean accepted) {
    }

    /** The row between x and y whichever way round, or null. */
    public Row find(String x, String y) throws SQLException {
        return Sql.one(store.connection(),
                "SELECT a, b, state FROM contacts WHERE (a = ? AND b = ?) OR (a = ? AND b = ?)",
                rs -> new Row(rs.getString(1), rs.getString(2), "accepted".equals(rs.getString(3))), x, y, y, x);
    }

    public boolean accepted(String x, String y) throws SQLException {
        Row r = find(x, y);
        return r != null && r.accepted();
    }

    /** Every row involving user; asker/other are the stored a/b. */
    public List<Row> of(String user) throws SQLException {
        return Sql.query(store.connection(),
                "SELECT a, b, state FROM contacts WHERE a = ? OR b = ? ORDER BY a, b",
                rs -> new Row(rs.getString(1), rs.getString(2), "accepted".equals(rs.getString(3))), user, user);
    }

    /** The users who are accepted contacts of user. */
    public List<String> acceptedOf(String user) throws SQLException {
        return Sql.query(store.connection(), """
                SELECT CASE WHEN a = ? THEN b ELSE a END FROM contacts
                WHERE (a = ? OR b = ?) AND state = 'accepted' ORDER BY 1""", rs -> rs.getString(1), user, user, user);
    }

    /** asker's requests still waiting for an answer. */
    public int pendingFrom(String asker) throws SQLException {
        return Sql.one(store.connection(), "SELECT count(*) FROM contacts WHERE a = ? AND state = 'pending'",
                rs -> rs.getInt(1), asker);
    }

    /** Stores asker's request to other (a name that may have no account: b is not a foreign key). */
    public void request(String asker, String other) throws SQLException {
        Sql.update(store.connection(), "INSERT INTO contacts (a, b, state) VALUES (?, ?, 'pending')", asker, other);
    }

    /** Makes the pair accepted contacts, whatever row (if any) existed. */
    public void link(String x, String y) throws SQLException {
        Row r = find(x, y);
        if (r == null) {
            Sql.update(store.connection(), "INSERT INTO contacts (a, b, state) VALUES (?, ?, 'accepted')", x, y);
        } else {
            Sql.update(store.connection(), "UPDATE contacts SET state = 'accepted' WHERE a = ? AND b = ?", r.asker(), r.other());
        }
    }
}
