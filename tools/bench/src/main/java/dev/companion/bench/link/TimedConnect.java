package dev.companion.bench.link;

import java.util.concurrent.CountDownLatch;

/** Connect k of a connect run: its action's seq and when it started, went up and was acked (System.nanoTime()). */
public final class TimedConnect {
    public final int k;
    public final long seq;
    public final CountDownLatch acked = new CountDownLatch(1);
    public volatile long t0;
    public volatile long up;
    public volatile long ack;

    public TimedConnect(int k) {
        this.k = k;
        this.seq = Payload.seq(k, 0);
    }
}
