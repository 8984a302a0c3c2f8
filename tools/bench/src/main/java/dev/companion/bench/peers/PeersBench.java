package dev.companion.bench.peers;

import dev.companion.bench.link.LinkReport;
import dev.companion.bench.link.Measure.Config;
import dev.companion.bench.link.Plan;
import dev.companion.bench.link.PlanOptions;
import dev.companion.bench.report.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin
    PlanOptions planOptions;

    @Mixin
    PeerTools peerTools;

    @Option(names = "--out", defaultValue = "tools/bench/results/peers", description = "Where summary.json and the charts go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--time-limit-seconds", defaultValue = "600")
    long timeLimit;

    @Override
    public Integer call() throws Exception {
        Plan plan = planOptions.plan();
        Peers.Setup setup;
        try {
            setup = peerTools.check(peerNames);
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
