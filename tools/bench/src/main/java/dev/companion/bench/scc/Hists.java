package dev.companion.bench.scc;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/** Latency histograms in microseconds: creation, recording from several threads, transport as base64, summaries. */
public final class Hists {
    static final long MAX_MICROS = 120_000_000L;

    private Hists() {
    }

    static Histogram micros() {
        return new Histogram(1, MAX_MICROS, 3);
    }

    /** Records nanos (clamped) into h under h's lock; I/O threads and drivers record concurrently. */
    static void record(Histogram h, long nanos) {
        long us = Math.max(1, Math.min(MAX_MICROS, nanos / 1000));
        synchronized (h) {
            h.recordValue(us);
        }
    }

    static String encode(Histogram h) {
        synchronized (h) {
            ByteBuffer buf = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
            int n = h.encodeIntoCompressedByteBuffer(buf);
            return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buf.array(), n));
        }
    }

    public static Histogram decode(String b64) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(b64)), 0);
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("bad histogram", e);
        }
    }

    /** count, p50, p99, p99.9, max in milliseconds. */
    public static Map<String, Object> summary(Histogram h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", h.getTotalCount());
        m.put("p50Ms", ms(h.getValueAtPercentile(50)));
        m.put("p99Ms", ms(h.getValueAtPercentile(99)));
        m.put("p99_9Ms", ms(h.getValueAtPercentile(99.9)));
        m.put("maxMs", ms(h.getMaxValue()));
        return m;
    }

    static double ms(long micros) {
        return Math.round(micros / 10.0) / 100.0;
    }
}
