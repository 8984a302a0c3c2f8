package dev.companion.scc.session;

import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Messages;
import dev.companion.scc.auth.Tokens;
import dev.companion.scc.group.GroupService;
import dev.companion.scc.invite.InviteHandler;
import dev.companion.scc.presence.ContactHandler;
import dev.companion.scc.presence.Presence;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A logged-in connection's life: attach at login, detach when it closes or is replaced.
 *
 * <p>One connection per user owns the user's presence. A login while another connection of the same
 * user is attached replaces it: the old connection receives {@code error NOT_LOGGED_IN} ("replaced
 * by a newer login") and is closed, and counts as disconnected (it leaves its groups with reason
 * "disconnected"); the user stays online, so contacts see no presence change.
 */
public final class Lifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);
    private final Hub hub;
    private final GroupService groups;
    private final Presence presence;
    private final ContactHandler contacts;
    private final InviteHandler invites;
    private final Tokens tokens;

    public Lifecycle(Hub hub, GroupService groups, Presence presence, ContactHandler contacts,
                     InviteHandler invites, Tokens tokens) {
        this.hub = hub;
        this.groups = groups;
        this.presence = presence;
        this.contacts = contacts;
        this.invites = invites;
        this.tokens = tokens;
    }

    /**
     * After a good login: records the terminal online, answers login_ok (token, contact list), then
     * pushes presence to online contacts (if the user was offline) and the pending invitations.
     */
    public void attach(Conn conn, Messages.Login m) {
        String user = m.user();
        Conn old = hub.online().get(user);
        Outbox out = hub.outbox();
        List<Messages.Contact> list = hub.store().tx(() -> {
            long now = hub.now();
            if (old != null) {
                groups.leaveAll(user, "disconnected", out);
                if (!old.terminal().equals(m.terminal())) {
                    hub.terminals().offline(user, old.terminal(), now);
                }
            }
            hub.terminals().online(user, m.terminal(), m.route(), m.fingerprint(), now);
            if (old == null) {
                presence.announce(user, true, out);
            }
            return contacts.list(user);
        });
        if (old != null) {
            old.detach();
            old.send(new Messages.Error(null, ErrorCode.NOT_LOGGED_IN,
                    "replaced by a newer login from terminal " + m.terminal()));
            old.closeAfterFlush();
        }
        conn.loggedIn(user, m.terminal());
        hub.online().put(user, conn);
        conn.send(new Messages.LoginOk(m.req(), user, m.terminal(), tokens.issue(user), list));
        hub.store().run(() -> invites.deliverPending(conn, out));
        out.flush();
        LOG.info("{} logged in{}", conn, old == null ? "" : " (replacing " + old + ")");
    }

    /** The connection closed: a logged-in user leaves their groups and goes offline. */
    public void closed(Conn conn) {
        if (!conn.loggedIn() || conn.detached()) {
            return;
        }
        conn.detach();
        Outbox out = hub.outbox();
        try {
            hub.store().run(() -> {
                groups.leaveAll(conn.user(), "disconnected", out);
                hub.terminals().offline(conn.user(), conn.terminal(), hub.now());
                presence.announce(conn.user(), false, out);
            });
        } finally {
            hub.online().remove(conn.user(), conn);
        }
        out.flush();
        LOG.info("{} disconnected", conn);
    }
}
