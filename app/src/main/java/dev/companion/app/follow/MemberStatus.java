package dev.companion.app.follow;

import dev.companion.p2p.protocol.Outcome;

/**
 * Where another member is in following this terminal's actions, from their results: the last
 * sequence number they answered, its outcome, the page they are on, how many failed or were
 * declined, and the last failure's reason.
 */
public record MemberStatus(String user, long seq, Outcome outcome, String page, int failures, String lastFailure) {
    MemberStatus next(long s, Outcome o, String reason, String p) {
        boolean bad = o != Outcome.APPLIED && o != Outcome.SUPERSEDED;
        return new MemberStatus(user, Math.max(seq, s), o, p == null ? page : p, failures + (bad ? 1 : 0),
                bad ? o.wire() + (reason == null ? "" : ": " + reason) : lastFailure);
    }
}
