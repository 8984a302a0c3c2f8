package dev.companion.scc.session;

import dev.companion.p2p.protocol.ControlRequest;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Mode;
import dev.companion.p2p.protocol.ProtocolException;
import dev.companion.scc.group.Groups;
import java.sql.SQLException;

/**
 * Who may send the control center which request, in which state, in answer to what: every request's
 * rule in one place, checked by {@link Dispatcher} before the request's handler runs. A refusal is a
 * {@link ProtocolException} with the rule's code, and nothing has been changed.
 * <ul>
 *   <li>login: only on a connection not signed in (UNKNOWN_TYPE); every other request only signed in
 *       (NOT_LOGGED_IN, also on a connection replaced by a newer login) and with a req (MISSING_FIELD);</li>
 *   <li>contact_add: someone other than yourself (ACTION_REFUSED);</li>
 *   <li>invite: to an accepted contact (NOT_CONTACT); into an existing group only by a member
 *       (NOT_IN_GROUP) who leads it (NOT_LEADER);</li>
 *   <li>group_leave, lead_ask, lead_answer: a member of the named group (NOT_IN_GROUP);</li>
 *   <li>group_set: a member; in leader/follower mode the leader (NOT_LEADER), judged at the version
 *       the request is based on (an older one is the handler's GROUP_CHANGED);</li>
 *   <li>follow_pause: a member; the leader of a leader/follower group does not follow, so it cannot
 *       pause (ACTION_REFUSED);</li>
 *   <li>lead_offer: the leader (NOT_LEADER), to a member (NOT_IN_GROUP);</li>
 *   <li>signal: a member, to another member who is online (PEER_NOT_IN_GROUP);</li>
 *   <li>join_code for a group: its leader (NOT_IN_GROUP, NOT_LEADER); for a new group (no group): anyone;</li>
 *   <li>join_decide for a formed group: its leader (NOT_IN_GROUP, NOT_LEADER); for one not formed yet
 *       the handler checks the ask was made with the sender's code (UNKNOWN_PROPOSAL);</li>
 *   <li>join_lookup, join_ask, usage_report, usage_get: anyone signed in; the code (UNKNOWN_CODE, the
 *       guessing limits), the caps and the counts are their handlers'.</li>
 * </ul>
 * What depends on one stored record is checked by the handler against that record, in its
 * transaction: invite_answer (your invitation, undecided, unexpired; its group still there),
 * lead_answer (an open proposal addressed to you), contact_accept (that user asked you),
 * group_set's version (GROUP_CHANGED); so are the caps (TOO_MANY_PENDING). Everything runs on the
 * logic thread, so nothing changes between this check and the handler.
 *
 * <p>docs/security.md lists the same rules as a table ("Control-center requests"); ControlRulesTest
 * walks it.
 */
final class RequestRules {
    private final Hub hub;

    RequestRules(Hub hub) {
        this.hub = hub;
    }

    /** Returns when conn may send r now; otherwise throws the rule's refusal. */
    void check(Conn conn, ControlRequest r) throws SQLException {
        if (!(r instanceof Messages.Login)) {
            signedIn(conn, r);
        }
        String me = conn.user();
        switch (r) { // every request has its rule: the compiler says when one is missing
            case Messages.Login l -> {
                if (conn.loggedIn()) {
                    throw new ProtocolException(ErrorCode.UNKNOWN_TYPE, "already logged in");
                }
            }
            case Messages.ContactAdd a -> {
                if (me.equals(a.user())) {
                    throw new ProtocolException(ErrorCode.ACTION_REFUSED, "you cannot be your own contact");
                }
            }
            case Messages.ContactAccept a -> { } // that user asked you: ContactHandler, against the contact row
            case Messages.Invite i -> invite(me, i);
            case Messages.InviteAnswer a -> { } // your invitation: InviteHandler, against the invitation
            case Messages.GroupLeave l -> member(l.group(), me);
            case Messages.Signal s -> signal(me, s);
            case Messages.IceServers i -> { }
            case Messages.GroupSet s -> {
                Groups.Group g = member(s.group(), me);
                // judged on the group the sender saw: a change based on an older version (say, one that
                // raced with a switch to leader/follower) is GroupHandler's GROUP_CHANGED, so it can retry
                if (s.version() == g.version() && g.mode() != Mode.MUTUAL && !g.leader().equals(me)) {
                    throw new ProtocolException(ErrorCode.NOT_LEADER, "only the leader changes the settings of "
                            + g.id() + " in leader-follower mode");
                }
            }
            case Messages.FollowPause p -> {
                Groups.Group g = member(p.group(), me);
                if (p.paused() && g.mode() != Mode.MUTUAL && g.leader().equals(me)) {
                    throw new ProtocolException(ErrorCode.ACTION_REFUSED, "the leader does not follow");
                }
            }
            case Messages.LeadAsk a -> member(a.group(), me);
            case Messages.LeadOffer o -> {
                Groups.Group g = member(o.group(), me);
                if (!g.leader().equals(me)) {
                    throw new ProtocolException(ErrorCode.NOT_LEADER, "only the leader offers the lead of " + g.id());
                }
                if (!hub.groups().isMember(g.id(), o.to())) {
                    throw new ProtocolException(ErrorCode.NOT_IN_GROUP, o.to() + " is not a member of " + g.id());
                }
            }
            case Messages.LeadAnswer a -> member(a.group(), me); // a proposal to you: LeadHandler
            case Messages.JoinCode c -> {
                if (c.group() != null) {
                    leader(c.group(), me, "shows join codes for");
                }
            }
            case Messages.JoinLookup l -> { } // the code and the guessing limits: JoinHandler
            case Messages.JoinAsk a -> { }
            case Messages.JoinDecide d -> {
                if (hub.groups().get(d.group()) != null) {
                    leader(d.group(), me, "lets people in to");
                } // not formed yet: JoinHandler, against the ask (made with the sender's code)
            }
            case Messages.UsageReport u -> { } // your own counts, bounded by the record: UsageHandler
            case Messages.UsageGet g -> { } // your own counts only: UsageHandler
        }
    }

    private static void signedIn(Conn conn, ControlRequest r) {
        if (!conn.loggedIn() || conn.detached()) {
            throw new ProtocolException(ErrorCode.NOT_LOGGED_IN, "log in first");
        }
        if (r.req() == null) {
            throw new ProtocolException(ErrorCode.MISSING_FIELD, "missing field: req");
        }
    }

    /** The group, when me is one of its members; NOT_IN_GROUP otherwise (also when there is no such group). */
    private Groups.Group member(String group, String me) throws SQLException {
        return hub.groups().ofMember(group, me);
    }

    /** The group, when me leads it; NOT_IN_GROUP or NOT_LEADER otherwise. */
    private Groups.Group leader(String group, String me, String what) throws SQLException {
        Groups.Group g = member(group, me);
        if (!g.leader().equals(me)) {
            throw new ProtocolException(ErrorCode.NOT_LEADER, "only the leader " + what + " " + g.id());
        }
        return g;
    }

    /** Only to accepted contacts (the same answer for a name with no account); into a group only by its leader. */
    private void invite(String me, Messages.Invite m) throws SQLException {
        if (!hub.contacts().accepted(me, m.to())) {
            throw new ProtocolException(ErrorCode.NOT_CONTACT, "you can invite accepted contacts only");
        }
        if (m.group() != null) {
            Groups.Group g = member(m.group(), me);
            if (!g.leader().equals(me)) {
                throw new ProtocolException(ErrorCode.NOT_LEADER, "only the leader invites into " + g.id());
            }
        }
    }

    /** Relayed only between two members of one group, to one who is online: link set-up to strangers never. */
    private void signal(String me, Messages.Signal m) throws SQLException {
        if (!hub.groups().isMember(m.group(), me)) {
            throw new ProtocolException(ErrorCode.NOT_IN_GROUP, "not a member of " + m.group());
        }
        if (m.to().equals(me) || !hub.online().isOnline(m.to()) || !hub.groups().isMember(m.group(), m.to())) {
            throw new ProtocolException(ErrorCode.PEER_NOT_IN_GROUP, m.to() + " is not a member of " + m.group());
        }
    }
}
