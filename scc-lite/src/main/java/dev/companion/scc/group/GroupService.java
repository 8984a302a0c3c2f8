package dev.companion.scc.group;

import dev.companion.p2p.protocol.Messages;
import dev.companion.scc.session.Hub;
import dev.companion.scc.session.Outbox;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Group membership rules, run inside the caller's transaction; messages go to the outbox.
 *
 * <p>Leaving: with two or more members left, they all receive the new group state; when the leader
 * left, the longest-standing remaining member (earliest join) becomes leader. With fewer than two
 * left, the remaining member receives group_dissolved (reason, and who left) and the group is deleted.
 */
public final class GroupService {
    public static final String MODE = "leader-follower";
    public static final String FOLLOWING = "auto";
    public static final String SCOPE = "full";

    private final Hub hub;

    public GroupService(Hub hub) {
        this.hub = hub;
    }

    /** Creates group id led by leader (on leaderTerminal). */
    public void create(String id, String leader, String leaderTerminal) throws SQLException {
        long now = hub.now();
        hub.groups().create(new Groups.Group(id, leader, MODE, FOLLOWING, SCOPE), now);
        hub.groups().addMember(id, leader, leaderTerminal, "leader", now);
    }

    public void join(String id, String user, String terminal) throws SQLException {
        hub.groups().addMember(id, user, terminal, "follower", hub.now());
    }

    /** Tells every member the group's current state. */
    public void announce(String id, Outbox out) throws SQLException {
        Messages.GroupState state = state(id);
        for (Messages.Member m : state.members()) {
            out.toUser(m.user(), state);
        }
    }

    public Messages.GroupState state(String id) throws SQLException {
        Groups.Group g = hub.groups().get(id);
        return new Messages.GroupState(g.id(), g.leader(), g.mode(), g.following(), g.scope(), hub.groups().members(id));
    }

    /** user leaves group id (a member); reason is "left" or "disconnected". */
    public void leave(String id, String user, String reason, Outbox out) throws SQLException {
        Groups.Group g = hub.groups().get(id);
        hub.groups().removeMember(id, user);
        List<Messages.Member> rest = hub.groups().members(id);
        if (rest.size() >= 2) {
            if (g.leader().equals(user)) {
                hub.groups().setLeader(id, rest.get(0).user());
            }
            announce(id, out);
        } else {
            hub.groups().delete(id);
            for (Messages.Member m : rest) {
                out.toUser(m.user(), new Messages.GroupDissolved(id, reason, user));
            }
        }
    }

    /** user leaves every group they are in. */
    public void leaveAll(String user, String reason, Outbox out) throws SQLException {
        for (String id : new ArrayList<>(hub.groups().groupsOf(user))) {
            leave(id, user, reason, out);
        }
    }
}
