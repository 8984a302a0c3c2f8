package dev.companion.scc.group;

import dev.companion.p2p.protocol.Messages;
import dev.companion.scc.store.Sql;
import dev.companion.scc.store.Store;
import java.sql.SQLException;
import java.util.List;

/** The groups and members tables. Members are listed longest-standing first. */
public final class Groups {
    private final Store store;

    public Groups(Store store) {
        this.store = store;
    }

    /** A stored group. */
    public record Group(String id, String leader, String mode, String following, String scope) {
    }

    public Group get(String id) throws SQLException {
        return Sql.one(store.connection(), "SELECT id, leader, mode, following, scope FROM \"groups\" WHERE id = ?",
                rs -> new Group(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)), id);
    }

    public void create(Group g, long now) throws SQLException {
        Sql.update(store.connection(),
                "INSERT INTO \"groups\" (id, leader, mode, following, scope, created) VALUES (?, ?, ?, ?, ?, ?)",
                g.id(), g.leader(), g.mode(), g.following(), g.scope(), now);
    }

    public void delete(String id) throws SQLException {
        Sql.update(store.connection(), "DELETE FROM members WHERE group_id = ?", id);
        Sql.update(store.connection(), "DELETE FROM \"groups\" WHERE id = ?", id);
    }

    /** At start-up no member is connected, so no group survives: removes them all. */
    public void deleteAll() throws SQLException {
        Sql.update(store.connection(), "DELETE FROM members");
        Sql.update(store.connection(), "DELETE FROM \"groups\"");
    }

    public void setLeader(String id, String leader) throws SQLException {
        Sql.update(store.connection(), "UPDATE \"groups\" SET leader = ? WHERE id = ?", leader, id);
        Sql.update(store.connection(), "UPDATE members SET role = CASE WHEN user = ? THEN 'leader' ELSE 'follower' END "
                + "WHERE group_id = ?", leader, id);
    }

    public void addMember(String id, String user, String terminal, String role, long now) throws SQLException {
        Sql.update(store.connection(),
                "INSERT INTO members (group_id, user, terminal, role, joined) VALUES (?, ?, ?, ?, ?)",
                id, user, terminal, role, now);
    }

    public void removeMember(String id, String user) throws SQLException {
        Sql.update(store.connection(), "DELETE FROM members WHERE group_id = ? AND user = ?", id, user);
    }

    public List<Messages.Member> members(String id) throws SQLException {
        return Sql.query(store.connection(),
                "SELECT user, terminal, role FROM members WHERE group_id = ? ORDER BY joined, seq",
                rs -> new Messages.Member(rs.getString(1), rs.getString(2), rs.getString(3)), id);
    }

    public boolean isMember(String id, String user) throws SQLException {
        return Sql.one(store.connection(), "SELECT 1 FROM members WHERE group_id = ? AND user = ?", rs -> 1, id, user) != null;
    }

    /** The groups user is a member of. */
    public List<String> groupsOf(String user) throws SQLException {
        return Sql.query(store.connection(), "SELECT group_id FROM members WHERE user = ? ORDER BY seq",
                rs -> rs.getString(1), user);
    }
}
