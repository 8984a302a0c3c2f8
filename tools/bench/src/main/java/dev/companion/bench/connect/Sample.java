package dev.companion.bench.connect;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One measured connect: the row it belongs to ({@link Row#id}), its index in the run (0 = the first
 * connect of freshly started processes, the cold one), and the moments reached, in µs since the clock
 * started, in the order they happen (the row's last mark is the total). A failed connect has no marks.
 * handshake: which TLS handshake the connect made, "full" or "resumed" (null where not known or not TLS).
 */
record Sample(String row, int index, boolean ok, String why, Map<String, Long> marks, String handshake) {
    Sample {
        marks = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(marks));
    }

    static Sample failed(String row, int index, String why) {
        return new Sample(row, index, false, why, Map.of(), null);
    }

    boolean cold() {
        return index == 0;
    }

    /** µs from the start to the mark, or -1 when this sample does not have it. */
    long mark(String name) {
        Long v = marks.get(name);
        return v == null ? -1 : v;
    }
}
