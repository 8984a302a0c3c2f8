package dev.companion.bench.scc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Stop-the-world pauses from a {@code -Xlog:gc} file, leaving out the full GCs the benchmark asked for (jcmd, System.gc). */
final class GcLog {
    private static final Pattern PAUSE = Pattern.compile("\\] GC\\(\\d+\\) (Pause [^(]*?)\\s*(\\([^)]*\\))?\\s.*?([0-9.]+)ms$");

    private GcLog() {
    }

    static Map<String, Object> pauses(Path log) {
        Map<String, Object> r = new LinkedHashMap<>();
        List<Double> ms = new ArrayList<>();
        int requested = 0;
        try {
            for (String line : Files.readAllLines(log)) {
                Matcher m = PAUSE.matcher(line);
                if (!m.find()) {
                    continue;
                }
                if (line.contains("System.gc()") || line.contains("Diagnostic Command") || line.contains("Heap Inspection")) {
                    requested++;
                    continue;
                }
                ms.add(Double.parseDouble(m.group(3)));
            }
        } catch (IOException | RuntimeException e) {
            r.put("error", e.toString());
            return r;
        }
        ms.sort(null);
        r.put("pauses", ms.size());
        r.put("maxMs", ms.isEmpty() ? 0 : ms.get(ms.size() - 1));
        r.put("p50Ms", ms.isEmpty() ? 0 : ms.get(ms.size() / 2));
        r.put("totalMs", LoadPhases.round(ms.stream().mapToDouble(Double::doubleValue).sum()));
        r.put("pausesRequestedByBenchmarkLeftOut", requested);
        return r;
    }
}
