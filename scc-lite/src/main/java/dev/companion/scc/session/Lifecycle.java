package dev.companion.scc.session;

import dev.companion.p2p.protocol.DissolvedReason;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.LogText;
import dev.companion.p2p.protocol.Messages;
import dev.companion.scc.auth.Tokens;
import dev.companion.scc.usage.UsageDays;
import dev.companion.scc.group.GroupService;
import dev.companion.scc.invite.InviteHandler;
import dev.companion.scc.join.JoinHandler;
import dev.companion.scc.presence.ContactHandler;
import dev.companion.scc.presence.Presence;
import dev.companion.scc.presence.Terminals;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A logged-in connection's life: attach at login, detach when it closes or is replaced.
 *
 * <p>One connection per user owns the user's presence. A login while another connection of the same
 * user is attached replaces it: the old connection receives {@code error NOT_LOGGED_IN} ("replaced
 * by a newer login") and is closed; the user stays online, so contacts see no presence change.
 *
 * <p>Away grace: when a logged-in connection closes, the user goes offline and is <em>away</em> in
 * each of its groups (role kept, announced). If it logs in again from the same terminal within the
 * grace, or a login from the same terminal replaces an attached connection, it is here again in
 * those groups with a new epoch (announced to every member, after login_ok). A login from another
 * terminal leaves the old terminal's groups at once. When the grace ends the user leaves the groups
 * where it is still away, reason "disconnected". A zero grace leaves at once. The grace timers run
 * on the logic thread; closing the control center drops them (a shutdown is not a departure). At
 * the next start every member of a kept group is away and gets the grace from that start
 * ({@link #awayAfterRestart}), so terminals that reconnect in time find their groups again.
 */
public final class Lifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);
    private final Hub hub;
    private final GroupService groups;
    private final Presence presence;
    private final ContactHandler contacts;
    private final InviteHandler invites;
    private final JoinHandler joins;
    private final Tokens tokens;
    private final Logic logic;
    private final Duration awayGrace;
    /** Users away from at least one group, with their grace timer. Logic thread only. */
    private final Map<String, Future<?>> away = new HashMap<>();

    public Lifecycle(Hub hub, GroupService groups, Presence presence, ContactHandler contacts,
                     InviteHandler invites, JoinHandler joins, Tokens tokens, Logic logic, Duration awayGrace) {
        this.hub = hub;
        this.groups = groups;
        this.presence = presence;
        this.contacts = contacts;
        this.invites = invites;
        this.joins = joins;
        this.tokens = tokens;
        this.logic = logic;
        this.awayGrace = awayGrace;
    }

    /**
     * After a good login: records the terminal online with a new session token (keeping usedToken, the
     * token that proved this login, null after a password login; see {@link Tokens}), answers login_ok
     * (token, contact list), then pushes presence to online contacts (if the user was offline), the
     * user's groups (here again on this terminal; left if joined from another), the pending invitations
     * and the open asks to join a group this user decides on.
     */
    public void attach(Conn conn, Messages.Login m, Terminals.StoredToken usedToken) {
        String user = m.user();
        Conn old = hub.online().get(user);
        Future<?> timer = away.remove(user);
        if (timer != null) {
            timer.cancel(false);
        }
        Outbox out = hub.outbox();
        Tokens.Issued token = tokens.issue();
        List<Messages.Contact> list = hub.store().tx(() -> {
            long now = hub.now();
            if (old != null && !old.terminal().equals(m.terminal())) {
                hub.terminals().offline(user, old.terminal(), now);
            }
            hub.terminals().online(user, m.terminal(), m.route(), m.fingerprint(), now,
                    token.hash(), token.expiresAt(), usedToken);
            if (usedToken == null) { // a sign-in with the password; a reconnect with the token is not counted
                hub.usage().add(user, now, UsageDays.Count.SIGN_INS, 1);
            }
            if (old == null) {
                presence.announce(user, true, out);
            }
            groups.back(user, m.terminal(), out);
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
        conn.send(new Messages.LoginOk(m.req(), user, m.terminal(), token.token(), list));
        hub.store().run(() -> {
            invites.deliverPending(conn, out);
            joins.deliverPending(conn, out); // asks to join made while this leader was offline
        });
        out.flush();
        LOG.info("{} logged in{}", conn, old == null ? "" : " (replacing " + old + ")");
    }

    /** The connection closed: the user goes offline and away in its groups (or leaves them, with no grace). */
    public void closed(Conn conn) {
        if (!conn.loggedIn() || conn.detached()) {
            return;
        }
        conn.detach();
        String user = conn.user();
        boolean leaveNow = awayGrace.isZero();
        Outbox out = hub.outbox();
        int awayIn;
        try {
            awayIn = hub.store().tx(() -> {
                int n = 0;
                if (leaveNow) {
                    groups.leaveAll(user, DissolvedReason.DISCONNECTED, out);
                } else {
                    n = groups.away(user, out);
                }
                hub.terminals().offline(user, conn.terminal(), hub.now());
                presence.announce(user, false, out);
                return n;
            });
        } finally {
            hub.online().remove(user, conn);
        }
        out.flush();
        if (awayIn > 0) {
            startGrace(user);
        }
        LOG.info("{} disconnected{}", conn, awayIn > 0 ? "; away in " + awayIn + " group(s) for " + awayGrace : "");
    }

    /**
     * After a start-up that found users away in kept groups (nobody is connected yet): each gets the
     * away grace from now; with no grace they leave at once.
     */
    public void awayAfterRestart(List<String> users) {
        if (awayGrace.isZero()) {
            Outbox out = hub.outbox();
            hub.store().run(() -> {
                for (String user : users) {
                    groups.leaveWhereAway(user, out);
                }
            });
            out.flush();
        } else {
            users.forEach(this::startGrace);
        }
        if (!users.isEmpty()) {
            LOG.info("started with {} user(s) away in kept groups, for {}", users.size(), awayGrace);
        }
    }

    private void startGrace(String user) {
        Future<?> previous = away.remove(user);
        if (previous != null) {
            previous.cancel(false);
        }
        // the timer runs on this (logic) thread, so it sees self filled in before it can run
        Future<?>[] self = new Future<?>[1];
        Future<?> timer = logic.schedule(() -> graceOver(user, self[0]), awayGrace);
        self[0] = timer;
        if (timer != null) {
            away.put(user, timer);
        }
    }

    /** The grace of user ended (unless a login cancelled it): it leaves the groups where it is still away. */
    private void graceOver(String user, Future<?> timer) {
        if (timer == null || !away.remove(user, timer)) {
            return;
        }
        Outbox out = hub.outbox();
        hub.store().run(() -> groups.leaveWhereAway(user, out));
        out.flush();
        LOG.info("{}: away grace over", LogText.of(user));
    }
}
