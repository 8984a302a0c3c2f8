package dev.companion.bench;

import dev.companion.bench.app.AppBench;
import dev.companion.bench.app.ClassListTraining;
import dev.companion.bench.connect.ConnectBench;
import dev.companion.bench.follow.FollowBench;
import dev.companion.bench.jmh.JmhBench;
import dev.companion.bench.link.LinkBench;
import dev.companion.bench.peers.PeersBench;
import dev.companion.bench.scc.SccBench;
import dev.companion.bench.soak.AllocBench;
import dev.companion.bench.soak.SoakBench;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The load tool: {@code ./companion bench SCENARIO}. Every scenario is bounded in count and time,
 * uses loopback only, shows progress and writes its figures under tools/bench/results/SCENARIO/.
 */
@Command(name = "companion bench", mixinStandardHelpOptions = true,
        description = "Run a benchmark scenario (see docs/benchmarks.md).",
        subcommands = {LinkBench.class, ConnectBench.class, PeersBench.class, SccBench.class, SoakBench.class, FollowBench.class, AppBench.class,
                JmhBench.class, ClassListTraining.class, AllocBench.class})
public final class BenchMain implements Runnable {
    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
