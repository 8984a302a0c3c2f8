package dev.companion.bench.link;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * The leader's side of one run of the echo protocol: sends action i at its intended time
 * start + i/rate (a sender that falls behind catches up without skipping, so a stall shows as
 * latency: no coordinated omission) and times each follower's ack from that intended time.
 * {@link #ack} may be called from any thread, also before {@link #drive} has returned.
 */
public final class EchoRun {
    /** Sends action i (seq {@link Payload#seq}(run, i)) to every follower. */
    @FunctionalInterface
    public interface Sender {
        void send(int i) throws Exception;
    }

    private final int run;
    private final int count;
    private final int followers;
    private final long periodNanos;
    private final AtomicLongArray sentAt;
    private final Histogram rtt = Hist.micros();
    private final Histogram fromSend = Hist.micros();
    private final Histogram late = Hist.micros();
    private final AtomicLong acked = new AtomicLong();
    private final CountDownLatch all;
    private volatile long start;

    public EchoRun(int run, double rate, double seconds, int followers) {
        if (rate <= 0 || seconds <= 0 || followers < 1) {
            throw new IllegalArgumentException("rate, seconds and followers must be positive");
        }
        this.run = run;
        this.count = (int) Math.max(1, Math.round(rate * seconds));
        this.followers = followers;
        this.periodNanos = Math.round(1e9 / rate);
        this.sentAt = new AtomicLongArray(count);
        this.all = new CountDownLatch(Math.toIntExact((long) count * followers));
    }

    public int run() {
        return run;
    }

    public int count() {
        return count;
    }

    /** A follower's ack for seq arrived at nowNanos (System.nanoTime()). */
    public void ack(long seq, long nowNanos) {
        int i = Payload.index(run, seq);
        long s = start;
        if (i < 0 || i >= count || s == 0) {
            return; // another run's straggler
        }
        long intended = s + i * periodNanos;
        long actual = sentAt.get(i);
        synchronized (this) {
            Hist.recordNanos(rtt, nowNanos - intended);
            if (actual != 0) {
                Hist.recordNanos(fromSend, nowNanos - actual);
            }
        }
        acked.incrementAndGet();
        all.countDown();
    }

    /** Runs the schedule on this thread, then waits up to drain for the last acks. */
    public RunResult drive(Sender sender, Duration drain) throws Exception {
        long t0 = System.nanoTime() + 20_000_000L;
        start = t0;
        for (int i = 0; i < count; i++) {
            long intended = t0 + i * periodNanos;
            long wait;
            while ((wait = intended - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            long now = System.nanoTime();
            sentAt.set(i, now);
            Hist.recordNanos(late, now - intended);
            sender.send(i);
        }
        all.await(drain.toMillis(), TimeUnit.MILLISECONDS);
        double seconds = (System.nanoTime() - t0) / 1e9;
        synchronized (this) {
            return new RunResult(count, (long) count * followers, acked.get(), rtt.copy(), fromSend.copy(),
                    late.copy(), seconds);
        }
    }
}
