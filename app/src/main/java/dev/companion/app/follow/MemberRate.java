package dev.companion.app.follow;

import dev.companion.app.follow.film.Budgets;
import dev.companion.p2p.protocol.ErrorCode;
import java.util.function.LongSupplier;

/**
 * A token bucket per member (a bot's bot_says, the answers to it): burst at once, then perSecond a
 * second; a message over it is refused RATE_LIMITED and not processed. Only members of the current
 * group reach it ({@link PeerRules} first), so it holds a bucket for each member met. The clock is
 * given (nanoseconds) so tests drive it.
 */
final class MemberRate {
    private final LongSupplier nanos;
    private final int burst;
    private final int perSecond;
    private final Budgets budgets;

    MemberRate(LongSupplier nanos, int burst, int perSecond) {
        this.nanos = nanos;
        this.burst = burst;
        this.perSecond = perSecond;
        this.budgets = new Budgets(perSecond, burst);
    }

    /** Takes one of member's tokens: null, or the refusal when over the rate. */
    Refusal take(String member) {
        if (budgets.take(member, nanos.getAsLong())) {
            return null;
        }
        return new Refusal(ErrorCode.RATE_LIMITED, "more than " + burst + " at once or " + perSecond
                + " a second from " + member);
    }
}
