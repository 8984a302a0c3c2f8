package dev.companion.bench.soak;

import dev.companion.testkit.ChildJvm;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server's RSS and CPU time once a second, in seconds since the server process started (the
 * clock of its GC log too), and the moments the phases began.
 */
final class Sampler {
    /** seconds since the server started, RSS in MiB, CPU seconds used so far. */
    record Sample(double seconds, double rssMib, double cpuSeconds) {
    }

    private final ChildJvm server;
    private final long startMillis;
    private final List<Sample> samples = new ArrayList<>();
    private final Map<String, Double> marks = new LinkedHashMap<>();
    private volatile boolean stopped;
    private Thread thread;

    Sampler(ChildJvm server) {
        this.server = server;
        this.startMillis = server.handle().info().startInstant().map(Instant::toEpochMilli).orElse(System.currentTimeMillis());
    }

    double now() {
        return (System.currentTimeMillis() - startMillis) / 1000.0;
    }

    void start() {
        thread = new Thread(() -> {
            while (!stopped && server.alive()) {
                Sample s = new Sample(now(), server.rssKb() / 1024.0, server.cpuSeconds());
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
