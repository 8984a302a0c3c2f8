package dev.companion.app.session;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** A {@link RetryTimer} the test drives: each wait is kept until the test runs it, so no test waits it out. */
final class HandTimer implements RetryTimer {
    /** One wait the session asked for. */
    record Wait(Duration delay, Runnable task, AtomicBoolean cancelled) {
        void run() {
            task.run();
        }
    }

    private final BlockingQueue<Wait> waits = new LinkedBlockingQueue<>();

    @Override
    public Cancel schedule(Duration delay, Runnable task) {
        Wait w = new Wait(delay, task, new AtomicBoolean());
        waits.add(w);
        return () -> w.cancelled().set(true);
    }

    /** The next wait not cancelled, once the session asked for it (up to 20 s). */
    Wait next() throws InterruptedException {
        while (true) {
            Wait w = waits.poll(20, TimeUnit.SECONDS);
            if (w == null) {
                throw new AssertionError("the session scheduled no attempt");
            }
            if (!w.cancelled().get()) {
                return w;
            }
        }
    }

    /** The waits asked for and neither run nor cancelled. */
    List<Wait> pending() {
        return waits.stream().filter(w -> !w.cancelled().get()).toList();
    }
}
