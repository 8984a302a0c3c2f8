package dev.companion.p2p.link;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs listener calls off the caller's and the I/O threads, in order per peer: each peer is served
 * by one of a few single-thread executors, chosen by its key.
 */
final class Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final int STRIPES = 4;

    private final ExecutorService[] stripes = new ExecutorService[STRIPES];
    private volatile boolean stopped;

    Dispatcher(String name) {
        AtomicInteger n = new AtomicInteger();
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "link-events-" + name + "-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
    }

    void run(PeerKey key, Runnable call) {
        if (stopped) {
            return;
        }
        try {
            stripes[Math.floorMod(key.hashCode(), STRIPES)].execute(() -> {
                if (stopped) {
                    return;
                }
                try {
                    call.run();
                } catch (RuntimeException e) {
                    LOG.warn("link listener failed for {}", key, e);
                }
            });
        } catch (RejectedExecutionException e) {
            // stopping
        }
    }

    /** No further calls; queued ones are dropped. */
    void stop() {
        stopped = true;
        for (ExecutorService s : stripes) {
            s.shutdown();
        }
    }
}
