package dev.companion.app.follow;

import dev.companion.p2p.protocol.Outcome;

/**
 * Where another member is in following this terminal's actions, from their results: the last
 * sequence number they answered, its outcome, the page they are on, how many failed or were
 * declined, the last failure's reason, and what they wait for (an interim {@code waiting} result for
 * an action whose target is not on their page yet; null once a final result came).
 */
public record MemberStatus(String user, long seq, Outcome outcome, String page, int failures, String lastFailure,
                           String waitingFor) {
    public MemberStatus(String user, long seq, Outcome outcome, String page, int failures, String lastFailure) {
        this(user, seq, outcome, page, failures, lastFailure, null);
    }

    MemberStatus next(long s, Outcome o, String reason, String p) {
        if (o == Outcome.WAITING) {
            return new MemberStatus(user, seq, o, p == null ? page : p, failures, lastFailure,
                    reason == null ? "" : reason);
        }
        boolean bad = o != Outcome.APPLIED && o != Outcome.SUPERSEDED;
        return new MemberStatus(user, Math.max(seq, s), o, p == null ? page : p, failures + (bad ? 1 : 0),
                bad ? o.wire() + (reason == null ? "" : ": " + reason) : lastFailure, null);
    }
}
