package dev.companion.app.chat;

import java.util.function.LongSupplier;

/**
 * A token bucket for chat lines (docs/protocol.md, "Chat"): a member's lines are kept
 * {@link #BURST} at once, then {@link #PER_SECOND} a second; this terminal holds its own person to
 * {@link #OWN_BURST} at once at the same rate, so lines bunched up on the way still fit the others'
 * buckets. The clock is given (nanoseconds) so tests drive it.
 */
final class ChatRate {
    static final int BURST = 20;
    static final int OWN_BURST = 10;
    static final int PER_SECOND = 2;
    private static final double NANOS = 1_000_000_000d;

    private final LongSupplier nanos;
    private final int burst;
    private double tokens;
    private long at;

    ChatRate(LongSupplier nanos, int burst) {
        this.nanos = nanos;
        this.burst = burst;
        this.tokens = burst;
        this.at = nanos.getAsLong();
    }

    /** Takes one token: false when over the rate. */
    synchronized boolean take() {
        long now = nanos.getAsLong();
        tokens = Math.min(burst, tokens + Math.max(0, now - at) * PER_SECOND / NANOS);
        at = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
