package dev.companion.bench.link;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * CPU accounting to tell a valid run from one whose generator core was saturated: per-core busy
 * time from /proc/stat (everything on that core, other workers' load included) and the CPU time of
 * processes (with their descendants).
 */
public final class Cpu {
    private Cpu() {
    }

    /** Busy and total jiffies of each core at one moment; empty when /proc/stat is unreadable. */
    public record Cores(long[] busy, long[] total) {
        public static Cores now() {
            try {
                List<String> cpu = Files.readAllLines(Path.of("/proc/stat")).stream()
                        .filter(l -> l.matches("cpu\\d+ .*")).toList();
                long[] busy = new long[cpu.size()];
                long[] total = new long[cpu.size()];
                for (int c = 0; c < cpu.size(); c++) {
                    String[] f = cpu.get(c).trim().split("\\s+");
                    long sum = 0;
                    for (int k = 1; k < Math.min(f.length, 9); k++) { // user..steal
                        sum += Long.parseLong(f[k]);
                    }
                    long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
                    busy[c] = sum - idle;
                    total[c] = sum;
                }
                return new Cores(busy, total);
            } catch (IOException | RuntimeException e) {
                return new Cores(new long[0], new long[0]);
            }
        }

        /** Busy share of core between then and this snapshot (0..1), or NaN when unknown. */
        public double busySince(Cores then, int core) {
            if (core >= busy.length || core >= then.busy.length) {
                return Double.NaN;
            }
            long t = total[core] - then.total[core];
            return t <= 0 ? Double.NaN : (busy[core] - then.busy[core]) / (double) t;
        }
    }

    /** CPU time used so far by the processes and all their descendants. */
    public static Duration of(Collection<ProcessHandle> processes) {
        Duration sum = Duration.ZERO;
        for (ProcessHandle p : processes) {
            sum = sum.plus(p.info().totalCpuDuration().orElse(Duration.ZERO));
            for (ProcessHandle d : p.descendants().toList()) {
                sum = sum.plus(d.info().totalCpuDuration().orElse(Duration.ZERO));
            }
        }
        return sum;
    }
}
