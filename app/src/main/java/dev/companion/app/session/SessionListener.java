package dev.companion.app.session;

import dev.companion.p2p.link.LinkPath;
import dev.companion.p2p.protocol.Messages;
import java.util.List;

/** What the session reports to the UI. Called on the session's event thread, never the FX thread. */
public interface SessionListener {
    default void onContacts(List<Messages.Contact> contacts) {
    }

    default void onInvitation(Messages.Invitation invitation) {
    }

    default void onInvitationAnswered(Messages.InvitationAnswered answered) {
    }

    /**
     * The group changed; group is null when there is none (reason and user say why it ended: left,
     * disconnected, replaced, or gone: the control center no longer had this user in it when the
     * session came back).
     */
    default void onGroup(Messages.GroupState group, String reason, String user) {
    }

    /**
     * The control center connection after sign-in: online, connecting, waiting to try again, or
     * stopped (password needed, replaced by another terminal, refused).
     */
    default void onControlCenter(ControlCenterState state) {
    }

    /** The peer link to user in the current group went up or down. */
    default void onLink(String user, boolean up) {
    }

    /**
     * The up link to user is on path (same machine, LAN, direct, relayed), with this round trip (ms;
     * -1 until measured). Told when the link comes up and when either changes (checked every 2 s).
     */
    default void onLinkPath(String user, LinkPath path, long rttMillis) {
    }

    /** A lead hand-over waits for this user's answer (kind ask: from wants the lead; offer: from gives it). */
    default void onLeadProposal(Messages.LeadProposal proposal) {
    }

    /** The answer to this user's lead proposal. */
    default void onLeadAnswered(Messages.LeadAnswered answered) {
    }

    /**
     * Someone on the LAN asks to pair ({@link LanSession}): show their name, the code and, when this
     * profile paired with that terminal before under another certificate, the warning
     * ({@link LanSession.Pending#trust()}); then confirm or decline.
     */
    default void onPairingAsked(LanSession.Pending pending) {
    }

    /** Someone asks to join the group this user leads, with its join code; decide with {@link Joining#decide}. */
    default void onJoinAsked(Messages.JoinAsked asked) {
    }

    /** The leader's answer to this user's ask to join (let in: the group follows as a group change). */
    default void onJoinAnswered(Messages.JoinAnswered answered) {
    }

    /** Something went wrong that the user should see (already phrased for the log). */
    default void onProblem(String code, String detail) {
    }

    /**
     * The bot that leads the group said what it does (bot_says, already checked: from the leader,
     * a known key, bounded; docs/protocol.md "A bot's words"). Shown by the guide panel.
     */
    default void onBotSays(Messages.BotSays says) {
    }

    /** A member answered this terminal, which leads the group (bot_answer, already checked). */
    default void onBotAnswer(Messages.BotAnswer answer) {
    }
}
