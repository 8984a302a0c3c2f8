package dev.companion.bench.scc;

import dev.companion.testkit.ChildJvm;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Live heap of a child JVM through jcmd: {@code GC.run} then {@code GC.heap_info} (the sum of the
 * generations' "used"), and {@code GC.class_histogram} (live objects by class, for the breakdown).
 */
final class HeapProbe {
    private static final Pattern USED = Pattern.compile("total \\d+K, used (\\d+)K");
    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

    /** One measurement: live heap bytes and bytes by class. */
    record Snapshot(long heapUsedBytes, Map<String, Long> bytesByClass, long histogramTotalBytes) {
    }

    private HeapProbe() {
    }

    static Snapshot take(ChildJvm jvm) throws IOException, InterruptedException {
        jvm.jcmd("GC.run");
        long used = heapUsed(jvm.jcmd("GC.heap_info"));
        Map<String, Long> byClass = new HashMap<>();
        long total = 0;
        for (String line : jvm.jcmd("GC.class_histogram").split("\n")) {
            Matcher m = ROW.matcher(line);
            if (m.find()) {
                long bytes = Long.parseLong(m.group(2));
                byClass.merge(m.group(3), bytes, Long::sum);
                total += bytes;
            }
        }
        return new Snapshot(used, byClass, total);
    }

    static long heapUsed(String heapInfo) {
        long kb = 0;
        Matcher m = USED.matcher(heapInfo);
        while (m.find()) {
            kb += Long.parseLong(m.group(1));
        }
        return kb * 1024;
    }

    /** The classes whose live bytes grew most from before to after, in bytes per terminal. */
    static Map<String, Long> topGrowth(Snapshot before, Snapshot after, int terminals, int limit) {
        List<Map.Entry<String, Long>> growth = new ArrayList<>();
        for (var e : after.bytesByClass().entrySet()) {
            long d = e.getValue() - before.bytesByClass().getOrDefault(e.getKey(), 0L);
            growth.add(Map.entry(e.getKey(), d));
        }
        growth.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
        Map<String, Long> r = new LinkedHashMap<>();
        for (var e : growth.subList(0, Math.min(limit, growth.size()))) {
            r.put(e.getKey(), Math.round(e.getValue() / (double) Math.max(1, terminals)));
        }
        return r;
    }
}
