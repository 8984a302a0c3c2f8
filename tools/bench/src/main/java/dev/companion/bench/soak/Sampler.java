package dev.companion.bench.soak;

import dev.companion.testkit.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Once a second: the server's RSS, the CPU time of the scenario's own processes (server, load
 * generator, attacker) and of the whole machine, in seconds since the server process started (the
 * clock of its GC log too); and the moments the phases began. The machine's CPU minus the scenario's
 * own is what other processes took: a shared machine disturbs the latencies, and the report says so.
 */
final class Sampler {
    /** seconds since the server started, server RSS in MiB, server CPU seconds, the scenario's CPU seconds, the machine's busy CPU seconds. */
    record Sample(double seconds, double rssMib, double cpuSeconds, double ownCpuSeconds, double machineCpuSeconds) {
    }

    private static final double TICKS_PER_SECOND = 100; // USER_HZ of /proc/stat on Linux

    private final ChildJvm server;
    private final List<ChildJvm> others = new ArrayList<>();
    private final long startMillis;
    private final List<Sample> samples = new ArrayList<>();
    private final Map<String, Double> marks = new LinkedHashMap<>();
    private volatile boolean stopped;
    private Thread thread;

    Sampler(ChildJvm server) {
        this.server = server;
        this.startMillis = server.handle().info().startInstant().map(Instant::toEpochMilli).orElse(System.currentTimeMillis());
    }

    /** Counts child's CPU as the scenario's own from now on. */
    void track(ChildJvm child) {
        synchronized (samples) {
            others.add(child);
        }
    }

    double now() {
        return (System.currentTimeMillis() - startMillis) / 1000.0;
    }

    void start() {
        thread = new Thread(() -> {
            while (!stopped && server.alive()) {
                double own = server.cpuSeconds();
                synchronized (samples) {
                    for (ChildJvm c : others) {
                        own += c.alive() ? c.cpuSeconds() : 0;
                    }
                }
                Sample s = new Sample(now(), server.rssKb() / 1024.0, server.cpuSeconds(),
                        own + processCpuSeconds(), machineBusySeconds());
                synchronized (samples) {
                    samples.add(s);
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "soak-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private static double processCpuSeconds() {
        return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
    }

    /** Busy CPU seconds of all cores since boot (/proc/stat: user+nice+system+irq+softirq+steal). */
    private static double machineBusySeconds() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/stat"))) {
                if (l.startsWith("cpu ")) {
                    String[] f = l.trim().split("\\s+");
                    long busy = 0;
                    for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                        busy += Long.parseLong(f[i]);
                    }
                    return busy / TICKS_PER_SECOND;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return 0;
    }

    void mark(String phase) {
        synchronized (samples) {
            marks.put(phase, now());
        }
    }

    void stop() throws InterruptedException {
        stopped = true;
        if (thread != null) {
            thread.interrupt();
            thread.join(5000);
        }
    }

    List<Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    Map<String, Double> marks() {
        synchronized (samples) {
            return Map.copyOf(marks);
        }
    }
}
