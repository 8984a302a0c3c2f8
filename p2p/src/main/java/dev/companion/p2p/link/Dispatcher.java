package dev.companion.p2p.link;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs listener calls off the caller's and the I/O threads, in order per peer: each peer is served
 * by one of a few single-thread executors, chosen by its key.
 *
 * <p>Bounded per peer: when {@value #HIGH} calls for one peer are waiting, the session whose frames
 * caused them stops reading ({@link LinkSession#holdReads}, which only flags the session: it is called
 * inside the map's compute) until they are down to {@value #LOW}. A
 * member flooding valid frames is thus slowed down by TCP, nothing is dropped, and what waits here is
 * at most {@value #HIGH} calls per peer plus what one read brought.
 */
final class Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final int STRIPES = 4;
    static final int HIGH = 1_000;
    static final int LOW = 250;

    private final ExecutorService[] stripes = new ExecutorService[STRIPES];
    /** Calls waiting per peer (entries exist while some wait). */
    private final Map<PeerKey, Backlog> backlogs = new ConcurrentHashMap<>();
    private final AtomicInteger peak = new AtomicInteger();
    /** Completes the first time a session stops being read for its backlog (tests). */
    final CompletableFuture<Void> firstHold = new CompletableFuture<>();
    private volatile boolean stopped;

    /** One peer's waiting calls and the session held because of them. Changed inside the map's compute only. */
    private static final class Backlog {
        int waiting;
        LinkSession held;
    }

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
        run(key, null, call);
    }

    /** Runs call for key's peer after the calls queued before it; from: the session whose frame caused it, or null. */
    void run(PeerKey key, LinkSession from, Runnable call) {
        if (stopped) {
            return;
        }
        LinkSession[] hold = new LinkSession[1];
        backlogs.compute(key, (k, b) -> {
            Backlog mine = b == null ? new Backlog() : b;
            mine.waiting++;
            peak.accumulateAndGet(mine.waiting, Math::max);
            if (from != null && mine.held == null && mine.waiting >= HIGH) {
                mine.held = from;
                hold[0] = from;
                from.holdReads(true); // inside compute: a done() on another thread cannot let go first
            }
            return mine;
        });
        if (hold[0] != null) {
            LOG.debug("{}: {} messages waiting: reading stops", key, HIGH);
            firstHold.complete(null);
        }
        try {
            stripes[Math.floorMod(key.hashCode(), STRIPES)].execute(() -> {
                try {
                    if (!stopped) {
                        call.run();
                    }
                } catch (RuntimeException e) {
                    LOG.warn("link listener failed for {}", key, e);
                } finally {
                    done(key);
                }
            });
        } catch (RejectedExecutionException e) {
            done(key); // stopping
        }
    }

    private void done(PeerKey key) {
        backlogs.computeIfPresent(key, (k, b) -> {
            b.waiting--;
            if (b.held != null && b.waiting <= LOW) {
                b.held.holdReads(false);
                b.held = null;
            }
            return b.waiting == 0 ? null : b;
        });
    }

    /** The most calls that waited for one peer at once (tests). */
    int peakBacklog() {
        return peak.get();
    }

    /** No further calls; queued ones are dropped. */
    void stop() {
        stopped = true;
        for (ExecutorService s : stripes) {
            s.shutdown();
        }
    }
}
