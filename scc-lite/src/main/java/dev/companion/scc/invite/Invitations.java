package dev.companion.scc.invite;

import dev.companion.scc.store.Sql;
import dev.companion.scc.store.Store;
import java.sql.SQLException;
import java.util.List;

/** The invitations table. */
public final class Invitations {
    private final Store store;

    public Invitations(Store store) {
        this.store = store;
    }

    /** A stored invitation; state is pending, accepted or declined. */
    public record Inv(String id, String from, String to, String group, long expiresAt, String state) {
    }

    private static final String COLUMNS = "SELECT id, from_user, to_user, group_id, expires_at, state FROM invitations ";

    public void add(Inv inv, long now) throws SQLException {
        Sql.update(store.connection(), "INSERT INTO invitations (id, from_user, to_user, group_id, created, expires_at, state) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)", inv.id(), inv.from(), inv.to(), inv.group(), now, inv.expiresAt(), inv.state());
    }

    public Inv get(String id) throws SQLException {
        return Sql.one(store.connection(), COLUMNS + "WHERE id = ?", Invitations::row, id);
    }

    public void decide(String id, boolean accepted) throws SQLException {
        Sql.update(store.connection(), "UPDATE invitations SET state = ? WHERE id = ? AND state = 'pending'",
                accepted ? "accepted" : "declined", id);
    }

    /** Pending invitations addressed to user that have not expired at now, oldest first. */
    public List<Inv> pendingFor(String user, long now) throws SQLException {
        return Sql.query(store.connection(), COLUMNS + "WHERE to_user = ? AND state = 'pending' AND expires_at > ? "
                + "ORDER BY created, id", Invitations::row, user, now);
    }

    private static Inv row(java.sql.ResultSet rs) throws SQLException {
        return new Inv(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getString(6));
    }
}
