package dev.companion.p2p.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.util.ArrayList;
import java.util.List;

/**
 * The wire messages, defined once for the app, the control center and the peer link. Each is a
 * {@link Message} of one or more directions ({@link ControlRequest}, {@link ControlAnswer},
 * {@link ControlPush}, {@link PeerMessage}, {@link Heartbeat}). Constructors check required fields;
 * a failed check is {@link ErrorCode#MISSING_FIELD}.
 *
 * <p>Longer than our other classes on purpose: the wire's catalogue is kept in one file, in the order
 * of docs/protocol.md, so a reader (and ProtocolDocTest) sees every message in one place; each record
 * is a few lines of fields and checks, with no logic to split out.
 */
public final class Messages {
    /** The longest join code accepted as typed (the code itself is 11 characters: XXXXX-XXXXX). */
    public static final int MAX_CODE = 32;

    private Messages() {
    }

    // ---- control center: session -------------------------------------------------------------

    /** Client → control center, the first message: protocol version, credentials, how peers reach this terminal. */
    public record Login(Long req, int protocol, String user, String password, String terminal,
                        List<String> route, String fingerprint) implements ControlRequest {
        public Login {
            Require.name(user, "user");
            Require.text(password, "password", 1024);
            Require.name(terminal, "terminal");
            route = Require.list(route == null ? List.of() : route, "route");
            Require.text(fingerprint, "fingerprint", 128);
        }

        @Override
        public String toString() { // never print the password
            return "Login[req=" + req + ", protocol=" + protocol + ", user=" + user + ", terminal=" + terminal + "]";
        }
    }

    /** Control center → client: logged in; the contact list with who is online. */
    public record LoginOk(Long req, String user, String terminal, String token, List<Contact> contacts) implements ControlAnswer {
        public LoginOk {
            Require.name(user, "user");
            Require.name(terminal, "terminal");
            Require.text(token, "token", 256);
            contacts = Require.list(contacts, "contacts");
        }
    }

    /** A contact as the user sees it: an accepted contact, or pending one way or the other. */
    public record Contact(String user, boolean online, ContactState state) {
        public Contact {
            Require.name(user, "user");
            Require.present(state, "state");
        }
    }

    /** The request succeeded and has nothing else to say. */
    public record Ok(Long req) implements ControlAnswer {
        public Ok {
            Require.present(req, "req");
        }
    }

    /**
     * A request or frame was refused; req is null when the refused frame had no readable id.
     * retryAfter (milliseconds, optional): when trying again may succeed (TOO_MANY_ATTEMPTS, BUSY, RATE_LIMITED, TOO_MANY_CONNECTIONS).
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Error(Long req, ErrorCode code, String message,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Long retryAfter)
            implements ControlAnswer, ControlPush, PeerMessage {
        public Error {
            Require.present(code, "code");
            message = message == null ? "" : message;
            if (retryAfter != null && retryAfter < 0) {
                throw new ProtocolException(ErrorCode.MISSING_FIELD, "retryAfter must not be negative");
            }
        }

        /** An error without retryAfter. */
        public Error(Long req, ErrorCode code, String message) {
            this(req, code, message, null);
        }
    }

    /** Heartbeat; the other side answers with a pong carrying the same t. */
    public record Ping(long t) implements Heartbeat {
    }

    public record Pong(long t) implements Heartbeat {
    }

    // ---- contacts and presence ---------------------------------------------------------------

    /** Ask another user to become a contact; they receive a contact_update with state pending_in. */
    public record ContactAdd(Long req, String user) implements ControlRequest {
        public ContactAdd {
            Require.name(user, "user");
        }
    }

    /** Accept a pending contact request from user. */
    public record ContactAccept(Long req, String user) implements ControlRequest {
        public ContactAccept {
            Require.name(user, "user");
        }
    }

    /** Pushed: a contact was added, requested or accepted. */
    public record ContactUpdate(Contact contact) implements ControlPush {
        public ContactUpdate {
            Require.present(contact, "contact");
        }
    }

    /** Pushed to contacts only: a user came online or went offline. */
    public record Presence(String user, boolean online) implements ControlPush {
        public Presence {
            Require.name(user, "user");
        }
    }

    // ---- invitations and groups --------------------------------------------------------------

    /** Invite a contact into a group: group null starts a new group led by the inviter. */
    public record Invite(Long req, String to, String group) implements ControlRequest {
        public Invite {
            Require.name(to, "to");
        }
    }

    /** Answer to invite: the invitation's id, the group it is for, when it expires (epoch ms). */
    public record InviteSent(Long req, String invitation, String to, String group, long expiresAt) implements ControlAnswer {
        public InviteSent {
            Require.name(invitation, "invitation");
            Require.name(to, "to");
            Require.name(group, "group");
        }
    }

    /** Pushed to the invitee. */
    public record Invitation(String id, String from, String group, long expiresAt) implements ControlPush {
        public Invitation {
            Require.name(id, "id");
            Require.name(from, "from");
            Require.name(group, "group");
        }
    }

    /** The invitee accepts or declines; one decision per invitation. */
    public record InviteAnswer(Long req, String invitation, boolean accept) implements ControlRequest {
        public InviteAnswer {
            Require.name(invitation, "invitation");
        }
    }

    /** Pushed to the inviter: the invitee's decision. */
    public record InvitationAnswered(String invitation, String user, String group, boolean accepted) implements ControlPush {
        public InvitationAnswered {
            Require.name(invitation, "invitation");
            Require.name(user, "user");
            Require.name(group, "group");
        }
    }

    /**
     * One member of a group: its role and state (here when absent; away: see docs/protocol.md).
     * epoch changes each time the member's terminal (re)joins: peers send it a fresh link offer then.
     */
    public record Member(String user, String terminal, Role role, MemberState state, long epoch) {
        @JsonCreator
        public Member {
            Require.name(user, "user");
            Require.name(terminal, "terminal");
            Require.present(role, "role");
            state = state == null ? MemberState.HERE : state;
        }

        public Member(String user, String terminal, Role role) {
            this(user, terminal, role, MemberState.HERE, 0);
        }

        public boolean paused() {
            return state == MemberState.PAUSED;
        }
    }

    /**
     * Pushed to every member whenever the group changes; version grows with every change.
     * mode: leader-follower or mutual; following: auto or manual; scope: full or partial, and for
     * partial the action kinds (empty: every kind) and page patterns (empty: every page) that travel;
     * localAddresses: pages on local addresses are followed too (a LAN classroom, the demo; absent on
     * the wire when false, see {@link LocalAddresses}).
     */
    public record GroupState(String group, long version, String leader, Mode mode, Following following, Scope scope,
                             List<ActionKind> kinds, List<String> pages, List<Member> members,
                             @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonSetter(nulls = Nulls.AS_EMPTY) boolean localAddresses) implements ControlPush {
        @JsonCreator
        public GroupState {
            Require.name(group, "group");
            Require.name(leader, "leader");
            GroupSettings.check(mode, following, scope);
            kinds = GroupSettings.kinds(kinds);
            pages = GroupSettings.pages(pages);
            members = Require.list(members, "members");
        }

        /** A group that follows no page on a local address. */
        public GroupState(String group, long version, String leader, Mode mode, Following following, Scope scope,
                          List<ActionKind> kinds, List<String> pages, List<Member> members) {
            this(group, version, leader, mode, following, scope, kinds, pages, members, false);
        }

        public GroupState(String group, String leader, Mode mode, Following following, Scope scope, List<Member> members) {
            this(group, 1, leader, mode, following, scope, List.of(), List.of(), members, false);
        }

        public boolean mutual() {
            return mode == Mode.MUTUAL;
        }

        public boolean manual() {
            return following == Following.MANUAL;
        }

        /** The member named user, or null. */
        public Member member(String user) {
            return members.stream().filter(m -> m.user().equals(user)).findFirst().orElse(null);
        }

        /** May user's actions travel in this group? The leader's always; every member's in mutual mode. */
        public boolean sends(String user) {
            return member(user) != null && (mutual() || leader.equals(user));
        }
    }

    /**
     * Change the group's settings. version is the group version the change is based on: when the
     * group changed meanwhile (another member changed it first) it is refused with GROUP_CHANGED.
     * In leader/follower mode only the leader may change them; in mutual mode any member.
     */
    public record GroupSet(Long req, String group, long version, Mode mode, Following following, Scope scope,
                           List<ActionKind> kinds, List<String> pages,
                           @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonSetter(nulls = Nulls.AS_EMPTY) boolean localAddresses) implements ControlRequest {
        @JsonCreator
        public GroupSet {
            Require.name(group, "group");
            GroupSettings.check(mode, following, scope);
            kinds = GroupSettings.kinds(kinds);
            pages = GroupSettings.pages(pages);
        }

        /** Settings that follow no page on a local address. */
        public GroupSet(Long req, String group, long version, Mode mode, Following following, Scope scope,
                        List<ActionKind> kinds, List<String> pages) {
            this(req, group, version, mode, following, scope, kinds, pages, false);
        }
    }

    /** A follower asks the leader for the lead; the leader receives lead_proposal (kind ask). */
    public record LeadAsk(Long req, String group) implements ControlRequest {
        public LeadAsk {
            Require.name(group, "group");
        }
    }

    /** The leader offers the lead to member to; they receive lead_proposal (kind offer). */
    public record LeadOffer(Long req, String group, String to) implements ControlRequest {
        public LeadOffer {
            Require.name(group, "group");
            Require.name(to, "to");
        }
    }

    /** Pushed: a hand-over waits for to's answer. kind: ask (from wants the lead) or offer (from gives it). */
    public record LeadProposal(String group, String id, ProposalKind kind, String from, String to, long expiresAt)
            implements ControlPush {
        public LeadProposal {
            Require.name(group, "group");
            Require.name(id, "id");
            Require.name(from, "from");
            Require.name(to, "to");
            Require.present(kind, "kind");
        }
    }

    /** The addressee of a lead_proposal accepts or declines it. */
    public record LeadAnswer(Long req, String group, String id, boolean accept) implements ControlRequest {
        public LeadAnswer {
            Require.name(group, "group");
            Require.name(id, "id");
        }
    }

    /** Pushed to the proposer: user accepted or declined proposal id (an accepted one also changes the group). */
    public record LeadAnswered(String group, String id, String user, boolean accepted) implements ControlPush {
        public LeadAnswered {
            Require.name(group, "group");
            Require.name(id, "id");
            Require.name(user, "user");
        }
    }

    /** A member stops following (paused true) or starts again; every member sees it in the group state. */
    public record FollowPause(Long req, String group, boolean paused) implements ControlRequest {
        public FollowPause {
            Require.name(group, "group");
        }
    }

    /** Leave a group. With fewer than two members left it is dissolved. */
    public record GroupLeave(Long req, String group) implements ControlRequest {
        public GroupLeave {
            Require.name(group, "group");
        }
    }

    /** Pushed: the group is gone (reason: left, disconnected), with who caused it. */
    public record GroupDissolved(String group, DissolvedReason reason, String user) implements ControlPush {
        public GroupDissolved {
            Require.name(group, "group");
            Require.present(reason, "reason");
        }
    }

    /**
     * Link set-up, relayed by the control center between members of one group only. The sender
     * fills group, to and offer; the control center sets from (the sender's user) before relaying
     * (so it is both a request and, to its addressee, a push).
     */
    public record Signal(Long req, String group, String to, String from, LinkOffer offer)
            implements ControlRequest, ControlPush {
        public Signal {
            Require.name(group, "group");
            Require.name(to, "to");
            Require.present(offer, "offer");
        }
    }

    /**
     * How to reach a terminal: its addresses (host:port) and its certificate's SHA-256 fingerprint;
     * with ice, also its side of one ICE session with the addressee (docs/protocol.md, "The ICE path").
     */
    public record LinkOffer(String terminal, List<String> route, String fingerprint, IceOffer ice) {
        public LinkOffer {
            Require.name(terminal, "terminal");
            route = Require.list(route, "route");
            if (route.size() > 16) {
                throw new ProtocolException(ErrorCode.MISSING_FIELD, "route has more than 16 addresses");
            }
            Require.text(fingerprint, "fingerprint", 128);
        }

        /** An offer without ICE. */
        public LinkOffer(String terminal, List<String> route, String fingerprint) {
            this(terminal, route, fingerprint, null);
        }

        /** This offer with ice instead of its own. */
        public LinkOffer withIce(IceOffer newIce) {
            return new LinkOffer(terminal, route, fingerprint, newIce);
        }
    }

    /**
     * One side of one ICE session: its credentials (a new ufrag is a new session, i.e. an ICE restart)
     * and the candidates gathered so far; a later offer with the same ufrag adds candidates (trickle).
     */
    public record IceOffer(String ufrag, String pwd, List<IceCandidate> candidates) {
        /** At most this many candidates in one offer. */
        public static final int MAX_CANDIDATES = 16;

        public IceOffer {
            Require.text(ufrag, "ufrag", 256);
            Require.text(pwd, "pwd", 256);
            if (ufrag.length() < 4 || pwd.length() < 22) {
                throw new ProtocolException(ErrorCode.MISSING_FIELD, "ufrag under 4 or pwd under 22 characters");
            }
            candidates = Require.list(candidates == null ? List.of() : candidates, "candidates");
            if (candidates.size() > MAX_CANDIDATES) {
                throw new ProtocolException(ErrorCode.MISSING_FIELD, "more than " + MAX_CANDIDATES + " candidates");
            }
        }
    }

    /** One ICE candidate over UDP: its kind, its address ("ip:port"), its ICE priority and foundation. */
    public record IceCandidate(IceCandidateType type, String address, long priority, String foundation) {
        public IceCandidate {
            Require.present(type, "type");
            Require.text(address, "address", 64);
            if (priority < 1 || priority > 0xFFFFFFFFL) {
                throw new ProtocolException(ErrorCode.MISSING_FIELD, "priority must be 1..2^32-1");
            }
            Require.text(foundation, "foundation", 32);
        }
    }

    /**
     * Terminal → control center: where the STUN servers and TURN relays are, with short-lived TURN
     * credentials (asked with req only). The answer has the same type and req.
     */
    public record IceServers(Long req, List<String> stun, List<String> turn, String username, String credential,
                             Long expiresAt) implements ControlRequest, ControlAnswer {
        public IceServers {
            stun = Require.list(stun == null ? List.of() : stun, "stun");
            turn = Require.list(turn == null ? List.of() : turn, "turn");
            if (stun.size() > 8 || turn.size() > 8) {
                throw new ProtocolException(ErrorCode.MISSING_FIELD, "more than 8 STUN or TURN servers");
            }
            if (!turn.isEmpty()) {
                Require.text(username, "username", 256);
                Require.text(credential, "credential", 256);
                Require.present(expiresAt, "expiresAt");
            }
        }

        /** The request. */
        public static IceServers request(long req) {
            return new IceServers(req, List.of(), List.of(), null, null, null);
        }
    }

    // ---- join by code ------------------------------------------------------------------------

    /**
     * The leader asks for a short code (and its companion://join/ link) for one group; a new one
     * replaces the group's old one. group null: a new group led by the sender, formed when the first
     * joiner is let in.
     */
    public record JoinCode(Long req, String group) implements ControlRequest {
    }

    /** Answer to join_code: the code as people type it, the link the OS opens with the app, when it expires. */
    public record JoinCodeIssued(Long req, String group, String code, String link, long expiresAt) implements ControlAnswer {
        public JoinCodeIssued {
            Require.name(group, "group");
            Require.text(code, "code", MAX_CODE);
            Require.text(link, "link", 128);
        }
    }

    /** A joiner asks what a code is for, before asking to join. */
    public record JoinLookup(Long req, String code) implements ControlRequest {
        public JoinLookup {
            Require.text(code, "code", MAX_CODE);
        }
    }

    /** Answer to join_lookup: who leads which group, its members (oldest first) and when the code expires. */
    public record JoinInfo(Long req, String code, String group, String leader, List<String> members, long expiresAt)
            implements ControlAnswer {
        public JoinInfo {
            Require.text(code, "code", MAX_CODE);
            Require.name(group, "group");
            Require.name(leader, "leader");
            members = Require.list(members, "members");
        }
    }

    /** The joiner asks to join the group of a code (its consent); the leader decides. */
    public record JoinAsk(Long req, String code) implements ControlRequest {
        public JoinAsk {
            Require.text(code, "code", MAX_CODE);
        }
    }

    /** Pushed to the leader: from asks to join group with its code; decide with join_decide by expiresAt. */
    public record JoinAsked(String group, String id, String from, long expiresAt) implements ControlPush {
        public JoinAsked {
            Require.name(group, "group");
            Require.name(id, "id");
            Require.name(from, "from");
        }
    }

    /** The leader lets the asker in (accept) or not (the leader's consent). */
    public record JoinDecide(Long req, String group, String id, boolean accept) implements ControlRequest {
        public JoinDecide {
            Require.name(group, "group");
            Require.name(id, "id");
        }
    }

    /** Pushed to the asker: the leader's decision (or the code was used by someone else: not accepted). */
    public record JoinAnswered(String group, boolean accepted) implements ControlPush {
        public JoinAnswered {
            Require.name(group, "group");
        }
    }

    // ---- usage statistics --------------------------------------------------------------------

    /**
     * A terminal reports how many actions its user led (sent) and followed (applied) since its last
     * report; each 0..{@value #MAX_REPORTED}. Counts only: no URL, no content.
     */
    public record UsageReport(Long req, int led, int followed) implements ControlRequest {
        public static final int MAX_REPORTED = 10_000;

        public UsageReport {
            if (led < 0 || followed < 0 || led > MAX_REPORTED || followed > MAX_REPORTED) {
                throw new ProtocolException(ErrorCode.MISSING_FIELD, "led and followed must be 0.." + MAX_REPORTED);
            }
        }
    }

    /** A user asks for their own usage counts, days from..to (yyyy-mm-dd, UTC, at most 366 days). */
    public record UsageGet(Long req, String from, String to) implements ControlRequest {
        public UsageGet {
            Require.text(from, "from", 10);
            Require.text(to, "to", 10);
        }
    }

    /** Answer to usage_get: one entry per day that has counts, oldest first. */
    public record Usage(Long req, List<UsageDay> days) implements ControlAnswer {
        public Usage {
            days = Require.list(days, "days");
        }
    }

    /** One user's counts on one day (UTC): sign-ins, groups formed (as leader), seconds in groups, actions led and followed. */
    public record UsageDay(String day, int signIns, int groupsFormed, long groupSeconds, int actionsLed, int actionsFollowed) {
        public UsageDay {
            Require.text(day, "day", 10);
        }
    }

    // ---- peer link ---------------------------------------------------------------------------

    /** The dialling peer's first message after TLS: who it is and for which group. */
    public record PeerHello(int protocol, String user, String terminal, String group) implements PeerMessage {
        public PeerHello {
            Require.name(user, "user");
            Require.name(terminal, "terminal");
            Require.name(group, "group");
        }
    }

    /** The accepting peer's answer to a good peer_hello. */
    public record PeerWelcome(int protocol, String user, String terminal) implements PeerMessage {
        public PeerWelcome {
            Require.name(user, "user");
            Require.name(terminal, "terminal");
        }
    }

    // ---- pairing on a LAN without a control center (dev.companion.p2p.lan.LanPairing) ---------

    /**
     * The first message of a terminal that asks another on its LAN to pair, on the other's pairing
     * port: the person's name, this terminal's id, the group the two will form (the asking side leads
     * it) and the port its peer link listens on (at the address this connection came from).
     */
    public record PairRequest(int protocol, String name, String terminal, String group, int port) implements PeerMessage {
        public PairRequest {
            LanBeacon.checkName(name);
            Require.name(terminal, "terminal");
            Require.name(group, "group");
            checkPort(port);
        }
    }

    /**
     * The asked side's answer once its person decided: accepted with its person's name, its terminal
     * id and its peer link's port; or declined (nothing else).
     */
    public record PairAnswer(int protocol, boolean accepted, String name, String terminal, Integer port) implements PeerMessage {
        public PairAnswer {
            if (accepted) {
                LanBeacon.checkName(name);
                Require.name(terminal, "terminal");
                checkPort(Require.present(port, "port"));
            }
        }

        /** A declined pairing. */
        public static PairAnswer declined() {
            return new PairAnswer(Protocol.VERSION, false, null, null, null);
        }
    }

    private static void checkPort(int port) {
        if (port < 1 || port > 65535) {
            throw new ProtocolException(ErrorCode.MISSING_FIELD, "bad port: " + port);
        }
    }

    /**
     * One browsing action from a member. seq counts the sender's actions and steps in this group from
     * 1 with no gaps; clock is the sender's Lamport clock (mutual mode: concurrent changes of the same
     * thing resolve to the one with the larger (clock, from)).
     */
    public record ActionMsg(String group, String from, long seq, long clock, Action action) implements GroupMessage {
        @JsonCreator
        public ActionMsg {
            Require.name(group, "group");
            Require.name(from, "from");
            Require.present(action, "action");
            Require.atLeast(seq, 1, "seq");
        }

        public ActionMsg(String group, String from, long seq, Action action) {
            this(group, from, seq, 0, action);
        }
    }

    /**
     * Manual following: the actions the leader held, sent as one step when they pressed Send. The
     * follower previews it and accepts (applies them in order) or declines. Shares seq with action.
     * expect (optional; a bot leading a flow sends it): what the follower's page should show after the
     * step; the follower checks it and answers only whether it matched (result's matched), never what
     * its page shows.
     */
    public record Step(String group, String from, long seq, long clock, List<Action> actions, Expect expect)
            implements GroupMessage {
        @JsonCreator
        public Step {
            Require.name(group, "group");
            Require.name(from, "from");
            actions = Require.list(actions, "actions");
            Require.atLeast(seq, 1, "seq");
            if (actions.isEmpty() || actions.size() > Protocol.MAX_STEP_ACTIONS) {
                throw new ProtocolException(ErrorCode.MISSING_FIELD,
                        "a step holds 1 to " + Protocol.MAX_STEP_ACTIONS + " actions");
            }
        }

        /** A step without an expectation (a person's held actions). */
        public Step(String group, String from, long seq, long clock, List<Action> actions) {
            this(group, from, seq, clock, actions, null);
        }
    }

    /**
     * What a step's sender expects the follower's page to show after it: url, a URL pattern (each
     * {@code *} any run of characters, at most {@value #MAX_STARS}; http or https); element, a CSS
     * selector that must match a visible element; text, a text the page must show. At least one.
     */
    public record Expect(String url, String element, String text) {
        public static final int MAX_STARS = 16;
        public static final int MAX_TEXT = 500;

        public Expect {
            url = blankToNull(url);
            element = blankToNull(element);
            text = blankToNull(text);
            if (url == null && element == null && text == null) {
                throw new ProtocolException(ErrorCode.MISSING_FIELD, "expect needs url, element or text");
            }
            if (url != null) {
                Require.text(url, "expect.url", Action.MAX_URL);
                String lower = url.toLowerCase(java.util.Locale.ROOT);
                if (!lower.startsWith("http://") && !lower.startsWith("https://") || Wildcard.stars(url) > MAX_STARS) {
                    throw new ProtocolException(ErrorCode.MISSING_FIELD,
                            "expect.url must be an http(s) pattern with at most " + MAX_STARS + " '*'");
                }
            }
            if (element != null) {
                Require.text(element, "expect.element", Action.MAX_SELECTOR);
            }
            if (text != null) {
                Require.text(text, "expect.text", MAX_TEXT);
            }
        }

        /** True when pageUrl matches the URL pattern (or there is none). */
        public boolean urlMatches(String pageUrl) {
            return url == null || (pageUrl != null && Wildcard.matches(url, pageUrl));
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s;
        }
    }

    /**
     * A member's outcome for one of to's actions or steps (seq): applied, failed, declined, refused,
     * superseded or paused; code is the error code of a refusal; page is where the member is now;
     * matched (only in the final answer to a step that carried an expectation and was applied):
     * whether the member's page showed what the step expected, within the check's wait.
     */
    public record Result(String group, String from, String to, long seq, Outcome outcome, String code, String reason,
                         String page, Boolean matched) implements GroupMessage {
        @JsonCreator
        public Result {
            Require.name(group, "group");
            Require.name(from, "from");
            Require.name(to, "to");
            Require.present(outcome, "outcome");
            reason = reason == null ? null : truncate(reason, 512);
            page = page == null ? null : truncate(page, Action.MAX_URL);
        }

        /** A result without an expectation's answer. */
        public Result(String group, String from, String to, long seq, Outcome outcome, String code, String reason,
                      String page) {
            this(group, from, to, seq, outcome, code, reason, page, null);
        }

        private static String truncate(String s, int max) {
            return s.length() <= max ? s : s.substring(0, max);
        }
    }

    /**
     * Sent by from to sender on every link up, on a gap and on resuming after a pause: "I have your
     * actions up to after; send the rest". after null: "I have nothing of yours to build on (I just
     * joined, or I was paused): bring me to where you are" -- answered with catch_up.
     */
    public record Resume(String group, String from, String sender, Long after) implements GroupMessage {
        public Resume {
            Require.name(group, "group");
            Require.name(from, "from");
            Require.name(sender, "sender");
            if (after != null) {
                Require.atLeast(after, 0, "after");
            }
        }
    }

    /**
     * The sender's answer to a resume with after null (reason join: the member is new here or resumes
     * after a pause) or one its log cannot fill (reason gap): its actions up to seq are covered by
     * state (its page now; only the leader sends one) and its next one is seq+1.
     */
    public record CatchUp(String group, String from, long seq, CatchUpReason reason, PageState state)
            implements GroupMessage {
        public CatchUp {
            Require.name(group, "group");
            Require.name(from, "from");
            Require.atLeast(seq, 0, "seq");
            Require.present(reason, "reason");
        }
    }

    // ---- film night: clock sync and the leader's film ----------------------------------------

    /** Times on the wire are microseconds since the epoch on the sender's clock; at most this far from 1970 (year 2255). */
    public static final long MAX_MICROS = 9_000_000_000_000_000L;

    /** Film night's clock sync: from asks to for its clock; t0 is when from sent it (from's clock). */
    public record ClockAsk(String group, String from, String to, long t0) implements GroupMessage {
        public ClockAsk {
            Require.name(group, "group");
            Require.name(from, "from");
            Require.name(to, "to");
            micros(t0, "t0");
        }
    }

    /** The answer to a clock_ask: its t0, when it arrived (t1) and when this answer left (t2), on from's clock. */
    public record ClockAnswer(String group, String from, String to, long t0, long t1, long t2) implements GroupMessage {
        public ClockAnswer {
            Require.name(group, "group");
            Require.name(from, "from");
            Require.name(to, "to");
            micros(t0, "t0");
            micros(t1, "t1");
            micros(t2, "t2");
            if (t2 < t1) {
                throw new ProtocolException(ErrorCode.MISSING_FIELD, "t2 must not be before t1");
            }
        }
    }

    /**
     * The leader's film (an audio or video element of its top page or a frame, found by selector and
     * its source's URL, src): at position seconds at time at (the leader's clock), playing or not, at
     * rate; held true when the leader's film night holds the film for a member who is not ready.
     */
    public record Film(String group, String from, String frame, String selector, String src, double position,
                       double rate, boolean playing, boolean held, long at) implements GroupMessage {
        public Film {
            Require.name(group, "group");
            Require.name(from, "from");
            frame = frame == null ? "" : Require.atMost(frame, "frame", 64);
            Require.text(selector, "selector", Action.MAX_SELECTOR);
            src = src == null ? "" : Require.atMost(src, "src", Action.MAX_URL);
            if (!Double.isFinite(position) || position < 0 || position > 1e7 || !Double.isFinite(rate) || rate <= 0 || rate > 16) {
                throw new ProtocolException(ErrorCode.MISSING_FIELD, "bad film position or rate");
            }
            micros(at, "at");
        }
    }

    /**
     * A member tells the leader (to) whether its copy of the leader's film can play at position
     * (enough is buffered) or not (it loads, seeks or buffers).
     */
    public record FilmReady(String group, String from, String to, boolean ready, double position) implements GroupMessage {
        public FilmReady {
            Require.name(group, "group");
            Require.name(from, "from");
            Require.name(to, "to");
            if (!Double.isFinite(position) || position < 0 || position > 1e7) {
                throw new ProtocolException(ErrorCode.MISSING_FIELD, "bad film position");
            }
        }
    }

    private static void micros(long t, String field) {
        if (t < 0 || t > MAX_MICROS) {
            throw new ProtocolException(ErrorCode.MISSING_FIELD, field + " must be microseconds since the epoch");
        }
    }

    /**
     * A member shares its similar-action rules for one site: which parts of that site's URLs are
     * per-user (tokens, session ids, a locale prefix) and which are tracking. The receiver takes them
     * only when its person agrees; they only ever make a URL into another URL of the same site.
     */
    public record SimilarRules(String group, String from, String site, List<UrlRule> rules) implements GroupMessage {
        public SimilarRules {
            Require.name(group, "group");
            Require.name(from, "from");
            site = UrlRuleSyntax.site(site);
            rules = Require.list(rules, "rules");
            if (rules.isEmpty() || rules.size() > Protocol.MAX_SITE_RULES) {
                throw new ProtocolException(ErrorCode.MISSING_FIELD,
                        "similar_rules holds 1 to " + Protocol.MAX_SITE_RULES + " rules");
            }
        }
    }

    /** One similar-action rule: kind and value (a path pattern, a parameter name, language tags). */
    public record UrlRule(UrlRuleKind kind, String value) {
        public UrlRule {
            Require.present(kind, "kind");
            value = UrlRuleSyntax.value(kind, value);
        }
    }

    /**
     * One part of a flow file from to, a member of the group (docs/flows.md, "Sharing a flow"):
     * share names the file among from's shares, part counts from 0 to parts - 1, bytes is the
     * whole file's length and data this part's bytes in base64 (at most
     * {@link Protocol#FLOW_SHARE_PART_BYTES}). The receiver checks the file as an import does and
     * asks its person before keeping it.
     */
    public record FlowShare(String group, String from, String to, String share, int part, int parts, int bytes,
                            String data) implements GroupMessage {
        public FlowShare {
            Require.name(group, "group");
            Require.name(from, "from");
            Require.name(to, "to");
            Require.name(share, "share");
            if (parts < 1 || parts > Protocol.FLOW_SHARE_MAX_PARTS || part < 0 || part >= parts) {
                throw new ProtocolException(ErrorCode.MISSING_FIELD, "part must be 0.." + (parts - 1) + " of 1.."
                        + Protocol.FLOW_SHARE_MAX_PARTS + " parts");
            }
            if (bytes < 1 || bytes > Protocol.FLOW_SHARE_MAX_BYTES) {
                throw new ProtocolException(ErrorCode.MISSING_FIELD, "bytes must be 1.." + Protocol.FLOW_SHARE_MAX_BYTES);
            }
            Require.text(data, "data", (Protocol.FLOW_SHARE_PART_BYTES + 2) / 3 * 4);
        }
    }

    /**
     * A terminal's page as far as it can be shared: URL, form fields (never private ones: the page
     * agent leaves them out), scroll position, media elements' position.
     */
    public record PageState(String url, List<FieldState> fields, double scrollX, double scrollY, List<MediaState> media) {
        public PageState {
            Require.text(url, "url", Action.MAX_URL);
            if (!Action.isWebUrl(url)) {
                throw new ProtocolException(ErrorCode.ACTION_REFUSED, "only http and https pages are shared");
            }
            fields = Require.list(fields == null ? List.of() : fields, "fields");
            media = Require.list(media == null ? List.of() : media, "media");
            if (fields.size() > 200 || media.size() > 20) {
                throw new ProtocolException(ErrorCode.MISSING_FIELD, "at most 200 fields and 20 media elements");
            }
            if (!Double.isFinite(scrollX) || !Double.isFinite(scrollY)) {
                throw new ProtocolException(ErrorCode.MISSING_FIELD, "scroll position must be finite");
            }
        }
    }

    /** One form field's value (text, select) or checked state (checkbox, radio) in frame. */
    public record FieldState(String frame, String selector, String value, Boolean checked) {
        public FieldState {
            frame = frame == null ? "" : frame;
            Require.text(selector, "selector", Action.MAX_SELECTOR);
            Require.atMost(value, "value", Action.MAX_VALUE);
        }
    }

    /** One audio or video element: position (seconds), paused, playback rate. */
    public record MediaState(String frame, String selector, double time, boolean paused, double rate) {
        public MediaState {
            frame = frame == null ? "" : frame;
            Require.text(selector, "selector", Action.MAX_SELECTOR);
            if (!Double.isFinite(time) || time < 0 || !Double.isFinite(rate) || rate <= 0 || rate > 16) {
                throw new ProtocolException(ErrorCode.MISSING_FIELD, "bad media position or rate");
            }
        }
    }

    // ---- peer link: chat ---------------------------------------------------------------------

    /**
     * One chat line from a member. seq counts the sender's chat lines in this group from 1 (its own
     * stream, apart from actions); at is the sender's clock (ms since the epoch, shown, never trusted
     * for order); text is plain text, 1 to {@link Protocol#MAX_CHAT_TEXT} characters, no control
     * characters but line feeds.
     */
    public record Chat(String group, String from, long seq, long at, String text) implements ChatMessage {
        public Chat {
            Require.name(group, "group");
            Require.name(from, "from");
            Require.atLeast(seq, 1, "seq");
            chatText(text);
        }
    }

    /** "I have your chat lines up to after (0: none); send me the rest I may see" -- sent on every link up. */
    public record ChatResume(String group, String from, long after) implements ChatMessage {
        public ChatResume {
            Require.name(group, "group");
            Require.name(from, "from");
            Require.atLeast(after, 0, "after");
        }
    }

    /**
     * The answer to a chat_resume: the sender's own lines after what was asked, oldest first, at most
     * {@link Protocol#MAX_CHAT_HISTORY}; more: there are later ones (ask again after the last).
     */
    public record ChatHistory(String group, String from, List<ChatLine> lines, boolean more) implements ChatMessage {
        public ChatHistory {
            Require.name(group, "group");
            Require.name(from, "from");
            lines = Require.list(lines, "lines");
            if (lines.size() > Protocol.MAX_CHAT_HISTORY) {
                throw new ProtocolException(ErrorCode.MISSING_FIELD,
                        "a chat_history holds at most " + Protocol.MAX_CHAT_HISTORY + " lines");
            }
        }
    }

    /** One line of a chat_history: as in chat. */
    public record ChatLine(long seq, long at, String text) {
        public ChatLine {
            Require.atLeast(seq, 1, "seq");
            chatText(text);
        }
    }

    /**
     * "Look here": a member points at an element of the page it shows (docs/protocol.md, "Pointing").
     * A chat line that is not kept: each receiver's page agent finds the element by target's evidence
     * (as a followed action's) and outlines it, nothing is pressed; at is the sender's clock (ms),
     * shown. target must name something a candidate could be found by (a kind, name, text or
     * attribute); its own limits bound the message (Target).
     */
    public record Point(String group, String from, long at, Target target) implements ChatMessage {
        public Point {
            Require.name(group, "group");
            Require.name(from, "from");
            if (target == null || target.findsNothing()) {
                throw new ProtocolException(ErrorCode.MISSING_FIELD, "a point needs a target that names an element");
            }
        }
    }

    /** A chat text: present, at most MAX_CHAT_TEXT characters, no control character but a line feed. */
    /**
     * A bot that leads tells its group what it does (docs/protocol.md, "A bot's words"): say is a key
     * the receiving app words in its person's language; step (1-based) of steps, and the flow's hint
     * for that step as plain text (shown as text, never as markup; at most {@link Protocol#MAX_BOT_HINT}
     * characters, no control characters). expect: while the bot waits for the person (yours, stuck,
     * not_done), what the step expects of the page, so the person's "I did it" can be checked in it;
     * else absent.
     */
    public record BotSays(String group, String from, BotSay say, int step, int steps, String hint, Expect expect)
            implements GroupMessage {
        @JsonCreator
        public BotSays {
            Require.name(group, "group");
            Require.name(from, "from");
            Require.present(say, "say");
            if (steps < 1 || steps > Protocol.MAX_BOT_STEPS || step < 1 || step > steps + 1) {
                throw new ProtocolException(ErrorCode.MISSING_FIELD, "step must be 1.." + (steps + 1) + " of 1.."
                        + Protocol.MAX_BOT_STEPS + " steps");
            }
            hint = hint == null || hint.isEmpty() ? null : hint;
            if (hint != null) {
                plainText(hint, "hint", Protocol.MAX_BOT_HINT);
            }
        }

        /** Words without an expectation (a step sent, a retry, done). */
        public BotSays(String group, String from, BotSay say, int step, int steps, String hint) {
            this(group, from, say, step, steps, hint, null);
        }
    }

    /**
     * A member answers the bot that leads its group about step (1-based, the step the bot last
     * said): retry, did_it or back. page: for did_it, the URL of the member's top page (the bot
     * checks the step's expected URL against it); else absent. matched: for did_it, when the bot's
     * last words carried an {@code expect} with an element or a text, whether the member's page shows
     * them (its page agent's check, the one a step's result uses); absent otherwise, and refused with
     * any other answer.
     */
    public record BotAnswer(String group, String from, BotReply answer, int step, String page, Boolean matched)
            implements GroupMessage {
        @JsonCreator
        public BotAnswer {
            Require.name(group, "group");
            Require.name(from, "from");
            Require.present(answer, "answer");
            if (step < 1 || step > Protocol.MAX_BOT_STEPS + 1) {
                throw new ProtocolException(ErrorCode.MISSING_FIELD, "step must be 1.." + (Protocol.MAX_BOT_STEPS + 1));
            }
            page = page == null || page.isEmpty() ? null : page;
            if (page != null) {
                Require.text(page, "page", Action.MAX_URL);
            }
            if (matched != null && answer != BotReply.DID_IT) {
                throw new ProtocolException(ErrorCode.MISSING_FIELD, "matched goes only with did_it");
            }
        }

        /** An answer without a page check (retry, back, or did_it about a step that expects no element or text). */
        public BotAnswer(String group, String from, BotReply answer, int step, String page) {
            this(group, from, answer, step, page, null);
        }
    }

    /**
     * A drawing: the leader's short-lived stroke over an element of its page (docs/protocol.md,
     * "Drawing"). target is the element under the stroke's start (evidence as a point's); xy the
     * stroke's points as x0, y0, x1, y1... fractions 0..1 of that element's box (each receiver scales
     * them to its own element's box), 2 to {@link Protocol#MAX_DRAW_POINTS} points, rounded here to
     * 1/{@link Protocol#DRAW_STEPS}; color from the palette ({@link Ink}); lifeMs how long it shows
     * ({@link Protocol#MIN_DRAW_LIFE_MS} to {@link Protocol#MAX_DRAW_LIFE_MS}); at is the sender's
     * clock (ms), shown only. Anything else is refused with MISSING_FIELD.
     */
    public record Draw(String group, String from, long at, Target target, Ink color, int lifeMs, List<Double> xy)
            implements ChatMessage {
        public Draw {
            Require.name(group, "group");
            Require.name(from, "from");
            if (target == null || target.findsNothing()) {
                throw new ProtocolException(ErrorCode.MISSING_FIELD, "a drawing needs a target that names an element");
            }
            Require.present(color, "color");
            if (lifeMs < Protocol.MIN_DRAW_LIFE_MS || lifeMs > Protocol.MAX_DRAW_LIFE_MS) {
                throw new ProtocolException(ErrorCode.MISSING_FIELD, "lifeMs must be " + Protocol.MIN_DRAW_LIFE_MS
                        + ".." + Protocol.MAX_DRAW_LIFE_MS);
            }
            Require.present(xy, "xy");
            if (xy.size() < 4 || xy.size() > 2 * Protocol.MAX_DRAW_POINTS || xy.size() % 2 != 0) {
                throw new ProtocolException(ErrorCode.MISSING_FIELD, "xy must hold 2.." + Protocol.MAX_DRAW_POINTS
                        + " points (x and y each), not " + xy.size() + " numbers");
            }
            List<Double> steps = new ArrayList<>(xy.size());
            for (int i = 0; i < xy.size(); i++) {
                Double v = xy.get(i);
                if (v == null || !(v >= 0 && v <= 1)) { // NaN fails both
                    throw new ProtocolException(ErrorCode.MISSING_FIELD, "xy[" + i + "] must be a number 0..1");
                }
                steps.add(Math.round(v * Protocol.DRAW_STEPS) / (double) Protocol.DRAW_STEPS);
            }
            xy = List.copyOf(steps);
        }
    }

    /**
     * Pushed by a classroom's control center to every connection just before it stops for good (the
     * teacher stopped the room): the terminal stops trying to reach it again and says the classroom ended.
     */
    public record ClassroomEnded(String room) implements ControlPush {
        public ClassroomEnded {
            LanBeacon.checkName(room);
        }
    }

    /**
     * A member to the one who pointed or drew: their point or drawing (kind, and its at: the sender's
     * clock when sent, which names it) could not be placed on this member's page, for a reason from a
     * closed list (never page text). Only to that sender, once per point or drawing (docs/protocol.md,
     * "Not placed").
     */
    public record NotPlaced(String group, String from, String to, long at, PlaceKind kind, PlaceReason reason)
            implements ChatMessage {
        public NotPlaced {
            Require.name(group, "group");
            Require.name(from, "from");
            Require.name(to, "to");
            Require.present(kind, "kind");
            Require.present(reason, "reason");
        }
    }

    private static void plainText(String text, String field, int max) {
        Require.text(text, field, max);
        for (int i = 0; i < text.length(); i++) {
            if (Character.getType(text.charAt(i)) == Character.CONTROL) {
                throw new ProtocolException(ErrorCode.MISSING_FIELD, "control character in " + field + " at " + i);
            }
        }
    }

    private static void chatText(String text) {
        Require.text(text, "text", Protocol.MAX_CHAT_TEXT);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\n' && Character.getType(c) == Character.CONTROL) {
                throw new ProtocolException(ErrorCode.MISSING_FIELD, "control character in text at " + i);
            }
        }
    }
}
