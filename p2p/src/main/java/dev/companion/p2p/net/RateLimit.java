package dev.companion.p2p.net;

/**
 * How many frames per second one connection may send: a token bucket of {@code burst} frames that
 * refills at {@code perSecond}. Every frame counts (pings too). When the bucket is empty:
 *
 * <ul>
 *   <li>{@link OverRate#ANSWER} (the control center): the frame is not processed; it is answered
 *       {@code error RATE_LIMITED} (with its {@code req} when it has one), and nothing more is read from
 *       the connection until the bucket holds a frame again. The connection stays open.</li>
 *   <li>{@link OverRate#THROTTLE} (the peer link): the frame is processed (nothing is lost), and nothing
 *       more is read until the bucket is back in credit: the sender is slowed down by TCP.</li>
 * </ul>
 *
 * @param perSecond refill rate; 0: no limit
 * @param burst     bucket size
 * @param overRate  what happens to a frame over the rate
 */
public record RateLimit(int perSecond, int burst, OverRate overRate) {
    /** What happens to a frame that arrives with the bucket empty. */
    public enum OverRate { ANSWER, THROTTLE }

    /** No limit. */
    public static final RateLimit NONE = new RateLimit(0, 0, OverRate.THROTTLE);

    public RateLimit {
        if (overRate == null || perSecond < 0 || burst < 0 || (perSecond > 0 && burst < 1)) {
            throw new IllegalArgumentException("bad rate limit: " + perSecond + "/s, burst " + burst + ", " + overRate);
        }
    }

    boolean limits() {
        return perSecond > 0;
    }
}
