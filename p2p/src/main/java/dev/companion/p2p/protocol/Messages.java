package dev.companion.p2p.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
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
            if (seq < 1) {
                throw new ProtocolException(ErrorCode.MISSING_FIELD, "seq must be >= 1");
            }
        }

        public ActionMsg(String group, String from, long seq, Action action) {
            this(group, from, seq, 0, action);
        }
    }

    /**
     * Manual following: the actions the leader held, sent as one step when they pressed Send. The
     * follower previews it and accepts (applies them in order) or declines. Shares seq with action.
     */
    public record Step(String group, String from, long seq, long clock, List<Action> actions) implements GroupMessage {
        public Step {
            Require.name(group, "group");
            Require.name(from, "from");
            actions = Require.list(actions, "actions");
            if (seq < 1) {
                throw new ProtocolException(ErrorCode.MISSING_FIELD, "seq must be >= 1");
            }
            if (actions.isEmpty() || actions.size() > Protocol.MAX_STEP_ACTIONS) {
                throw new ProtocolException(ErrorCode.MISSING_FIELD,
                        "a step holds 1 to " + Protocol.MAX_STEP_ACTIONS + " actions");
            }
        }
    }

    /**
     * A member's outcome for one of to's actions or steps (seq): applied, failed, declined, refused,
     * superseded or paused; code is the error code of a refusal; page is where the member is now.
     */
    public record Result(String group, String from, String to, long seq, Outcome outcome, String code, String reason,
                         String page) implements GroupMessage {
        public Result {
            Require.name(group, "group");
            Require.name(from, "from");
            Require.name(to, "to");
            Require.present(outcome, "outcome");
            reason = reason == null ? null : truncate(reason, 512);
            page = page == null ? null : truncate(page, Action.MAX_URL);
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
            if (after != null && after < 0) {
                throw new ProtocolException(ErrorCode.MISSING_FIELD, "after must be >= 0");
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
            if (seq < 0) {
                throw new ProtocolException(ErrorCode.MISSING_FIELD, "seq must be >= 0");
            }
            Require.present(reason, "reason");
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
            if (value != null && value.length() > Action.MAX_VALUE) {
                throw new ProtocolException(ErrorCode.MISSING_FIELD, "field too long: value");
            }
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
}
