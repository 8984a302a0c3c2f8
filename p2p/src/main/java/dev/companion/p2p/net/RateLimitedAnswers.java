package dev.companion.p2p.net;

import dev.companion.p2p.protocol.Codec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The RATE_LIMITED answers of one {@link RateFilter}, encoded once: a flood over the rate is answered
 * frame after frame, and the answers differ only in their req. The answer without a req is one shared
 * payload; one with a req is the shared text around its digits (req is the answer's first field). The
 * bytes are exactly {@code Codec.encode(LimitAnswers.rateLimited(req, limit))}: the constructor checks
 * the template against the encoder, and falls back to encoding every answer if it ever differs. The
 * shared arrays are never written to; the frame encoder copies a payload into each frame's own buffer.
 */
final class RateLimitedAnswers {
    private static final byte[] REQ_NULL = "{\"req\":null".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REQ = "{\"req\":".getBytes(StandardCharsets.US_ASCII);

    private final RateLimit limit;
    /** The answer to a frame without a req. */
    private final byte[] unnumbered;
    /** What follows the req's digits; null when the encoding is not the template's (then every answer is encoded). */
    private final byte[] tail;

    RateLimitedAnswers(RateLimit limit) {
        this.limit = limit;
        this.unnumbered = Codec.encode(LimitAnswers.rateLimited(null, limit));
        byte[] t = startsWith(unnumbered, REQ_NULL) ? Arrays.copyOfRange(unnumbered, REQ_NULL.length, unnumbered.length) : null;
        this.tail = t != null && Arrays.equals(splice(1L, t), Codec.encode(LimitAnswers.rateLimited(1L, limit))) ? t : null;
    }

    /** The payload of the answer to a frame with this req (null: the frame had none). */
    byte[] payload(Long req) {
        if (req == null) {
            return unnumbered;
        }
        return tail == null ? Codec.encode(LimitAnswers.rateLimited(req, limit)) : splice(req, tail);
    }

    private static byte[] splice(long req, byte[] tail) {
        byte[] digits = Long.toString(req).getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[REQ.length + digits.length + tail.length];
        System.arraycopy(REQ, 0, out, 0, REQ.length);
        System.arraycopy(digits, 0, out, REQ.length, digits.length);
        System.arraycopy(tail, 0, out, REQ.length + digits.length, tail.length);
        return out;
    }

    private static boolean startsWith(byte[] a, byte[] prefix) {
        return a.length >= prefix.length && Arrays.equals(a, 0, prefix.length, prefix, 0, prefix.length);
    }
}
