package dev.companion.app.follow;

/**
 * Where another member is in following this terminal's actions, from their results: the last
 * sequence number they answered, its outcome, the page they are on, how many failed or were
 * declined, and the last failure's reason.
 */
public record MemberStatus(String user, long seq, String outcome, String page, int failures, String lastFailure) {
    MemberStatus next(long s, String o, String reason, String p) {
        boolean bad = !"applied".equals(o) && !"superseded".equals(o);
        return new MemberStatus(user, Math.max(seq, s), o, p == null ? page : p, failures + (bad ? 1 : 0),
                bad ? o + (reason == null ? "" : ": " + reason) : lastFailure);
    }
}
