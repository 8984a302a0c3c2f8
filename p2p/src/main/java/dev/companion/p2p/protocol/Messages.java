package dev.companion.p2p.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Set;

/**
 * The wire messages, defined once for the app, the control center and the peer link.
 * Constructors check required fields; a failed check is {@link ErrorCode#MISSING_FIELD}.
 */
public final class Messages {
    private Messages() {
    }

    // ---- control center: session -------------------------------------------------------------

    /** Client → control center, the first message: protocol version, credentials, how peers reach this terminal. */
    public record Login(Long req, int protocol, String user, String password, String terminal,
                        List<String> route, String fingerprint) implements Message {
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
    public record LoginOk(Long req, String user, String terminal, String token, List<Contact> contacts) implements Message {
        public LoginOk {
            Require.name(user, "user");
            Require.name(terminal, "terminal");
            Require.text(token, "token", 256);
            contacts = Require.list(contacts, "contacts");
        }
    }

    /** A contact as the user sees it. state: contact, pending_in (they asked you), pending_out (you asked). */
    public record Contact(String user, boolean online, String state) {
        public static final Set<String> STATES = Set.of("contact", "pending_in", "pending_out");

        public Contact {
            Require.name(user, "user");
            if (!STATES.contains(state)) {
                throw new ProtocolException(ErrorCode.MISSING_FIELD, "contact state must be one of " + STATES);
            }
        }
    }

    /** The request succeeded and has nothing else to say. */
    public record Ok(Long req) implements Message {
        public Ok {
            Require.present(req, "req");
        }
    }

    /** A request or frame was refused; req is null when the refused frame had no readable id. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Error(Long req, ErrorCode code, String message) implements Message {
        public Error {
            Require.present(code, "code");
            message = message == null ? "" : message;
        }
    }

    /** Heartbeat; the other side answers with a pong carrying the same t. */
    public record Ping(long t) implements Message {
    }

    public record Pong(long t) implements Message {
    }

    // ---- contacts and presence ---------------------------------------------------------------

    /** Ask another user to become a contact; they receive a contact_update with state pending_in. */
    public record ContactAdd(Long req, String user) implements Message {
        public ContactAdd {
            Require.name(user, "user");
        }
    }

    /** Accept a pending contact request from user. */
    public record ContactAccept(Long req, String user) implements Message {
        public ContactAccept {
            Require.name(user, "user");
        }
    }

    /** Pushed: a contact was added, requested or accepted. */
    public record ContactUpdate(Contact contact) implements Message {
        public ContactUpdate {
            Require.present(contact, "contact");
        }
    }

    /** Pushed to contacts only: a user came online or went offline. */
    public record Presence(String user, boolean online) implements Message {
        public Presence {
            Require.name(user, "user");
        }
    }

    // ---- invitations and groups --------------------------------------------------------------

    /** Invite a contact into a group: group null starts a new group led by the inviter. */
    public record Invite(Long req, String to, String group) implements Message {
        public Invite {
            Require.name(to, "to");
        }
    }

    /** Answer to invite: the invitation's id, the group it is for, when it expires (epoch ms). */
    public record InviteSent(Long req, String invitation, String to, String group, long expiresAt) implements Message {
        public InviteSent {
            Require.name(invitation, "invitation");
            Require.name(to, "to");
            Require.name(group, "group");
        }
    }

    /** Pushed to the invitee. */
    public record Invitation(String id, String from, String group, long expiresAt) implements Message {
        public Invitation {
            Require.name(id, "id");
            Require.name(from, "from");
            Require.name(group, "group");
        }
    }

    /** The invitee accepts or declines; one decision per invitation. */
    public record InviteAnswer(Long req, String invitation, boolean accept) implements Message {
        public InviteAnswer {
            Require.name(invitation, "invitation");
        }
    }

    /** Pushed to the inviter: the invitee's decision. */
    public record InvitationAnswered(String invitation, String user, String group, boolean accepted) implements Message {
        public InvitationAnswered {
            Require.name(invitation, "invitation");
            Require.name(user, "user");
            Require.name(group, "group");
        }
    }

    /** One member of a group: role is leader or follower. */
    public record Member(String user, String terminal, String role) {
        public static final Set<String> ROLES = Set.of("leader", "follower");

        public Member {
            Require.name(user, "user");
            Require.name(terminal, "terminal");
            if (!ROLES.contains(role)) {
                throw new ProtocolException(ErrorCode.MISSING_FIELD, "role must be one of " + ROLES);
            }
        }
    }

    /**
     * Pushed to every member whenever the group changes. mode: leader-follower or mutual;
     * following: auto or manual; scope: full or partial.
     */
    public record GroupState(String group, String leader, String mode, String following, String scope,
                             List<Member> members) implements Message {
        public GroupState {
            Require.name(group, "group");
            Require.name(leader, "leader");
            Require.name(mode, "mode");
            Require.name(following, "following");
            Require.name(scope, "scope");
            members = Require.list(members, "members");
        }
    }

    /** Leave a group. With fewer than two members left it is dissolved. */
    public record GroupLeave(Long req, String group) implements Message {
        public GroupLeave {
            Require.name(group, "group");
        }
    }

    /** Pushed: the group is gone (reason: left, disconnected), with who caused it. */
    public record GroupDissolved(String group, String reason, String user) implements Message {
        public GroupDissolved {
            Require.name(group, "group");
            Require.name(reason, "reason");
        }
    }

    /**
     * Link set-up, relayed by the control center between members of one group only. The sender
     * fills group, to and offer; the control center sets from (the sender's user) before relaying.
     */
    public record Signal(Long req, String group, String to, String from, LinkOffer offer) implements Message {
        public Signal {
            Require.name(group, "group");
            Require.name(to, "to");
            Require.present(offer, "offer");
        }
    }

    /** How to reach a terminal: its addresses (host:port) and its certificate's SHA-256 fingerprint. */
    public record LinkOffer(String terminal, List<String> route, String fingerprint) {
        public LinkOffer {
            Require.name(terminal, "terminal");
            route = Require.list(route, "route");
            if (route.size() > 16) {
                throw new ProtocolException(ErrorCode.MISSING_FIELD, "route has more than 16 addresses");
            }
            Require.text(fingerprint, "fingerprint", 128);
        }
    }

    // ---- peer link ---------------------------------------------------------------------------

    /** The dialling peer's first message after TLS: who it is and for which group. */
    public record PeerHello(int protocol, String user, String terminal, String group) implements Message {
        public PeerHello {
            Require.name(user, "user");
            Require.name(terminal, "terminal");
            Require.name(group, "group");
        }
    }

    /** The accepting peer's answer to a good peer_hello. */
    public record PeerWelcome(int protocol, String user, String terminal) implements Message {
        public PeerWelcome {
            Require.name(user, "user");
            Require.name(terminal, "terminal");
        }
    }

    /** One browsing action from a member; seq counts the sender's actions in this group from 1. */
    public record ActionMsg(String group, String from, long seq, Action action) implements Message {
        public ActionMsg {
            Require.name(group, "group");
            Require.name(from, "from");
            Require.present(action, "action");
            if (seq < 1) {
                throw new ProtocolException(ErrorCode.MISSING_FIELD, "seq must be >= 1");
            }
        }
    }
}
