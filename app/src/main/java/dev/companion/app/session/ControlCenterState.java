package dev.companion.app.session;

import java.time.Duration;

/**
 * Where this terminal stands with the control center, as the UI shows it: online, connecting,
 * waiting to try again in retryIn (after attempt failed attempts), or not trying any more: the
 * password is needed (the session token was refused: expired or revoked), this user signed in on
 * another terminal, the control center refuses this app (reason says why), or it ended for good
 * (a classroom the teacher stopped). Losing the control
 * center never stops following over the peer links that are up.
 *
 * @param reason  why it is not online (for the log and the status line), null when online
 * @param retryIn WAITING: how long until the next attempt; else zero
 * @param attempt how many attempts failed since the connection was lost (0 when online)
 */
public record ControlCenterState(Status status, String reason, Duration retryIn, int attempt) {
    public enum Status {
        /** An attempt (sign-in or reconnect) is under way. */
        CONNECTING,
        ONLINE,
        /** Lost; the next attempt comes after retryIn (or at once with "reconnect now"). */
        WAITING,
        /** The session token was refused: sign in again with the password. No more attempts. */
        PASSWORD_NEEDED,
        /** This user signed in on another terminal, which replaced this one. No more attempts. */
        REPLACED,
        /** The control center refuses this app (for instance another protocol version). No more attempts. */
        OFFLINE,
        /** The control center said it stopped for good (classroom_ended: the teacher stopped the room; reason: the room). No more attempts. */
        ENDED
    }

    public static final ControlCenterState SIGNED_OUT = new ControlCenterState(Status.OFFLINE, null, Duration.ZERO, 0);

    public ControlCenterState {
        retryIn = retryIn == null ? Duration.ZERO : retryIn;
    }

    public static ControlCenterState of(Status status, String reason) {
        return new ControlCenterState(status, reason, Duration.ZERO, 0);
    }

    public boolean online() {
        return status == Status.ONLINE;
    }

    /** The control center closed the connection without saying why (reason is then our own words, not its). */
    public boolean closedByControlCenter() {
        return dev.companion.scc.client.ControlCenterClient.CLOSED_BY_CONTROL_CENTER.equals(reason);
    }
}
