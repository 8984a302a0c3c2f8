package dev.companion.app.session;

import java.time.Duration;

/**
 * Runs the reconnect loop's next attempt after its back-off. The app uses the session thread; tests
 * pass a timer they drive by hand, so they count attempts in a window without waiting for it.
 */
@FunctionalInterface
public interface RetryTimer {
    /** Runs task once after delay, on any thread; the returned handle cancels it. */
    Cancel schedule(Duration delay, Runnable task);

    /** Cancels a scheduled task (nothing when it already ran). */
    @FunctionalInterface
    interface Cancel {
        void cancel();
    }
}
