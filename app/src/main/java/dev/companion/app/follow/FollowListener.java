package dev.companion.app.follow;

import dev.companion.p2p.protocol.Action;

/** What the follow engine reports, for the group panel and the follow log. Called on engine threads. */
public interface FollowListener {
    /** The leader (this terminal) sent an action to recipients members. */
    default void onSent(long seq, Action action, int recipients) {
    }

    /** A received action was applied here, or failed (reason says why). */
    default void onApplied(String from, long seq, Action action, boolean applied, String reason) {
    }

    /** A received action was refused before applying (wrong sender, stale sequence...). */
    default void onRefused(String from, long seq, String code, String reason) {
    }
}
