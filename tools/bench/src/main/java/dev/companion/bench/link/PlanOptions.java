package dev.companion.bench.link;

import java.util.List;
import picocli.CommandLine.Option;

/**
 * The run plan's options (rates, runs, run lengths, warm-ups, retries, child heap), one picocli mixin
 * shared by {@code bench link} and {@code bench peers} so both measure with the same plan.
 */
public final class PlanOptions {
    @Option(names = "--rates", split = ",", defaultValue = "10,100,1000", description = "Actions per second (default: ${DEFAULT-VALUE}).")
    List<Double> rates;

    @Option(names = "--runs", defaultValue = "3", description = "Measured runs per configuration (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--samples", defaultValue = "1000", description = "Acks wanted per run; sets the run length within the bounds (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--min-run-seconds", defaultValue = "2", description = "Shortest measured run (default: ${DEFAULT-VALUE}).")
    double minRun;

    @Option(names = "--max-run-seconds", defaultValue = "6", description = "Longest measured run (default: ${DEFAULT-VALUE}).")
    double maxRun;

    @Option(names = "--warmup-seconds", defaultValue = "1", description = "Discarded run before each configuration (default: ${DEFAULT-VALUE}).")
    double warmup;

    @Option(names = "--jit-warmup-seconds", defaultValue = "2", description = "Discarded run at the highest rate after start-up (default: ${DEFAULT-VALUE}).")
    double jitWarmup;

    @Option(names = "--retries", defaultValue = "2", description = "Extra runs per configuration to replace runs other load disturbed (default: ${DEFAULT-VALUE}).")
    int retries;

    @Option(names = "--heap", defaultValue = "256m", description = "-Xms/-Xmx of every child JVM (default: ${DEFAULT-VALUE}).")
    String heap;

    public Plan plan() {
        return new Plan(rates, runs, samples, minRun, maxRun, warmup, jitWarmup, retries, heap);
    }
}
