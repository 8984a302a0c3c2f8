package dev.companion.app.session;

import dev.companion.app.thread.Threads;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session thread ({@code session-events}): every state change of the session and every
 * {@link SessionListener} call runs here, in order. The one hop onto it; nothing runs once closed.
 * Also the default {@link RetryTimer}: the reconnect loop's waits end on this thread.
 */
final class SessionThread implements RetryTimer, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SessionThread.class);

    private final ScheduledExecutorService executor = Threads.timer("session-events");
    private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    void addListener(SessionListener l) {
        listeners.add(l);
    }

    /** Runs r on the session thread (later, in order); false when the session is closed. */
    boolean run(Runnable r) {
        if (closed) {
            return false;
        }
        try {
            executor.execute(() -> {
                if (!closed) {
                    r.run();
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            LOG.debug("session closed: dropped an event");
            return false;
        }
    }

    /** Session thread: tells every listener. */
    void tell(Consumer<SessionListener> call) {
        listeners.forEach(call);
    }

    /** Reports a problem to the listeners, on the session thread whatever thread found it. */
    void problem(String code, String detail) {
        LOG.warn("{}: {}", code, detail);
        run(() -> tell(l -> l.onProblem(code, detail)));
    }

    /**
     * f's outcome, delivered on the session thread (so what depends on it runs there, in order with
     * the pushes that came before it); cancelled when the session closes first.
     */
    <T> CompletableFuture<T> hop(CompletableFuture<T> f) {
        CompletableFuture<T> out = new CompletableFuture<>();
        f.whenComplete((v, e) -> {
            boolean queued = run(() -> {
                if (e == null) {
                    out.complete(v);
                } else {
                    out.completeExceptionally(e);
                }
            });
            if (!queued) {
                out.completeExceptionally(new CancellationException("session closed"));
            }
        });
        return out;
    }

    /** Calls work on the session thread and hands over the future it returns (failed if work throws). */
    <T> CompletableFuture<T> call(Supplier<CompletableFuture<T>> work) {
        CompletableFuture<T> out = new CompletableFuture<>();
        boolean queued = run(() -> {
            try {
                work.get().whenComplete((v, e) -> {
                    if (e == null) {
                        out.complete(v);
                    } else {
                        out.completeExceptionally(e);
                    }
                });
            } catch (RuntimeException e) {
                out.completeExceptionally(e);
            }
        });
        if (!queued) {
            out.completeExceptionally(new CancellationException("session closed"));
        }
        return out;
    }

    @Override
    public Cancel schedule(Duration delay, Runnable task) {
        try {
            ScheduledFuture<?> f = executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
            return () -> f.cancel(false);
        } catch (RejectedExecutionException e) {
            return () -> { };
        }
    }

    /** The failure inside CompletionException wrappers. */
    static Throwable cause(Throwable e) {
        Throwable t = e;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    boolean isClosed() {
        return closed;
    }

    /** Nothing runs any more; what was queued is dropped. Safe twice. */
    @Override
    public void close() {
        closed = true;
        executor.shutdownNow();
    }
}
