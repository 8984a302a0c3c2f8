package dev.companion.app.follow;

import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.CatchUpReason;
import dev.companion.p2p.protocol.Outcome;
import java.util.List;

/** What the follow engine reports, for the group panel and the follow log. Called on engine threads. */
public interface FollowListener {
    /** This terminal sent an action or step (seq) to recipients members. */
    default void onSent(long seq, List<Action> actions, int recipients) {
    }

    /** Manual following: this terminal holds held actions until the user presses Send. */
    default void onHeld(List<Action> held) {
    }

    /**
     * A received action was applied here, or not (outcome failed, declined, refused, superseded,
     * paused); or, before that, outcome waiting: its target is not on the page yet (reason says what).
     */
    default void onApplied(String from, long seq, Action action, Outcome outcome, String reason) {
    }

    /** A received action or message was refused before applying (wrong sender, stale sequence...). */
    default void onRefused(String from, long seq, String code, String reason) {
    }

    /**
     * This terminal caught up with from's state up to seq instead of applying their actions one by
     * one: reason join (new here, or resuming after a pause) or gap (missed more than their log holds).
     */
    default void onCaughtUp(String from, long seq, CatchUpReason reason, String page) {
    }

    /**
     * Another member answered this terminal's action or step seq (outcome; reason for people; matched:
     * for a step sent with an expectation and applied, whether their page showed it, else null).
     * Called before {@link #onMemberStatus} for the same answer.
     */
    default void onAnswered(String from, long seq, Outcome outcome, String reason, Boolean matched) {
    }

    /**
     * Film night, leading: this terminal's film is held for these members, whose films are not ready
     * yet (empty: it waits for no one any more).
     */
    default void onFilmHeld(List<String> waitingFor) {
    }

    /** Another member answered one of this terminal's actions: their status now. */
    default void onMemberStatus(MemberStatus status) {
    }
}
