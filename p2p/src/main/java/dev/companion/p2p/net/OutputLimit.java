package dev.companion.p2p.net;

/**
 * How much output one connection may have queued (written by this side, not yet taken by the peer),
 * Netty's write-buffer water marks. Counted in frame bytes (4-byte length + payload) held by
 * {@link FramedTls}'s output filter or in flight below it (TLS, the socket's queue).
 *
 * <ul>
 *   <li>Past {@code highWater}: with {@link WhenHigh#STOP_READING} this side stops reading from the peer
 *       (a peer that does not read cannot make it produce more) until the queue falls to
 *       {@code lowWater}; with {@link WhenHigh#REFUSE_WRITES} further writes are refused (the writer
 *       sees it: {@link FramedTls#write} returns false) until it falls to {@code lowWater}.</li>
 *   <li>Past {@code hardCap}: the connection is closed, with the reason logged.</li>
 * </ul>
 *
 * Output that does not move at all is the endpoint's write timeout's ({@link Endpoint#writeTimeoutSeconds()}).
 *
 * @param lowWater  reading (or writing) resumes at or below this many queued bytes
 * @param highWater reading stops (or writes are refused) above this many
 * @param hardCap   the connection is closed above this many
 * @param whenHigh  what happens past the high-water mark
 */
public record OutputLimit(int lowWater, int highWater, int hardCap, WhenHigh whenHigh) {
    /** What happens to a connection whose queued output passed the high-water mark. */
    public enum WhenHigh {
        /** Stop reading from the peer until the queue is back at the low-water mark. */
        STOP_READING,
        /** Refuse further writes (the writer is told) until the queue is back at the low-water mark. */
        REFUSE_WRITES
    }

    /** No bound at all (tests and tools). */
    public static final OutputLimit UNBOUNDED = new OutputLimit(Integer.MAX_VALUE - 1, Integer.MAX_VALUE - 1,
            Integer.MAX_VALUE, WhenHigh.STOP_READING);

    public OutputLimit {
        if (whenHigh == null || lowWater < 0 || lowWater > highWater || highWater > hardCap) {
            throw new IllegalArgumentException("bad output limit: low " + lowWater + ", high " + highWater
                    + ", cap " + hardCap + ", " + whenHigh);
        }
    }
}
