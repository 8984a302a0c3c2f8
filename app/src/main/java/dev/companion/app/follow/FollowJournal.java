package dev.companion.app.follow;

import java.util.List;

/**
 * What the follow engine must not forget across link drops and app restarts: per group, the
 * actions and steps this terminal sent (a bounded log, to fill other members' gaps) and, per sender,
 * the last sequence number this terminal has applied (so nothing is applied twice).
 * {@link dev.companion.app.store.LocalStore} keeps it in SQLite; {@link MemoryJournal} in memory.
 */
public interface FollowJournal {
    /** The highest sequence number this terminal sent in group, 0 when none. */
    long lastSent(String group);

    /** Appends a sent message (encoded) and trims the log of group to its newest bound entries. */
    void logSent(String group, long seq, byte[] payload, int bound);

    /** The lowest sequence number still in the log of group, 0 when the log is empty. */
    long firstLogged(String group);

    /** The logged messages of group with seq in (after, upTo], in order. */
    List<byte[]> sentBetween(String group, long after, long upTo);

    /** The last sequence number applied from sender in group, or -1 when nothing is known. */
    long applied(String group, String sender);

    /** Records that sender's seq (and everything before it) has been applied or settled here. */
    void markApplied(String group, String sender, long seq);

    /** Forgets what was applied from sender in group (they left; if they come back, they start again). */
    void forgetSender(String group, String sender);

    /** Forgets everything about every group except keep (null: forget all). */
    void forgetAllBut(String keep);
}
