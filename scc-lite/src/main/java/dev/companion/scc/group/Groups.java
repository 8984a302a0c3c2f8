package dev.companion.scc.group;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.companion.p2p.protocol.ActionKind;
import dev.companion.p2p.protocol.Codec;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Following;
import dev.companion.p2p.protocol.MemberState;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Mode;
import dev.companion.p2p.protocol.ProtocolException;
import dev.companion.p2p.protocol.Role;
import dev.companion.p2p.protocol.Scope;
import dev.companion.scc.store.Sql;
import dev.companion.scc.store.Store;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** The groups and members tables. Members are listed longest-standing first. */
public final class Groups {
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private static final TypeReference<List<ActionKind>> KINDS = new TypeReference<>() { };
    private static final String COLUMNS =
            "SELECT id, version, leader, mode, following, scope, kinds, pages, local_addresses FROM \"groups\" ";

    private final Store store;

    public Groups(Store store) {
        this.store = store;
    }

    /**
     * A stored group: its version, leader and settings (kinds and pages: the partial scope;
     * localAddresses: pages on local addresses are followed too).
     */
    public record Group(String id, long version, String leader, Mode mode, Following following, Scope scope,
                        List<ActionKind> kinds, List<String> pages, boolean localAddresses) {
    }

    public Group get(String id) throws SQLException {
        return Sql.one(store.connection(), COLUMNS + "WHERE id = ?", Groups::row, id);
    }

    /** Group id, when user is one of its members; NOT_IN_GROUP otherwise (also when there is no such group). */
    public Group ofMember(String id, String user) throws SQLException {
        Group g = get(id);
        if (g == null || !isMember(id, user)) {
            throw new ProtocolException(ErrorCode.NOT_IN_GROUP, "not a member of " + id);
        }
        return g;
    }

    /** Inserts g at version 1 (g.version is ignored). */
    public void create(Group g, long now) throws SQLException {
        Sql.update(store.connection(), "INSERT INTO \"groups\" (id, version, leader, mode, following, scope, kinds, pages, "
                        + "local_addresses, created) VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?)",
                g.id(), g.leader(), g.mode().wire(), g.following().wire(), g.scope().wire(), json(g.kinds()), json(g.pages()),
                g.localAddresses() ? 1 : 0, now);
    }

    public void delete(String id) throws SQLException {
        Sql.update(store.connection(), "DELETE FROM members WHERE group_id = ?", id);
        Sql.update(store.connection(), "DELETE FROM \"groups\" WHERE id = ?", id);
    }

    /**
     * At start-up no member is connected: every member is away (each group one version further), kept
     * for the away grace like a member whose connection closed. Returns the users who are members
     * somewhere, for their grace timers.
     */
    public List<String> allAway() throws SQLException {
        Sql.update(store.connection(), "UPDATE \"groups\" SET version = version + 1");
        Sql.update(store.connection(), "UPDATE members SET state = 'away'");
        return Sql.query(store.connection(), "SELECT DISTINCT user FROM members ORDER BY user", rs -> rs.getString(1));
    }

    /** One more change to group id: its version grows by one. */
    public void bump(String id) throws SQLException {
        Sql.update(store.connection(), "UPDATE \"groups\" SET version = version + 1 WHERE id = ?", id);
    }

    public void settings(String id, Mode mode, Following following, Scope scope, List<ActionKind> kinds,
                         List<String> pages, boolean localAddresses) throws SQLException {
        Sql.update(store.connection(), "UPDATE \"groups\" SET mode = ?, following = ?, scope = ?, kinds = ?, pages = ?, "
                + "local_addresses = ? WHERE id = ?", mode.wire(), following.wire(), scope.wire(), json(kinds), json(pages),
                localAddresses ? 1 : 0, id);
    }

    public void setLeader(String id, String leader) throws SQLException {
        Sql.update(store.connection(), "UPDATE \"groups\" SET leader = ? WHERE id = ?", leader, id);
        Sql.update(store.connection(), "UPDATE members SET role = CASE WHEN user = ? THEN 'leader' ELSE 'follower' END "
                + "WHERE group_id = ?", leader, id);
    }

    public void addMember(String id, String user, String terminal, Role role, long now) throws SQLException {
        Sql.update(store.connection(),
                "INSERT INTO members (group_id, user, terminal, role, joined) VALUES (?, ?, ?, ?, ?)",
                id, user, terminal, role.wire(), now);
    }

    /**
     * From when user's time in group id is not counted yet (epoch ms): when they joined, or when it was
     * last counted; null when not a member.
     */
    public Long uncountedFrom(String id, String user) throws SQLException {
        return Sql.one(store.connection(), "SELECT COALESCE(counted_from, joined) FROM members WHERE group_id = ? AND user = ?",
                rs -> rs.getLong(1), id, user);
    }

    /** One membership's time not counted yet: user in group since from (epoch ms). */
    public record Uncounted(String group, String user, long from) {
    }

    /** Every membership's time not counted yet. */
    public List<Uncounted> uncounted() throws SQLException {
        return Sql.query(store.connection(), "SELECT group_id, user, COALESCE(counted_from, joined) FROM members",
                rs -> new Uncounted(rs.getString(1), rs.getString(2), rs.getLong(3)));
    }

    /** user's time in group id is counted up to until (epoch ms). */
    public void countedUntil(String id, String user, long until) throws SQLException {
        Sql.update(store.connection(), "UPDATE members SET counted_from = ? WHERE group_id = ? AND user = ?", until, id, user);
    }

    public void removeMember(String id, String user) throws SQLException {
        Sql.update(store.connection(), "DELETE FROM members WHERE group_id = ? AND user = ?", id, user);
    }

    /** Sets user's state in group id. */
    public void state(String id, String user, MemberState state) throws SQLException {
        Sql.update(store.connection(), "UPDATE members SET state = ? WHERE group_id = ? AND user = ?", state.wire(), id,
                user);
    }

    /** user's terminal is back in group id: state here, epoch one more. */
    public void back(String id, String user) throws SQLException {
        Sql.update(store.connection(), "UPDATE members SET state = 'here', epoch = epoch + 1 WHERE group_id = ? AND user = ?",
                id, user);
    }

    public List<Messages.Member> members(String id) throws SQLException {
        return Sql.query(store.connection(),
                "SELECT user, terminal, role, state, epoch FROM members WHERE group_id = ? ORDER BY joined, seq",
                rs -> new Messages.Member(rs.getString(1), rs.getString(2), Role.of(rs.getString(3)),
                        MemberState.of(rs.getString(4)), rs.getLong(5)), id);
    }

    /** user in group id, or null when not a member. */
    public Messages.Member member(String id, String user) throws SQLException {
        return members(id).stream().filter(m -> m.user().equals(user)).findFirst().orElse(null);
    }

    public boolean isMember(String id, String user) throws SQLException {
        return Sql.one(store.connection(), "SELECT 1 FROM members WHERE group_id = ? AND user = ?", rs -> 1, id, user) != null;
    }

    /** The groups user is a member of. */
    public List<String> groupsOf(String user) throws SQLException {
        return Sql.query(store.connection(), "SELECT group_id FROM members WHERE user = ? ORDER BY seq",
                rs -> rs.getString(1), user);
    }

    private static Group row(ResultSet rs) throws SQLException {
        return new Group(rs.getString(1), rs.getLong(2), rs.getString(3), Mode.of(rs.getString(4)),
                Following.of(rs.getString(5)), Scope.of(rs.getString(6)), list(rs.getString(7), KINDS),
                list(rs.getString(8), STRINGS), rs.getInt(9) != 0);
    }

    private static String json(List<?> list) {
        try {
            return Codec.mapper().writeValueAsString(list == null ? List.of() : list);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> List<T> list(String json, TypeReference<List<T>> type) throws SQLException {
        try {
            return Codec.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new SQLException("bad JSON list in groups: " + e.getOriginalMessage(), e);
        }
    }
}
