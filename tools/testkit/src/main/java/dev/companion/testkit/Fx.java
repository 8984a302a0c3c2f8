package dev.companion.testkit;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;

/** Test-side work on a Companion process's FX thread (the test hook, in-process benchmark terminals). */
public final class Fx {
    private Fx() {
    }

    /**
     * Runs work on the FX thread and waits up to timeout for its result; what it throws is thrown
     * here (an Exception as it is, anything else wrapped).
     */
    public static <T> T call(Callable<T> work, Duration timeout) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : new IllegalStateException(e.getCause());
        }
    }
}
