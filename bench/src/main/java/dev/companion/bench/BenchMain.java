package dev.companion.bench;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The load tool: {@code ./companion bench SCENARIO}. Every scenario is bounded in count and time,
 * uses loopback only, prints a progress bar and writes its figures under bench/results/.
 * Scenarios are picocli commands in this package, registered by class name.
 */
@Command(name = "companion bench", mixinStandardHelpOptions = true,
        description = "Run a benchmark scenario (see docs/benchmarks.md).")
public final class BenchMain implements Runnable {
    /** Scenario classes, by subcommand name. */
    static final List<String> SCENARIOS = List.of(
            "dev.companion.bench.link.LinkBench",
            "dev.companion.bench.peers.PeersBench",
            "dev.companion.bench.scc.SccBench",
            "dev.companion.bench.follow.FollowBench",
            "dev.companion.bench.app.AppBench");

    public static void main(String[] args) {
        CommandLine cl = new CommandLine(new BenchMain());
        for (String name : SCENARIOS) {
            try {
                cl.addSubcommand(Class.forName(name).getDeclaredConstructor().newInstance());
            } catch (ReflectiveOperationException e) {
                // a scenario that is not built in this checkout
            }
        }
        System.exit(cl.execute(args));
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
