package dev.companion.app.ui;

import dev.companion.app.thread.Threads;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One named daemon thread for small UI-triggered I/O (settings writes): never on the FX thread. */
public final class Background {
    private static final Logger LOG = LoggerFactory.getLogger(Background.class);
    private static final ExecutorService IO = Threads.single("ui-io");

    private Background() {
    }

    /** The same thread, for work whose result the UI waits for (a CompletableFuture's async stage). */
    public static Executor executor() {
        return IO;
    }

    public static void run(Runnable r) {
        IO.execute(() -> {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.warn("background task failed", e);
            }
        });
    }
}
