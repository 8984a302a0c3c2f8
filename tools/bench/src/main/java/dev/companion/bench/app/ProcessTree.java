package dev.companion.bench.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A process and all its descendants (a Companion app: its JVM and its Chromium processes), read
 * from /proc: CPU time (utime + stime of /proc/PID/stat), RSS and PSS (/proc/PID/smaps_rollup).
 */
public final class ProcessTree {
    private static final long TICKS_PER_SECOND = clockTicks();

    private ProcessTree() {
    }

    /** The root and every live descendant. */
    public static List<Long> pids(long root) {
        List<Long> out = new ArrayList<>();
        ProcessHandle.of(root).ifPresent(h -> {
            out.add(h.pid());
            h.descendants().forEach(d -> out.add(d.pid()));
        });
        return out;
    }

    /** CPU time used so far per process of the tree, in clock ticks. */
    public static Map<Long, Long> cpuTicks(long root) {
        Map<Long, Long> m = new HashMap<>();
        for (long pid : pids(root)) {
            long t = cpuTicksOf(pid);
            if (t >= 0) {
                m.put(pid, t);
            }
        }
        return m;
    }

    /** Like {@link #cpuTicks(long)} without the subtree of another process (e.g. a child app we started). */
    public static Map<Long, Long> cpuTicksExcluding(long root, long excludedRoot) {
        Map<Long, Long> m = cpuTicks(root);
        m.keySet().removeAll(pids(excludedRoot));
        return m;
    }

    /** CPU seconds used between two {@link #cpuTicks} snapshots (processes born in between count whole). */
    public static double cpuSecondsBetween(Map<Long, Long> before, Map<Long, Long> after) {
        long ticks = 0;
        for (var e : after.entrySet()) {
            ticks += e.getValue() - before.getOrDefault(e.getKey(), 0L);
        }
        return ticks / (double) TICKS_PER_SECOND;
    }

    static long cpuTicksOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after "pid (comm) ": f[0] = state (field 3); utime = field 14, stime = field 15
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return -1; // gone
        }
    }

    /** Memory of the whole tree, and of its root alone (the JVM). */
    public record Memory(int processes, long rssKb, long pssKb, long rootRssKb, long rootPssKb) {
        public double rssMiB() {
            return rssKb / 1024.0;
        }

        public double pssMiB() {
            return pssKb / 1024.0;
        }
    }

    public static Memory memory(long root) {
        int n = 0;
        long rss = 0;
        long pss = 0;
        long rootRss = 0;
        long rootPss = 0;
        for (long pid : pids(root)) {
            try {
                long r = 0;
                long p = 0;
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
                    if (line.startsWith("Rss:")) {
                        r = kb(line);
                    } else if (line.startsWith("Pss:")) {
                        p = kb(line);
                    }
                }
                rss += r;
                pss += p;
                if (pid == root) {
                    rootRss = r;
                    rootPss = p;
                }
                n++;
            } catch (IOException | RuntimeException e) {
                // gone meanwhile
            }
        }
        return new Memory(n, rss, pss, rootRss, rootPss);
    }

    /**
     * PSS by kind of process (kB): "jvm" for the root (the JVM, which also runs Chromium's browser
     * process), else Chromium's --type= (renderer, gpu-process, utility, zygote, ...).
     */
    public static Map<String, Long> pssByProcessType(long root) {
        Map<String, Long> m = new java.util.TreeMap<>();
        for (long pid : pids(root)) {
            String type = pid == root ? "jvm" : chromiumType(pid);
            m.merge(type, pssKb(pid), Long::sum);
        }
        return m;
    }

    /** PSS of one process by mapping (kB): libcef.so, other .so files, anonymous memory, other files. */
    public static Map<String, Long> pssByMapping(long pid) {
        Map<String, Long> m = new java.util.TreeMap<>();
        try {
            String kind = "anonymous";
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps"))) {
                if (line.matches("^[0-9a-f]+-[0-9a-f]+ .*")) {
                    String[] f = line.trim().split("\\s+", 6);
                    String name = f.length > 5 ? f[5] : "";
                    kind = name.endsWith("libcef.so") ? "libcef.so"
                            : name.contains(".so") ? "other shared libraries"
                            : name.isEmpty() || name.startsWith("[") ? "anonymous (Java heap, malloc, stacks)"
                            : "other files (jars, fonts, ...)";
                } else if (line.startsWith("Pss:")) {
                    m.merge(kind, kb(line), Long::sum);
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return m;
    }

    private static long pssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
                if (line.startsWith("Pss:")) {
                    return kb(line);
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return 0;
    }

    private static String chromiumType(long pid) {
        try {
            String cmd = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), java.nio.charset.StandardCharsets.UTF_8);
            for (String arg : cmd.split("[\\x00 ]")) { // Chromium rewrites its title: arguments may be space-separated
                if (arg.startsWith("--type=")) {
                    return arg.substring(7);
                }
            }
            return "other";
        } catch (IOException e) {
            return "gone";
        }
    }

    /** The Java heap of a JVM (committed, used; kB) from {@code jcmd PID GC.heap_info}; null if unavailable. */
    public static long[] javaHeapKb(long pid) {
        try {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(pid), "GC.heap_info").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            p.waitFor();
            var m = java.util.regex.Pattern.compile("committed (\\d+)K, used (\\d+)K").matcher(out); // G1
            if (m.find()) {
                return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
            }
            // Serial (the app's collector) and Parallel: one line per generation, "total NK, used NK"
            var gen = java.util.regex.Pattern.compile("(?i)(?:DefNew|Tenured|PSYoungGen|ParOldGen|def new generation|tenured generation)"
                    + "\\s+total (\\d+)K, used (\\d+)K").matcher(out);
            long committed = 0;
            long used = 0;
            boolean any = false;
            while (gen.find()) {
                committed += Long.parseLong(gen.group(1));
                used += Long.parseLong(gen.group(2));
                any = true;
            }
            return any ? new long[] {committed, used} : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static long kb(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return Long.parseLong(out);
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }

    /** Busy and total clock ticks of each core so far (/proc/stat "cpuN" lines): index = core. */
    public static long[][] coreTicks() {
        List<long[]> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
                if (line.startsWith("cpu") && Character.isDigit(line.charAt(3))) {
                    String[] f = line.trim().split("\\s+");
                    long total = 0;
                    for (int i = 1; i < f.length && i <= 8; i++) {
                        total += Long.parseLong(f[i]);
                    }
                    long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]); // idle + iowait
                    out.add(new long[] {total - idle, total});
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: no figures
        }
        return out.toArray(long[][]::new);
    }

    /** Share of time each core was busy between two {@link #coreTicks} readings (0..1). */
    public static double[] coreBusy(long[][] before, long[][] after) {
        double[] b = new double[Math.min(before.length, after.length)];
        for (int i = 0; i < b.length; i++) {
            long total = after[i][1] - before[i][1];
            b[i] = total <= 0 ? 0 : (after[i][0] - before[i][0]) / (double) total;
        }
        return b;
    }

    /** Pins this JVM (all its threads, and so the threads and processes it starts later) to one core. */
    public static void pinSelf(int core) {
        try {
            Process p = new ProcessBuilder("taskset", "-a", "-c", "-p", Integer.toString(core),
                    Long.toString(ProcessHandle.current().pid())).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("taskset failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot pin to core " + core + " (taskset)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
