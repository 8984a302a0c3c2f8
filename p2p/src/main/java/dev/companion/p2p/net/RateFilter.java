package dev.companion.p2p.net;

import dev.companion.p2p.frame.Frame;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frames per second per connection ({@link RateLimit}): a token bucket per session; sits after the
 * frame codec and {@link AdmissionFilter}. Over the rate, reading stops until the bucket holds a
 * frame again ({@link ReadGate.Reason#RATE}); the frame itself is answered RATE_LIMITED and dropped
 * ({@link RateLimit.OverRate#ANSWER}) or passed on ({@link RateLimit.OverRate#THROTTLE}: the bucket
 * goes into debt). Frames MINA had already read when reading stopped are treated the same way, so
 * what one read can bring is bounded by the read buffer. (A token bucket is a few lines; Guava's
 * RateLimiter would add 3 MB to what the app ships, and blocks or polls.)
 */
final class RateFilter extends IoFilterAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(RateFilter.class);
    private static final AttributeKey BUCKET = new AttributeKey(RateFilter.class, "bucket");
    private static final long SECOND = 1_000_000_000L;

    private final RateLimit limit;
    private final RateLimitedAnswers answers;

    RateFilter(RateLimit limit) {
        this.limit = limit;
        this.answers = new RateLimitedAnswers(limit);
    }

    /** One session's tokens; guarded by itself. */
    private static final class Bucket {
        double tokens;
        long refilledAt;
        boolean paused;
        long over;

        Bucket(int burst, long now) {
            tokens = burst;
            refilledAt = now;
        }
    }

    @Override
    public void messageReceived(NextFilter next, IoSession session, Object message) throws Exception {
        if (!(message instanceof Frame frame)) {
            next.messageReceived(session, message);
            return;
        }
        long now = System.nanoTime();
        Bucket b = (Bucket) session.getAttribute(BUCKET);
        if (b == null) {
            b = new Bucket(limit.burst(), now);
            session.setAttribute(BUCKET, b); // only the session's I/O thread gets here
        }
        boolean over;
        long pauseNanos = 0;
        boolean firstOver = false;
        synchronized (b) {
            b.tokens = Math.min(limit.burst(), b.tokens + (now - b.refilledAt) * (double) limit.perSecond() / SECOND);
            b.refilledAt = now;
            over = b.tokens < 1;
            if (!over || limit.overRate() == RateLimit.OverRate.THROTTLE) {
                b.tokens -= 1;
            }
            if (over) {
                firstOver = b.over++ == 0;
                if (!b.paused) {
                    b.paused = true;
                    pauseNanos = (long) Math.ceil((1 - b.tokens) * SECOND / limit.perSecond());
                }
            }
        }
        if (firstOver) {
            LOG.info("{}: over {} frames per second: {}", session.getRemoteAddress(), limit.perSecond(),
                    limit.overRate() == RateLimit.OverRate.ANSWER ? "answering RATE_LIMITED" : "reading slower");
        }
        if (pauseNanos > 0) {
            ReadGate.hold(session, ReadGate.Reason.RATE);
            Bucket bucket = b;
            Timers.schedule(() -> {
                synchronized (bucket) {
                    bucket.paused = false;
                }
                ReadGate.release(session, ReadGate.Reason.RATE);
            }, java.time.Duration.ofNanos(pauseNanos));
        }
        if (over && limit.overRate() == RateLimit.OverRate.ANSWER) {
            session.write(answers.payload(frame.requestId())); // the encoded answer: no Message, no JSON encoding per frame
        } else {
            next.messageReceived(session, message);
        }
    }
}
