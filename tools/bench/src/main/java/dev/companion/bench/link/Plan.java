package dev.companion.bench.link;

import java.util.List;

/**
 * How long and how often: rates (actions/s), measured runs per configuration, run length chosen to
 * give about samples acks per run (bounded by minRun and maxRun seconds), warm-ups, extra runs allowed
 * per configuration to replace runs disturbed by other load, child JVM heap.
 */
public record Plan(List<Double> rates, int runs, int samples, double minRunSeconds, double maxRunSeconds,
                   double warmupSeconds, double jitWarmupSeconds, int retries, String heap) {

    public Plan {
        rates = List.copyOf(rates);
        if (rates.isEmpty() || rates.stream().anyMatch(r -> !(r > 0) || r > 20_000)) {
            throw new IllegalArgumentException("rates must be in (0, 20000] actions/s");
        }
        if (runs < 1 || runs > 20 || samples < 1 || minRunSeconds <= 0 || maxRunSeconds < minRunSeconds
                || maxRunSeconds > 600 || warmupSeconds < 0 || jitWarmupSeconds < 0 || retries < 0 || retries > 10) {
            throw new IllegalArgumentException("bad plan");
        }
    }

    /** Seconds per measured run: enough for samples acks ((group-1) per action), within the bounds. */
    public double runSeconds(int group, double rate) {
        double want = Math.ceil(samples / ((group - 1) * rate));
        return Math.clamp(want, minRunSeconds, maxRunSeconds);
    }

    public double maxRate() {
        return rates.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    /** Estimated seconds of sending for one system at one group size (progress bar, time budget). */
    public double seconds(int group) {
        double s = jitWarmupSeconds;
        for (double r : rates) {
            s += warmupSeconds + runs * runSeconds(group, r);
        }
        return s;
    }

    /**
     * Options of every child JVM: the app's shipped ones (app/.../jvm.options: its GC, SerialGC, since
     * the link runs inside the app), then a fixed, pre-touched heap so runs compare.
     */
    public List<String> jvmOptions() {
        return childJvm(heap);
    }

    /** {@link #jvmOptions()} for a heap size (also the connect scenario's children). */
    public static List<String> childJvm(String heap) {
        List<String> o = new java.util.ArrayList<>(dev.companion.app.JvmOptions.shipped());
        if (o.isEmpty()) {
            throw new IllegalStateException("the app jar on the class path has no " + dev.companion.app.JvmOptions.RESOURCE);
        }
        o.addAll(List.of("-Xms" + heap, "-Xmx" + heap, "-XX:+AlwaysPreTouch", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
        return List.copyOf(o);
    }
}
