package dev.companion.scc.invite;

import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.ProtocolException;
import dev.companion.scc.group.GroupService;
import dev.companion.scc.session.Conn;
import dev.companion.scc.session.Hub;
import dev.companion.scc.session.Outbox;
import dev.companion.scc.store.Ids;
import java.sql.SQLException;

/**
 * invite and invite_answer; pending invitations are delivered again at the invitee's next login.
 *
 * <p>Caps (TOO_MANY_PENDING), counting the invitations still open (pending, not expired): at most
 * {@value #MAX_FROM} from one user, {@value #MAX_TO} to one user, {@value #MAX_BETWEEN} from one user
 * to another, and {@value #MAX_INTO} into one group. At login the newest {@value #MAX_TO} that can still
 * be accepted are pushed. Expired invitations are deleted a day after they expired (a sweep off the
 * logic thread; see {@code ControlCenter}).
 */
public final class InviteHandler {
    public static final int MAX_FROM = 20;
    public static final int MAX_TO = 20;
    public static final int MAX_BETWEEN = 3;
    public static final int MAX_INTO = 10;

    private final Hub hub;
    private final GroupService groups;

    public InviteHandler(Hub hub, GroupService groups) {
        this.hub = hub;
        this.groups = groups;
    }

    /**
     * invite, to an accepted contact and into an existing group only by its leader (RequestRules:
     * NOT_CONTACT, NOT_IN_GROUP, NOT_LEADER). group null proposes a new group (its id is allocated now;
     * it exists once someone accepts). Then the caps (TOO_MANY_PENDING). Answer invite_sent; the invitee,
     * if online, receives invitation.
     */
    public void invite(Conn conn, Messages.Invite m) {
        String me = conn.user();
        Outbox out = hub.outbox();
        Invitations.Inv inv = hub.store().tx(() -> {
            String group = m.group() == null ? Ids.next("g") : m.group();
            long now = hub.now();
            refuseOverCaps(me, m.to(), m.group(), now);
            Invitations.Inv created = new Invitations.Inv(Ids.next("i"), me, m.to(), group,
                    now + hub.invitationTtl().toMillis(), "pending", m.group() == null);
            hub.invitations().add(created, now);
            return created;
        });
        conn.send(new Messages.InviteSent(m.req(), inv.id(), inv.to(), inv.group(), inv.expiresAt()));
        out.toUser(inv.to(), invitation(inv));
        out.flush();
    }

    private void refuseOverCaps(String me, String to, String group, long now) throws SQLException {
        var inv = hub.invitations();
        if (inv.openFrom(me, now) >= MAX_FROM) {
            throw new ProtocolException(ErrorCode.TOO_MANY_PENDING, "you have " + MAX_FROM
                    + " invitations waiting for an answer; wait until they are answered or expire");
        }
        if (inv.openBetween(me, to, now) >= MAX_BETWEEN) {
            throw new ProtocolException(ErrorCode.TOO_MANY_PENDING, to + " has not yet answered your last "
                    + MAX_BETWEEN + " invitations");
        }
        if (inv.openTo(to, now) >= MAX_TO) {
            throw new ProtocolException(ErrorCode.TOO_MANY_PENDING, to + " has too many invitations waiting; try later");
        }
        if (group != null && inv.openInto(group, now) >= MAX_INTO) {
            throw new ProtocolException(ErrorCode.TOO_MANY_PENDING, group + " has " + MAX_INTO
                    + " invitations waiting for an answer");
        }
    }

    /**
     * invite_answer: UNKNOWN_INVITATION unless addressed to you, INVITATION_DECIDED after the first
     * answer, INVITATION_EXPIRED after expiry. Accepting joins the group; the invitation that proposed
     * a new group creates it (inviter as leader; the inviter must then be online, else NOT_IN_GROUP
     * and the invitation stays pending). Any other invitation is for a group that must still live:
     * GROUP_ENDED once it was dissolved (also by a restart no member came back from), so a stale invitation never
     * re-creates a group; NOT_IN_GROUP when the inviter has left it. Answer ok; the inviter receives
     * invitation_answered, then (on accept) every member receives the group state.
     */
    public void answer(Conn conn, Messages.InviteAnswer m) {
        String me = conn.user();
        Outbox out = hub.outbox();
        hub.store().run(() -> {
            Invitations.Inv inv = hub.invitations().get(m.invitation());
            if (inv == null || !inv.to().equals(me)) {
                throw new ProtocolException(ErrorCode.UNKNOWN_INVITATION, "no such invitation for you");
            }
            if (!"pending".equals(inv.state())) {
                throw new ProtocolException(ErrorCode.INVITATION_DECIDED, "invitation already " + inv.state());
            }
            if (hub.now() >= inv.expiresAt()) {
                throw new ProtocolException(ErrorCode.INVITATION_EXPIRED, "invitation expired");
            }
            if (m.accept()) {
                join(inv, conn);
            }
            hub.invitations().decide(inv.id(), m.accept());
            out.toUser(inv.from(), new Messages.InvitationAnswered(inv.id(), me, inv.group(), m.accept()));
            if (m.accept()) {
                groups.announce(inv.group(), out);
            }
        });
        conn.send(new Messages.Ok(m.req()));
        out.flush();
    }

    private void join(Invitations.Inv inv, Conn conn) throws SQLException {
        if (hub.groups().get(inv.group()) == null) {
            if (!inv.createsGroup()) {
                throw new ProtocolException(ErrorCode.GROUP_ENDED, "the group of this invitation has ended");
            }
            Conn inviter = hub.online().get(inv.from());
            if (inviter == null) {
                throw new ProtocolException(ErrorCode.NOT_IN_GROUP, inv.from() + " is no longer online");
            }
            groups.create(inv.group(), inv.from(), inviter.terminal());
        } else if (!hub.groups().isMember(inv.group(), inv.from())) {
            throw new ProtocolException(ErrorCode.NOT_IN_GROUP, inv.from() + " has left the group");
        }
        if (!hub.groups().isMember(inv.group(), conn.user())) {
            groups.join(inv.group(), conn.user(), conn.terminal());
        }
    }

    /** Queues the newest {@value #MAX_TO} invitations to user that can still be accepted (called at login). */
    public void deliverPending(Conn conn, Outbox out) throws SQLException {
        for (Invitations.Inv inv : hub.invitations().pendingFor(conn.user(), hub.now(), MAX_TO)) {
            out.to(conn, invitation(inv));
        }
    }

    private static Messages.Invitation invitation(Invitations.Inv inv) {
        return new Messages.Invitation(inv.id(), inv.from(), inv.group(), inv.expiresAt());
    }
}
