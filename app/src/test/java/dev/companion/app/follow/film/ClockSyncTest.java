package dev.companion.app.follow.film;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * NTP-style clock sync against a simulated leader whose clock is 7 s ahead, over a link whose two
 * ways take different times: the best of N samples is the one with the shortest round trip, and its
 * error stays within half of that round trip. Answers nobody asked for change nothing.
 */
class ClockSyncTest {
    private static final long SKEW = 7_000_000; // leader − member, µs

    /** One exchange: out and back take the given times (µs); the leader takes 50 µs to answer. */
    private static void exchange(ClockSync c, long memberNow, long out, long back) {
        long t0 = c.ask(memberNow);
        long t1 = t0 + out + SKEW;
        long t2 = t1 + 50;
        long t3 = t2 - SKEW + back;
        assertThat(c.onAnswer("alice", t0, t1, t2, t3)).isTrue();
    }

    @Test
    void theShortestRoundTripWinsAndItsErrorIsAtMostHalfOfIt() {
        ClockSync c = new ClockSync();
        c.syncWith("alice");
        assertThat(c.offset()).isEmpty();
        exchange(c, 1_000_000, 40_000, 2_000);   // a slow way out (a busy link): offset off by 19 ms
        exchange(c, 2_000_000, 900, 700);        // the best: off by 100 µs
        exchange(c, 3_000_000, 5_000, 30_000);   // a slow way back
        assertThat(c.samples()).isEqualTo(3);
        assertThat(c.best().roundTrip()).isEqualTo(1_600);
        assertThat(c.offset().getAsLong()).isCloseTo(SKEW, within(c.best().roundTrip() / 2));
        assertThat(c.offset().getAsLong()).isEqualTo(SKEW + 100);
    }

    @Test
    void onlyTheLastSamplesCount() {
        ClockSync c = new ClockSync();
        c.syncWith("alice");
        exchange(c, 1_000_000, 10, 10); // very good, but old
        for (int i = 1; i <= ClockSync.KEEP; i++) {
            exchange(c, 1_000_000 + i * 1_000_000L, 2_000, 2_000);
        }
        assertThat(c.samples()).isEqualTo(ClockSync.KEEP);
        assertThat(c.best().roundTrip()).isEqualTo(4_000);
    }

    @Test
    void unaskedDuplicateOrForeignAnswersAreRefusedAndImpossibleOnesUnused() {
        ClockSync c = new ClockSync();
        c.syncWith("alice");
        assertThat(c.onAnswer("alice", 123, 200, 300, 400)).as("never asked").isFalse();
        long t0 = c.ask(1_000);
        assertThat(c.onAnswer("carol", t0, t0, t0, t0 + 10)).as("not the peer synced with").isFalse();
        assertThat(c.onAnswer("alice", t0, t0 + 5, t0 + 6, t0 + 10)).isTrue();
        assertThat(c.onAnswer("alice", t0, t0 + 5, t0 + 6, t0 + 10)).as("answered already").isFalse();
        long t = c.ask(5_000);
        assertThat(c.onAnswer("alice", t, t + 5, t + 5_000, t + 10)).as("a negative round trip: closed, unused").isTrue();
        assertThat(c.samples()).isEqualTo(1);
        // a new leader: everything starts again
        c.syncWith("bob");
        assertThat(c.samples()).isZero();
        assertThat(c.offset()).isEmpty();
    }

    @Test
    void openAsksAreBounded() {
        ClockSync c = new ClockSync();
        c.syncWith("alice");
        long first = c.ask(1);
        for (int i = 0; i < ClockSync.OPEN; i++) {
            c.ask(1); // same microsecond: each its own t0
        }
        assertThat(c.onAnswer("alice", first, 10, 10, 20)).as("the oldest ask was forgotten").isFalse();
        assertThat(c.onAnswer("alice", first + ClockSync.OPEN, 10, 10, 20)).isTrue();
    }
}
