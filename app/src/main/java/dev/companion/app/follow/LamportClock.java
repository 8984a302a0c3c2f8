package dev.companion.app.follow;

/**
 * Mutual mode's logical clock: every sent action or step ticks it; every received one moves it past
 * the sender's, so concurrent changes of one thing can be ordered the same way on every member
 * ({@link Registers}). Under the engine's lock.
 */
final class LamportClock {
    private long time;

    /** The clock of the next local action or step. */
    long tick() {
        return ++time;
    }

    /** A received message carried clock. */
    void witness(long clock) {
        time = Math.max(time, clock);
    }
}
