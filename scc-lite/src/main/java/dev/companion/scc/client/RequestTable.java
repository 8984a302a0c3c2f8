package dev.companion.scc.client;

import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.ProtocolException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Requests waiting for their answers, by request id ({@code req}): fresh ids, the pending futures,
 * their timeouts, and their completion on the {@link EventThread} in the order the answers are handed
 * in. It knows nothing of the connection: whoever reads messages hands each to {@link #complete},
 * whoever loses the connection calls {@link #failAll}.
 */
public final class RequestTable {
    private final EventThread events;
    private final Duration timeout;
    private final AtomicLong lastId = new AtomicLong();
    private final Map<Long, CompletableFuture<Message>> pending = new ConcurrentHashMap<>();

    /** timeout: how long a request waits for its answer. */
    public RequestTable(EventThread events, Duration timeout) {
        this.events = events;
        this.timeout = timeout;
    }

    /** A request id not given out before (1, 2, 3, ...). */
    public long nextId() {
        return lastId.incrementAndGet();
    }

    /**
     * Waits for the answer to request id (what names it in the timeout's message): the future
     * completes with the answer, fails with {@link ProtocolException}(code, message) for an
     * {@code error} answer, or with {@link TimeoutException} when no answer came within the timeout.
     *
     * @throws RejectedExecutionException when the event thread is shut down (nothing is left pending)
     */
    public CompletableFuture<Message> open(long id, String what) {
        CompletableFuture<Message> f = new CompletableFuture<>();
        pending.put(id, f);
        try {
            ScheduledFuture<?> t = events.schedule(() -> {
                if (pending.remove(id, f)) {
                    f.completeExceptionally(new TimeoutException("no answer to " + what + " within "
                            + timeout.toMillis() + " ms"));
                }
            }, timeout);
            f.whenComplete((r, e) -> t.cancel(false));
        } catch (RejectedExecutionException e) {
            pending.remove(id);
            throw e;
        }
        return f;
    }

    /** Hands in m: true when it answers a pending request (completed on the event thread); false for a push. */
    public boolean complete(Message m) {
        Long req = m.req();
        CompletableFuture<Message> f = req == null ? null : pending.remove(req);
        if (f == null) {
            return false;
        }
        if (m instanceof Messages.Error err) {
            events.run(() -> f.completeExceptionally(new ProtocolException(err.code(), err.message(), err.retryAfter())));
        } else {
            events.run(() -> f.complete(m));
        }
        return true;
    }

    /** Fails request id with e (on the event thread) if it is still pending. */
    public void fail(long id, Throwable e) {
        CompletableFuture<Message> f = pending.remove(id);
        if (f != null) {
            events.run(() -> f.completeExceptionally(e));
        }
    }

    /** Fails every pending request with e (on the event thread). */
    public void failAll(Throwable e) {
        for (Long id : List.copyOf(pending.keySet())) {
            fail(id, e);
        }
    }
}
