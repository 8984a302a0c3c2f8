package dev.companion.scc.group;

import dev.companion.p2p.protocol.DissolvedReason;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.MemberState;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.ProtocolException;
import dev.companion.scc.session.Conn;
import dev.companion.scc.session.Hub;
import dev.companion.scc.session.Outbox;

/**
 * group_leave, group_set and follow_pause, from a member of the group (who may send which is checked
 * before, by the session's RequestRules: NOT_IN_GROUP, NOT_LEADER, ACTION_REFUSED); a refused request
 * changes nothing. Answer ok, then every member receives the new group state (see {@link GroupService});
 * a request that changes nothing is answered ok and announces nothing.
 */
public final class GroupHandler {
    private final Hub hub;
    private final GroupService groups;

    public GroupHandler(Hub hub, GroupService groups) {
        this.hub = hub;
        this.groups = groups;
    }

    public void leave(Conn conn, Messages.GroupLeave m) {
        Outbox out = hub.outbox();
        hub.store().run(() -> {
            groups.leave(m.group(), conn.user(), DissolvedReason.LEFT, out);
        });
        conn.send(new Messages.Ok(m.req()));
        out.flush();
    }

    /**
     * group_set: the version must be the group's current one (GROUP_CHANGED otherwise: someone
     * changed the group first, nothing is changed); at that version, in leader/follower mode only the
     * leader may change the settings, in mutual mode any member (RequestRules: NOT_LEADER). Stores
     * mode, following, scope, kinds, pages and whether pages on local addresses are followed.
     */
    public void set(Conn conn, Messages.GroupSet m) {
        String me = conn.user();
        Outbox out = hub.outbox();
        hub.store().run(() -> {
            Groups.Group g = hub.groups().ofMember(m.group(), me); // re-read in the transaction
            if (m.version() != g.version()) {
                throw new ProtocolException(ErrorCode.GROUP_CHANGED, "group " + g.id() + " is at version " + g.version()
                        + ", not " + m.version() + " (last change: " + groups.lastChange(g.id())
                        + "); nothing was changed");
            }
            if (g.mode() == m.mode() && g.following() == m.following() && g.scope() == m.scope()
                    && g.kinds().equals(m.kinds()) && g.pages().equals(m.pages()) && g.localAddresses() == m.localAddresses()) {
                return;
            }
            hub.groups().settings(g.id(), m.mode(), m.following(), m.scope(), m.kinds(), m.pages(), m.localAddresses());
            groups.leaderFollows(g.id());
            groups.changed(g.id(), "settings changed by " + me + " (mode " + m.mode() + ", following " + m.following()
                    + ", scope " + m.scope() + (m.localAddresses() != g.localAddresses()
                    ? m.localAddresses() ? ", local addresses followed" : ", local addresses no longer followed" : "")
                    + ")", out);
        });
        conn.send(new Messages.Ok(m.req()));
        out.flush();
    }

    /**
     * follow_pause: the member's state becomes paused (paused true) or here. (The leader of a
     * leader/follower group does not follow, so it cannot pause: RequestRules.)
     */
    public void pause(Conn conn, Messages.FollowPause m) {
        String me = conn.user();
        Outbox out = hub.outbox();
        hub.store().run(() -> {
            Groups.Group g = hub.groups().ofMember(m.group(), me); // re-read in the transaction
            MemberState state = m.paused() ? MemberState.PAUSED : MemberState.HERE;
            if (state == hub.groups().member(g.id(), me).state()) {
                return;
            }
            hub.groups().state(g.id(), me, state);
            groups.changed(g.id(), me + (m.paused() ? " paused" : " follows again"), out);
        });
        conn.send(new Messages.Ok(m.req()));
        out.flush();
    }

}
