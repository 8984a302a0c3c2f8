package dev.companion.scc.session;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single logic thread: every request, every database access and every state change of the
 * running control center happens here, in arrival order, never on a MINA I/O thread.
 */
public final class Logic implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Logic.class);
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "scc-logic");
        t.setDaemon(true);
        return t;
    });

    /** Queues task; dropped (with a debug line) once closed. */
    public void post(Runnable task) {
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    LOG.error("logic task failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("logic closed; task dropped");
        }
    }

    /** Runs the tasks already queued, then stops. Safe to call twice. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
