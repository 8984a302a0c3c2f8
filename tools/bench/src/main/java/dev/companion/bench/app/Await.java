package dev.companion.bench.app;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls a probe until a condition holds or a deadline passes (the test hook has no push channel). */
public final class Await {
    private Await() {
    }

    public static <T> T until(Supplier<T> probe, Predicate<T> condition, Duration timeout, String what) {
        long end = System.nanoTime() + timeout.toNanos();
        Object last = null;
        while (System.nanoTime() < end) {
            try {
                T v = probe.get();
                last = v;
                if (condition.test(v)) {
                    return v;
                }
            } catch (RuntimeException e) {
                last = e.getMessage();
            }
            try {
                Thread.sleep(50); // polling interval of a probe with a deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s waiting for " + what + "; last: " + last);
    }
}
