package dev.companion.scc.group;

import dev.companion.p2p.protocol.DissolvedReason;
import dev.companion.p2p.protocol.Following;
import dev.companion.p2p.protocol.MemberState;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Mode;
import dev.companion.p2p.protocol.Role;
import dev.companion.p2p.protocol.Scope;
import dev.companion.scc.session.Hub;
import dev.companion.scc.session.Outbox;
import dev.companion.scc.usage.UsageDays;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Group membership rules, run inside the caller's transaction; messages go to the outbox.
 *
 * <p>Every change to a group (a member joins, leaves, goes away, comes back or pauses; the leader or
 * the settings change) raises its version by one and is announced to every member. A group is
 * first announced, at version 1, when its second member joins.
 *
 * <p>Leaving: with two or more members left, they all receive the new group state; when the leader
 * left, the next leader is the longest-standing member who is not away (if all are away, the
 * longest-standing). With fewer than two left, the remaining member receives group_dissolved
 * (reason, and who left) and the group is deleted.
 *
 * <p>Usage counts: forming a group counts for its leader; leaving (or the group ending) adds the
 * member's time in it, by day.
 */
public final class GroupService {
    public static final Mode MODE = Mode.LEADER_FOLLOWER;
    public static final Following FOLLOWING = Following.AUTO;
    public static final Scope SCOPE = Scope.FULL;

    private final Hub hub;
    /** What last changed in each group, for GROUP_CHANGED messages. Logic thread only. */
    private final Map<String, String> lastChange = new HashMap<>();

    public GroupService(Hub hub) {
        this.hub = hub;
    }

    /** Creates group id led by leader (on leaderTerminal), at version 1; announced once someone joins. */
    public void create(String id, String leader, String leaderTerminal) throws SQLException {
        long now = hub.now();
        hub.groups().create(new Groups.Group(id, 1, leader, MODE, FOLLOWING, SCOPE, List.of(), List.of(),
                hub.localAddresses()), now);
        hub.groups().addMember(id, leader, leaderTerminal, Role.LEADER, now);
        hub.usage().add(leader, now, UsageDays.Count.GROUPS_FORMED, 1);
    }

    /** user joins group id as a follower; the caller announces it. */
    public void join(String id, String user, String terminal) throws SQLException {
        boolean announcedBefore = hub.groups().members(id).size() >= 2;
        hub.groups().addMember(id, user, terminal, Role.FOLLOWER, hub.now());
        if (announcedBefore) {
            hub.groups().bump(id);
        }
        lastChange.put(id, user + " joined");
    }

    /** Records one change to group id (what: for people), raises its version and announces it. */
    public void changed(String id, String what, Outbox out) throws SQLException {
        hub.groups().bump(id);
        lastChange.put(id, what);
        announce(id, out);
    }

    /** What last changed in group id, for people ("bob joined", "settings changed by alice"). */
    public String lastChange(String id) {
        return lastChange.getOrDefault(id, "the group changed");
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
        return new Messages.GroupState(g.id(), g.version(), g.leader(), g.mode(), g.following(), g.scope(),
                g.kinds(), g.pages(), hub.groups().members(id), g.localAddresses());
    }

    /**
     * Makes leader the leader of group id (roles follow). In leader/follower mode the leader does not
     * follow, so a paused new leader is here again. Does not announce.
     */
    public void setLeader(String id, String leader) throws SQLException {
        hub.groups().setLeader(id, leader);
        leaderFollows(id);
    }

    /** In leader/follower mode the leader cannot stay paused: sets it here. */
    void leaderFollows(String id) throws SQLException {
        Groups.Group g = hub.groups().get(id);
        Messages.Member leader = hub.groups().member(id, g.leader());
        if (g.mode() == Mode.LEADER_FOLLOWER && leader != null && leader.paused()) {
            hub.groups().state(id, leader.user(), MemberState.HERE);
        }
    }

    /** user leaves group id (a member), because it left or was disconnected. */
    public void leave(String id, String user, DissolvedReason reason, Outbox out) throws SQLException {
        Groups.Group g = hub.groups().get(id);
        counted(id, user);
        hub.groups().removeMember(id, user);
        List<Messages.Member> rest = hub.groups().members(id);
        if (rest.size() >= 2) {
            if (g.leader().equals(user)) {
                setLeader(id, next(rest).user());
            }
            changed(id, user + (reason == DissolvedReason.LEFT ? " left" : " was disconnected"), out);
        } else {
            for (Messages.Member m : rest) {
                counted(id, m.user());
            }
            hub.groups().delete(id);
            lastChange.remove(id);
            for (Messages.Member m : rest) {
                out.toUser(m.user(), new Messages.GroupDissolved(id, reason, user));
            }
        }
    }

    /** Adds user's time in group id not counted yet (since joining, or the last tally) to their usage counts. */
    private void counted(String id, String user) throws SQLException {
        Long from = hub.groups().uncountedFrom(id, user);
        if (from != null) {
            hub.usage().inGroup(user, from, hub.now());
        }
    }

    /**
     * Counts every membership's time up to now (the usage tally, every few minutes, in one
     * transaction): today's figures include groups still going, and a membership that ends later
     * adds only what came after. Returns how many memberships were counted.
     */
    public int tally() throws SQLException {
        long now = hub.now();
        return hub.store().tx(() -> {
            List<Groups.Uncounted> all = hub.groups().uncounted();
            for (Groups.Uncounted u : all) {
                if (u.from() < now) {
                    hub.usage().inGroup(u.user(), u.from(), now);
                    hub.groups().countedUntil(u.group(), u.user(), now);
                }
            }
            return all.size();
        });
    }

    /** The next leader among members (longest-standing first): the first who is not away, else the first. */
    static Messages.Member next(List<Messages.Member> members) {
        return members.stream().filter(m -> m.state() != MemberState.AWAY).findFirst().orElse(members.get(0));
    }

    /** user leaves every group they are in. */
    public void leaveAll(String user, DissolvedReason reason, Outbox out) throws SQLException {
        for (String id : new ArrayList<>(hub.groups().groupsOf(user))) {
            leave(id, user, reason, out);
        }
    }

    /** user lost its connection: away in every group (role kept), each announced; returns how many groups. */
    public int away(String user, Outbox out) throws SQLException {
        List<String> ids = hub.groups().groupsOf(user);
        for (String id : ids) {
            hub.groups().state(id, user, MemberState.AWAY);
            changed(id, user + " is away", out);
        }
        return ids.size();
    }

    /** The away grace ended: user leaves each group in which it is still away, reason "disconnected". */
    public void leaveWhereAway(String user, Outbox out) throws SQLException {
        for (String id : new ArrayList<>(hub.groups().groupsOf(user))) {
            Messages.Member m = hub.groups().member(id, user);
            if (m != null && m.state() == MemberState.AWAY) {
                leave(id, user, DissolvedReason.DISCONNECTED, out);
            }
        }
    }

    /**
     * user logged in on terminal: in each group joined from that terminal it is here again with a
     * new epoch (announced); groups joined from another terminal it leaves at once ("disconnected").
     */
    public void back(String user, String terminal, Outbox out) throws SQLException {
        for (String id : new ArrayList<>(hub.groups().groupsOf(user))) {
            Messages.Member m = hub.groups().member(id, user);
            if (m.terminal().equals(terminal)) {
                hub.groups().back(id, user);
                changed(id, user + " is back", out);
            } else {
                leave(id, user, DissolvedReason.DISCONNECTED, out);
            }
        }
    }
}
