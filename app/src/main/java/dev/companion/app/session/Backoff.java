package dev.companion.app.session;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * How long the reconnect loop waits before attempt n: {@code first}·2^(n-1), at most {@code max},
 * shortened at random by up to {@code jitter} of it, so that terminals dropped together by one
 * control-center restart do not all come back in the same instant. Every wait is at least
 * (1 - jitter)·first, and once the waits reach max at least (1 - jitter)·max: the attempts in a
 * window are bounded.
 *
 * <p>Twenty lines of arithmetic rather than a retry library: the loop's waits must end on the session
 * thread, a "reconnect now" must cut them short, and tests must drive them by hand ({@link RetryTimer}).
 *
 * @param random a number in [0, 1) per wait
 */
public record Backoff(Duration first, Duration max, double jitter, DoubleSupplier random) {
    /**
     * 0.5 s, 1 s, 2 s … up to 20 s, each up to half shorter at random. At most 20 s so that when a
     * control center comes back after a long outage, every terminal reconnects within the away
     * grace it gives their group members from its start (30 s, {@code Protocol.AWAY_GRACE_SECONDS}).
     */
    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(20), 0.5,
            () -> ThreadLocalRandom.current().nextDouble());

    public Backoff {
        Objects.requireNonNull(random, "random");
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("need 0 < first <= max");
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter must be in [0, 1)");
        }
    }

    /** The wait before attempt (1: the first retry after a drop). */
    public Duration delay(int attempt) {
        double base = Math.min(max.toMillis(), first.toMillis() * Math.pow(2, Math.max(0, Math.min(attempt - 1, 30))));
        double r = Math.min(Math.max(random.getAsDouble(), 0), 1);
        return Duration.ofMillis(Math.round(base * (1 - jitter * r)));
    }
}
