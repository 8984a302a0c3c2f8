package dev.companion.app.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.companion.p2p.protocol.Protocol;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The reconnect loop's waits: doubling from first, capped, shortened at random by at most the jitter. */
class BackoffTest {
    private static Backoff withRandom(double r) {
        return new Backoff(Duration.ofMillis(500), Duration.ofSeconds(20), 0.5, () -> r);
    }

    @Test
    void doublesFromTheFirstWaitUpToTheCap() {
        Backoff none = withRandom(0);
        assertThat(none.delay(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(none.delay(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(none.delay(6)).isEqualTo(Duration.ofSeconds(16));
        assertThat(none.delay(7)).isEqualTo(Duration.ofSeconds(20));
        assertThat(none.delay(1_000_000)).isEqualTo(Duration.ofSeconds(20)); // no overflow, ever
        assertThat(none.delay(0)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void jitterShortensByAtMostItsShare() {
        assertThat(withRandom(0.999_999).delay(1)).isEqualTo(Duration.ofMillis(250));
        assertThat(withRandom(0.999_999).delay(50)).isEqualTo(Duration.ofSeconds(10));
        assertThat(withRandom(0.5).delay(50)).isEqualTo(Duration.ofSeconds(15));
        // a random source out of range is clamped, not trusted
        assertThat(withRandom(7).delay(50)).isEqualTo(Duration.ofSeconds(10));
        assertThat(withRandom(-1).delay(50)).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void theLongestWaitEndsWithinTheAwayGraceOfAControlCenterThatCameBack() {
        assertThat(Backoff.DEFAULT.max()).isLessThan(Duration.ofSeconds(Protocol.AWAY_GRACE_SECONDS));
        for (int i = 1; i < 100; i++) {
            Duration d = Backoff.DEFAULT.delay(i);
            assertThat(d).isLessThanOrEqualTo(Backoff.DEFAULT.max()).isGreaterThanOrEqualTo(Duration.ofMillis(250));
        }
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 0.5, () -> 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 0.5, () -> 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(2), 1.0, () -> 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
