package dev.companion.bench.app;

import java.time.Clock;
import java.time.Instant;

/**
 * The one clock of the app benchmarks: wall-clock epoch microseconds. Every process here reads the
 * same system clock (CLOCK_REALTIME): the JVM through {@link Clock#systemUTC()}, the pages through
 * {@code performance.timeOrigin + performance.now()}; FollowBench checks their agreement.
 */
public final class Clocks {
    private static final Clock UTC = Clock.systemUTC();

    private Clocks() {
    }

    public static long epochMicros() {
        Instant i = UTC.instant();
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000;
    }

    /** A page timestamp (epoch milliseconds with a fraction) in epoch microseconds. */
    public static long pageMicros(double epochMillis) {
        return Math.round(epochMillis * 1000.0);
    }
}
