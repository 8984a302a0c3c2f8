package dev.companion.app.follow.film;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Who the film waits for, and for how long; and one sender's message budget. */
class FilmGateTest {
    private static final long S = 1_000_000_000L;

    @Test
    void aMemberWhoCannotPlayHoldsTheFilmUntilReadyOrTheTimeout() {
        FilmGate gate = new FilmGate();
        gate.onReady("bob", false, 0);
        gate.onReady("carol", true, 0);
        assertThat(gate.waitingFor(2 * S, 10 * S)).containsExactly("bob");
        gate.onReady("bob", false, 5 * S); // still not ready: the wait counts from the first notice
        assertThat(gate.waitingFor(11 * S, 10 * S)).as("after the timeout the others go on").isEmpty();
        gate.onReady("bob", true, 12 * S);
        gate.onReady("bob", false, 13 * S); // buffers again: a new wait
        assertThat(gate.waitingFor(14 * S, 10 * S)).containsExactly("bob");
        gate.retain(Set.of("carol"));
        assertThat(gate.waitingFor(14 * S, 10 * S)).as("left the group").isEmpty();
    }

    @Test
    void aSenderGetsTenMessagesASecondInBurstsOfThirty() {
        Budgets b = new Budgets(10, 30);
        for (int i = 0; i < 30; i++) {
            assertThat(b.take("carol", 0)).isTrue();
        }
        assertThat(b.take("carol", 0)).isFalse();
        assertThat(b.take("bob", 0)).as("each sender its own").isTrue();
        assertThat(b.take("carol", S / 10)).as("one more after 100 ms").isTrue();
        assertThat(b.take("carol", S / 10)).isFalse();
        for (int i = 0; i < 30; i++) {
            assertThat(b.take("carol", 100 * S)).isTrue(); // never more than the burst saved up
        }
        assertThat(b.take("carol", 100 * S)).isFalse();
    }
}
