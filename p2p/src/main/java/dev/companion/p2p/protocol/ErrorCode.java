package dev.companion.p2p.protocol;

/**
 * Every error code a control center or a peer can answer with. Documented in docs/protocol.md
 * ("Error codes"); a test checks that the two lists agree.
 */
public enum ErrorCode {
    /** The frame is not valid JSON or not a JSON object. The connection carries on. */
    BAD_FRAME,
    /** The frame's declared length is over {@link Protocol#MAX_FRAME_BYTES}; its bytes are skipped. */
    FRAME_TOO_LARGE,
    /** The "type" field names no known message. */
    UNKNOWN_TYPE,
    /** A required field is missing, empty or of the wrong kind. */
    MISSING_FIELD,
    /** The first message named another protocol version; the connection is closed. */
    VERSION_MISMATCH,
    /** Unknown user or wrong password (never says which). */
    BAD_CREDENTIALS,
    /** A request other than login before login. */
    NOT_LOGGED_IN,
    /** The named user does not exist. */
    UNKNOWN_USER,
    /** The named user is not a contact (presence and invitations are for contacts only). */
    NOT_CONTACT,
    /** The invitation does not exist or is not addressed to this user. */
    UNKNOWN_INVITATION,
    /** The invitation has expired. */
    INVITATION_EXPIRED,
    /** The invitation was already accepted or declined. */
    INVITATION_DECIDED,
    /** The group does not exist or this user is not a member of it. */
    NOT_IN_GROUP,
    /** The link set-up message names a terminal that is not a member of the sender's group. */
    PEER_NOT_IN_GROUP,
    /** Only the leader may do this (send actions in leader/follower mode, invite into a group). */
    NOT_LEADER,
    /** A peer presented a certificate or identity other than the one the control center relayed. */
    WRONG_PEER,
    /** An action came from a terminal that is not a member of the group. */
    NOT_A_MEMBER,
    /** The action is well formed but refused by policy (private field, forbidden scheme, size). */
    ACTION_REFUSED,
    /** The group changed since the version the request was based on (e.g. two members changed the mode at once). */
    GROUP_CHANGED,
    /** The lead proposal or join ask does not exist, has expired, or is not addressed to this member. */
    UNKNOWN_PROPOSAL,
    /** A sequence number at or below what was already received from that sender (a duplicate or replay). */
    STALE_SEQUENCE,
    /** A sequence number that cannot be right (further ahead than the sender's log bound). */
    SEQUENCE_INVALID,
    /** The action is outside the group's partial scope (kind or page). */
    OUT_OF_SCOPE,
    /** A catch_up this terminal did not ask for: it answers no resume of this terminal's own. */
    NOT_ASKED,
    /** Too many messages per second on this connection; the message was not processed. The connection carries on. */
    RATE_LIMITED,
    /**
     * A login refused before its password was checked: too many failed logins for this account or
     * from this address lately, or one already being checked; the error's retryAfter says when to try.
     */
    TOO_MANY_ATTEMPTS,
    /** The control center cannot check a password now (its queue of checks is full); retryAfter says when to try. */
    BUSY,
    /** Too many outstanding invitations or contact requests (of the sender, to the addressee, or into the group). */
    TOO_MANY_PENDING,
    /** The group the invitation was for has ended (dissolved, or the control center restarted); nothing is re-created. */
    GROUP_ENDED,
    /** Too many connections (from this address, signing in at once, or in total); the connection is closed. */
    TOO_MANY_CONNECTIONS,
    /**
     * The join code is wrong, expired or already used (one answer for all three, so codes cannot be
     * enumerated); wrong codes count against the asker's account and address (then TOO_MANY_ATTEMPTS).
     */
    UNKNOWN_CODE,
    /** Something failed on the answering side; nothing was changed. */
    INTERNAL;
}
