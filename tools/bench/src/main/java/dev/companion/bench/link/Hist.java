package dev.companion.bench.link;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/** Latency histograms in microseconds (up to 60 s, 3 significant digits) and their wire form. */
public final class Hist {
    public static final long MAX_MICROS = 60_000_000L;

    private Hist() {
    }

    public static Histogram micros() {
        return new Histogram(MAX_MICROS, 3);
    }

    /** Records nanos rounded to microseconds, clamped to [0, 60 s]. */
    public static void recordNanos(Histogram h, long nanos) {
        h.recordValue(Math.clamp((nanos + 500) / 1000, 0, MAX_MICROS));
    }

    public static String encode(Histogram h) {
        ByteBuffer buf = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int n = h.encodeIntoCompressedByteBuffer(buf);
        byte[] out = new byte[n];
        buf.flip();
        buf.get(out);
        return Base64.getEncoder().encodeToString(out);
    }

    public static Histogram decode(String base64) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("bad histogram", e);
        }
    }

    /** The sum of several histograms (pooled runs). */
    public static Histogram pooled(Iterable<Histogram> hs) {
        Histogram all = micros();
        for (Histogram h : hs) {
            all.add(h);
        }
        return all;
    }
}
