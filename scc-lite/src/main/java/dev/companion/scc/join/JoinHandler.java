package dev.companion.scc.join;

import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.ProtocolException;
import dev.companion.scc.auth.Attempts;
import dev.companion.scc.group.GroupService;
import dev.companion.scc.group.Groups;
import dev.companion.scc.session.Conn;
import dev.companion.scc.session.Hub;
import dev.companion.scc.session.Outbox;
import dev.companion.scc.store.Ids;
import java.time.Duration;
import java.util.List;

/**
 * Joining by code: join_code (the leader gets a code and its link), join_lookup (a joiner sees who
 * leads which group), join_ask (the joiner asks: their consent), join_decide (the leader lets them in
 * or not: theirs). A code lives {@link #CODE_TTL}, is used once (the first joiner let in; other open
 * asks with it are answered not accepted), and an ask can be decided for {@link #ASK_TTL}. Who may
 * ask for a code and decide is {@code RequestRules}' (C35–C38).
 *
 * <p>Guessing: a wrong, expired or used code is one answer, UNKNOWN_CODE. Each counts a failure for
 * the asker's account and for its address (IPv4, IPv6 /64): after {@value #ACCOUNT_FREE} per account
 * ({@value #ADDRESS_FREE} per address) within the hour, the next lookup or ask waits 1 s, then 2 s,
 * 4 s... up to 15 min, and one that must wait is refused TOO_MANY_ATTEMPTS with retryAfter before the
 * code is looked at (a right code too, so waiting tells nothing). The connection's own rate limit
 * (RATE_LIMITED) comes first.
 */
public final class JoinHandler {
    public static final Duration CODE_TTL = Duration.ofMinutes(10);
    public static final Duration ASK_TTL = Duration.ofMinutes(2);
    public static final String LINK = "companion://join/";
    static final int ACCOUNT_FREE = 5;
    static final int ADDRESS_FREE = 20;
    private static final long FIRST = 1000;
    private static final long MAX = Duration.ofMinutes(15).toMillis();
    private static final long FORGET = Duration.ofHours(1).toMillis();

    private final Hub hub;
    private final GroupService groups;
    private final JoinCodes codes = new JoinCodes();
    private final Attempts accounts = new Attempts(ACCOUNT_FREE, FIRST, MAX, FORGET, 10_000);
    private final Attempts addresses = new Attempts(ADDRESS_FREE, FIRST, MAX, FORGET, 10_000);

    public JoinHandler(Hub hub, GroupService groups) {
        this.hub = hub;
        this.groups = groups;
    }

    /** join_code: a code for the sender's group (RequestRules: its leader), or for a new group (group null). */
    public void code(Conn conn, Messages.JoinCode m) {
        long now = hub.now();
        boolean creates = m.group() == null;
        String group = creates ? Ids.next("g") : m.group();
        JoinCodes.Code c = codes.issue(group, conn.user(), creates, now + CODE_TTL.toMillis(), now);
        conn.send(new Messages.JoinCodeIssued(m.req(), group, c.code(), LINK + c.code(), c.expiresAt()));
    }

    /** join_lookup: who leads which group with which members; UNKNOWN_CODE for a wrong, expired or used code. */
    public void lookup(Conn conn, Messages.JoinLookup m) throws Exception {
        JoinCodes.Code c = live(conn, m.code());
        Groups.Group g = hub.groups().get(c.group());
        List<String> members = g == null ? List.of(c.issuer())
                : hub.groups().members(g.id()).stream().map(Messages.Member::user).toList();
        conn.send(new Messages.JoinInfo(m.req(), c.code(), c.group(), g == null ? c.issuer() : g.leader(), members,
                c.expiresAt()));
    }

    /**
     * join_ask: the leader gets join_asked (now, or when they sign in before the ask expires); a member
     * asking again is ACTION_REFUSED.
     */
    public void ask(Conn conn, Messages.JoinAsk m) throws Exception {
        JoinCodes.Code c = live(conn, m.code());
        String me = conn.user();
        Groups.Group g = hub.groups().get(c.group());
        if (g == null ? c.issuer().equals(me) : hub.groups().isMember(g.id(), me)) {
            throw new ProtocolException(ErrorCode.ACTION_REFUSED, "you are already in this group");
        }
        long now = hub.now();
        JoinCodes.Ask a = codes.ask(c, me, now + ASK_TTL.toMillis(), now);
        conn.send(new Messages.Ok(m.req()));
        Outbox out = hub.outbox();
        out.toUser(g == null ? c.issuer() : g.leader(), new Messages.JoinAsked(c.group(), a.id(), me, a.expiresAt()));
        out.flush();
    }

    /**
     * conn's user just signed in: the open asks that wait for their decision -- made while they were
     * offline, when join_asked reached no one -- reach them now, before the ask expires.
     */
    public void deliverPending(Conn conn, Outbox out) throws java.sql.SQLException {
        String user = conn.user();
        for (JoinCodes.Ask a : codes.open(hub.now())) {
            Groups.Group g = hub.groups().get(a.code().group());
            if (user.equals(g == null ? a.code().issuer() : g.leader())) {
                out.to(conn, new Messages.JoinAsked(a.code().group(), a.id(), a.from(), a.expiresAt()));
            }
        }
    }

    /**
     * join_decide by the group's leader (RequestRules), or for a group not formed yet by the code's
     * issuer: UNKNOWN_PROPOSAL unless the ask is open. Accepting needs the asker online (NOT_IN_GROUP
     * otherwise, and the ask stays open), makes them a follower like an accepted invitation, uses the
     * code up and tells the other askers no; every member gets group.
     */
    public void decide(Conn conn, Messages.JoinDecide m) throws Exception {
        long now = hub.now();
        JoinCodes.Ask a = codes.openAsk(m.group(), m.id(), now);
        boolean formed = hub.groups().get(m.group()) != null; // formed: RequestRules let only its leader here
        if (a == null || (!formed && !(a.code().createsGroup() && a.code().issuer().equals(conn.user())))) {
            throw new ProtocolException(ErrorCode.UNKNOWN_PROPOSAL, "no such ask to join waiting for you");
        }
        Outbox out = hub.outbox();
        if (m.accept()) {
            Conn joiner = hub.online().get(a.from());
            if (joiner == null) {
                throw new ProtocolException(ErrorCode.NOT_IN_GROUP, a.from() + " is no longer online");
            }
            hub.store().run(() -> {
                if (!formed) {
                    groups.create(m.group(), conn.user(), conn.terminal());
                }
                if (!hub.groups().isMember(m.group(), a.from())) {
                    groups.join(m.group(), a.from(), joiner.terminal());
                }
                out.toUser(a.from(), new Messages.JoinAnswered(m.group(), true));
                groups.announce(m.group(), out);
            });
            codes.decided(a);
            for (JoinCodes.Ask other : codes.spent(a.code())) {
                out.toUser(other.from(), new Messages.JoinAnswered(m.group(), false));
            }
        } else {
            out.toUser(a.from(), new Messages.JoinAnswered(m.group(), false));
        }
        codes.decided(a);
        conn.send(new Messages.Ok(m.req()));
        out.flush();
    }

    /** The live code typed, after the guessing checks; a miss counts for the account and the address. */
    private JoinCodes.Code live(Conn conn, String typed) throws Exception {
        long now = hub.now();
        String user = conn.user();
        String address = conn.addressKey();
        long wait = Math.max(accounts.wait(user, now), addresses.wait(address, now));
        if (wait > 0) {
            throw new ProtocolException(ErrorCode.TOO_MANY_ATTEMPTS, "too many wrong codes; try again in "
                    + (wait + 999) / 1000 + " s", wait);
        }
        JoinCodes.Code c = codes.live(typed, now);
        if (c == null || (!c.createsGroup() && hub.groups().get(c.group()) == null)) { // wrong, expired, used, ended
            accounts.failed(user, now);
            addresses.failed(address, now);
            throw new ProtocolException(ErrorCode.UNKNOWN_CODE, "no such join code: check it, or ask for a new one");
        }
        return c;
    }

    /** Codes and asks held (tests). */
    int held() {
        return codes.size();
    }
}
