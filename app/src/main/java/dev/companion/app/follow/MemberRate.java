package dev.companion.app.follow;

import dev.companion.p2p.protocol.ErrorCode;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A token bucket per member (a bot's bot_says, the answers to it): burst at once, then perSecond a
 * second; a message over it is refused RATE_LIMITED and not processed. Only members of the current
 * group reach it ({@link PeerRules} first), so it holds a bucket for each member met. The clock is
 * given (nanoseconds) so tests drive it.
 */
final class MemberRate {
    private static final double NANOS = 1_000_000_000d;

    private final LongSupplier nanos;
    private final int burst;
    private final int perSecond;
    private final Map<String, Bucket> buckets = new HashMap<>();

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    MemberRate(LongSupplier nanos, int burst, int perSecond) {
        this.nanos = nanos;
        this.burst = burst;
        this.perSecond = perSecond;
    }

    /** Takes one of member's tokens: null, or the refusal when over the rate. */
    synchronized Refusal take(String member) {
        long now = nanos.getAsLong();
        Bucket b = buckets.computeIfAbsent(member, m -> new Bucket(burst, now));
        b.tokens = Math.min(burst, b.tokens + Math.max(0, now - b.at) * perSecond / NANOS);
        b.at = now;
        if (b.tokens < 1) {
            return new Refusal(ErrorCode.RATE_LIMITED, "more than " + burst + " at once or " + perSecond
                    + " a second from " + member);
        }
        b.tokens -= 1;
        return null;
    }
}
