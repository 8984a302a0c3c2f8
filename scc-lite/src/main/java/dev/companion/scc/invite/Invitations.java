package dev.companion.scc.invite;

import dev.companion.scc.store.Sql;
import dev.companion.scc.store.Store;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The invitations table. */
public final class Invitations {
    private final Store store;

    public Invitations(Store store) {
        this.store = store;
    }

    /**
     * A stored invitation; state is pending, accepted or declined. createsGroup: it proposed a new
     * group, which accepting it creates; any other invitation joins a group that must still live.
     */
    public record Inv(String id, String from, String to, String group, long expiresAt, String state, boolean createsGroup) {
    }

    private static final String COLUMNS = "SELECT id, from_user, to_user, group_id, expires_at, state, creates_group FROM invitations ";
    /** Pending, unexpired at ?: what counts against the caps. */
    private static final String OPEN = " state = 'pending' AND expires_at > ?";

    public void add(Inv inv, long now) throws SQLException {
        Sql.update(store.connection(), "INSERT INTO invitations (id, from_user, to_user, group_id, created, expires_at, state, "
                + "creates_group) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", inv.id(), inv.from(), inv.to(), inv.group(), now,
                inv.expiresAt(), inv.state(), inv.createsGroup() ? 1 : 0);
    }

    public Inv get(String id) throws SQLException {
        return Sql.one(store.connection(), COLUMNS + "WHERE id = ?", Invitations::row, id);
    }

    public void decide(String id, boolean accepted) throws SQLException {
        Sql.update(store.connection(), "UPDATE invitations SET state = ? WHERE id = ? AND state = 'pending'",
                accepted ? "accepted" : "declined", id);
    }

    /** Open invitations sent by user. */
    public int openFrom(String user, long now) throws SQLException {
        return count("from_user = ? AND" + OPEN, user, now);
    }

    /** Open invitations addressed to user. */
    public int openTo(String user, long now) throws SQLException {
        return count("to_user = ? AND" + OPEN, user, now);
    }

    /** Open invitations from one user to another. */
    public int openBetween(String from, String to, long now) throws SQLException {
        return count("from_user = ? AND to_user = ? AND" + OPEN, from, to, now);
    }

    /** Open invitations into group. */
    public int openInto(String group, long now) throws SQLException {
        return count("group_id = ? AND" + OPEN, group, now);
    }

    /**
     * The newest at most limit invitations to user that can still be accepted at now (pending,
     * unexpired, and either proposing a new group or for a group that still lives), oldest first.
     */
    public List<Inv> pendingFor(String user, long now, int limit) throws SQLException {
        List<Inv> newest = Sql.query(store.connection(), COLUMNS + "WHERE to_user = ? AND" + OPEN
                + " AND (creates_group = 1 OR group_id IN (SELECT id FROM \"groups\")) ORDER BY created DESC, id DESC LIMIT ?",
                Invitations::row, user, now, limit);
        List<Inv> out = new ArrayList<>(newest);
        Collections.reverse(out);
        return out;
    }

    /**
     * Deletes the invitations that expired before cutoff (answered or not), on connection c (the
     * sweeper's); returns how many.
     */
    public static int sweep(Connection c, long cutoff) throws SQLException {
        return Sql.update(c, "DELETE FROM invitations WHERE expires_at < ?", cutoff);
    }

    private int count(String where, Object... args) throws SQLException {
        return Sql.one(store.connection(), "SELECT count(*) FROM invitations WHERE " + where, rs -> rs.getInt(1), args);
    }

    private static Inv row(java.sql.ResultSet rs) throws SQLException {
        return new Inv(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getString(6),
                rs.getInt(7) == 1);
    }
}
