package dev.companion.bench.peers;

import dev.companion.bench.link.LinkReport;
import dev.companion.bench.link.Measure.Config;
import dev.companion.bench.link.Plan;
import dev.companion.bench.report.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./companion bench peers}: only the peers of the link scenario (WebRTC DataChannel between two
 * Chromiums, WebSocket relay), group of 2, same echo protocol, message and rates. {@code bench link}
 * measures them too, in the same run as our link; this command is for looking at the peers alone.
 */
@Command(name = "peers", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The link scenario's peers alone: WebRTC DataChannel (Chromium) and a WebSocket relay (node ws), group of 2.",
                "Needs /usr/bin/chromium and node; wrap measurement runs in flock /tmp/companion-bench.lock."})
public final class PeersBench implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--peer", split = ",", defaultValue = "datachannel,relay", description = "Which peers (default: ${DEFAULT-VALUE}).")
    List<String> peerNames;

    @Option(names = "--rates", split = ",", defaultValue = "10,100,1000", description = "Actions per second (default: ${DEFAULT-VALUE}).")
    List<Double> rates;

    @Option(names = "--runs", defaultValue = "3", description = "Measured runs per rate (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--samples", defaultValue = "1000", description = "Acks wanted per run (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--min-run-seconds", defaultValue = "2")
    double minRun;

    @Option(names = "--max-run-seconds", defaultValue = "6")
    double maxRun;

    @Option(names = "--warmup-seconds", defaultValue = "1")
    double warmup;

    @Option(names = "--jit-warmup-seconds", defaultValue = "2")
    double jitWarmup;

    @Option(names = "--retries", defaultValue = "2", description = "Extra runs per configuration to replace runs other load disturbed (default: ${DEFAULT-VALUE}).")
    int retries;

    @Option(names = "--heap", defaultValue = "256m", description = "Heap of the relay clients' JVM (default: ${DEFAULT-VALUE}).")
    String heap;

    @Option(names = "--chromium", defaultValue = "/usr/bin/chromium")
    Path chromium;

    @Option(names = "--peers-dir", description = "Folder with relay.js and package.json (default: bench/peers).")
    Path peersDir;

    @Option(names = "--out", defaultValue = "bench/results/peers")
    Path out;

    @Option(names = "--time-limit-seconds", defaultValue = "600")
    long timeLimit;

    @Override
    public Integer call() throws Exception {
        Plan plan = new Plan(rates, runs, samples, minRun, maxRun, warmup, jitWarmup, retries, heap);
        Peers.Setup setup;
        try {
            setup = Peers.check(peerNames, chromium, peersDir);
        } catch (Peers.Missing e) {
            System.err.println("companion bench peers: " + e.getMessage());
            return 2;
        }
        long started = System.nanoTime();
        Path logs = Files.createTempDirectory("companion-bench-peers-");
        Progress progress = new Progress("peers " + peerNames, Math.round(peerNames.size() * plan.seconds(2) * 1000));
        long[] done = {0};
        Map<String, String> layouts = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        List<Config> configs = Peers.measure(setup, plan, progress, done, started + timeLimit * 1_000_000_000L, logs,
                timeLimit + 300, layouts, notes);
        progress.done();
        double wall = (System.nanoTime() - started) / 1e9;
        String table = LinkReport.write(out, "peers", LinkReport.command(spec, "peers"), plan, configs, layouts, notes, wall);
        System.out.println(table);
        notes.forEach(n -> System.out.println("note: " + n));
        System.out.printf("results: %s (logs: %s), %.0f s%n", out.toAbsolutePath(), logs, wall);
        return 0;
    }
}
