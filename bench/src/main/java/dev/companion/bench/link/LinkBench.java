package dev.companion.bench.link;

import dev.companion.bench.link.Measure.Config;
import dev.companion.bench.peers.Peers;
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
 * {@code ./companion bench link}: one-way latency (RTT/2) of 300-byte actions from a leader to its
 * followers over the real peer link (LinkManager: direct TCP + mutual TLS 1.3) at several rates and
 * group sizes, and in the same run the same echo protocol over a WebRTC DataChannel between two
 * Chromiums and over a WebSocket relay (group of 2). Loopback only; bounded in count and time.
 */
@Command(name = "link", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Peer-link latency: our link (groups 2/4/8) vs a WebRTC DataChannel and a WebSocket relay (group of 2).",
                "Wrap measurement runs in: flock /tmp/companion-bench.lock ./companion bench link"})
public final class LinkBench implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--rates", split = ",", defaultValue = "10,100,1000", description = "Actions per second (default: ${DEFAULT-VALUE}).")
    List<Double> rates;

    @Option(names = "--groups", split = ",", defaultValue = "2,4,8", description = "Group sizes, leader included (default: ${DEFAULT-VALUE}).")
    List<Integer> groups;

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

    @Option(names = "--peers", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also measure the DataChannel and relay peers, group of 2 (default: on; --no-peers to skip).")
    boolean peers;

    @Option(names = "--peer", split = ",", defaultValue = "datachannel,relay", description = "Which peers (default: ${DEFAULT-VALUE}).")
    List<String> peerNames;

    @Option(names = "--chromium", defaultValue = "/usr/bin/chromium", description = "Chromium for the DataChannel peer (default: ${DEFAULT-VALUE}).")
    Path chromium;

    @Option(names = "--peers-dir", description = "Folder with relay.js and package.json (default: bench/peers).")
    Path peersDir;

    @Option(names = "--pin", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Pin leader and followers to cores 0 and 1 (default: on; --no-pin is a diagnostic).")
    boolean pin;

    @Option(names = "--tcp-nodelay", description = {"Experiment: also measure the link with Nagle turned off on its sockets"
            + " (by reflection; the shipped link leaves it on), group of 2, after the groups."})
    boolean tcpNoDelay;

    @Option(names = "--out", defaultValue = "bench/results/link", description = "Where summary.json and the charts go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--time-limit-seconds", defaultValue = "600", description = "Stop starting new configurations after this (default: ${DEFAULT-VALUE}).")
    long timeLimit;

    @Override
    public Integer call() throws Exception {
        Plan plan = new Plan(rates, runs, samples, minRun, maxRun, warmup, jitWarmup, retries, heap);
        if (groups.stream().anyMatch(g -> g < 2 || g > 16)) {
            throw new IllegalArgumentException("groups must be 2..16");
        }
        long started = System.nanoTime();
        long deadline = started + timeLimit * 1_000_000_000L;
        Path logs = Files.createTempDirectory("companion-bench-link-");
        List<String> notes = new ArrayList<>();
        System.setProperty("companion.bench.pin", Boolean.toString(pin));
        if (!pin) {
            notes.add("--no-pin: nothing was pinned to a core (diagnostic run)");
        }
        if (tcpNoDelay) {
            notes.add("--tcp-nodelay: 'link-nodelay' is an experiment, the link with Nagle turned off on its sockets by"
                    + " reflection; the shipped DirectTcpTransport leaves TCP_NODELAY off");
        }
        if (!ChildJvm.canPin()) {
            notes.add("taskset not found: processes were NOT pinned to cores");
        }
        Peers.Setup peerSetup = null;
        if (peers) {
            try {
                peerSetup = Peers.check(peerNames, chromium, peersDir);
            } catch (Peers.Missing e) {
                System.err.println("companion bench link: " + e.getMessage());
                return 2;
            }
        }
        double total = groups.stream().mapToDouble(plan::seconds).sum() + (peers ? peerNames.size() * plan.seconds(2) : 0)
                + (tcpNoDelay ? plan.seconds(2) : 0);
        Progress progress = new Progress("link: " + groups.size() + " group sizes" + (peers ? " + " + peerNames : ""),
                Math.round(total * 1000));
        long[] done = {0};
        Map<String, String> layouts = new LinkedHashMap<>();
        List<Config> configs = new ArrayList<>();
        long ttl = timeLimit + 300;
        List<EchoSystem> compared = new ArrayList<>();
        try {
            if (groups.contains(2)) {
                compared.add(started(LinkSystem.start(2, false, plan.jvmOptions(), logs, ttl), layouts, "link, group of 2"));
            }
            if (tcpNoDelay) {
                compared.add(started(LinkSystem.start(2, true, plan.jvmOptions(), logs, ttl), layouts, "link-nodelay, group of 2"));
            }
            if (peers) {
                for (String name : peerSetup.names()) {
                    compared.add(started(Peers.start(name, peerSetup, plan, logs, ttl), layouts, name + ", group of 2"));
                }
            }
            if (!compared.isEmpty()) {
                configs.addAll(measureAll(compared, plan, progress, done, deadline, notes));
            }
        } finally {
            compared.forEach(EchoSystem::close);
        }
        for (int g : groups) {
            if (g == 2) {
                continue;
            }
            if (System.nanoTime() > deadline) {
                notes.add("time limit reached: group of " + g + " not measured");
                continue;
            }
            try (LinkSystem s = LinkSystem.start(g, false, plan.jvmOptions(), logs, ttl)) {
                layouts.put("link, group of " + g, s.layout());
                configs.addAll(measureAll(List.of(s), plan, progress, done, deadline, notes));
            }
        }
        progress.done();
        double wall = (System.nanoTime() - started) / 1e9;
        String table = LinkReport.write(out, "link", command(), plan, configs, layouts, notes, wall);
        System.out.println(table);
        notes.forEach(n -> System.out.println("note: " + n));
        System.out.printf("results: %s (child logs: %s), %.0f s%n", out.toAbsolutePath(), logs, wall);
        return 0;
    }

    /**
     * JIT warm-up of each system at the highest rate, then every rate of the plan, the systems'
     * runs interleaved (see {@link Measure#interleaved}).
     */
    public static List<Config> measureAll(List<EchoSystem> systems, Plan plan, Progress progress, long[] done, long deadline,
                                          List<String> notes) throws Exception {
        Measure m = new Measure();
        List<Config> configs = new ArrayList<>();
        if (plan.jitWarmupSeconds() > 0) {
            for (EchoSystem s : systems) {
                m.warmUp(s, plan.maxRate(), plan.jitWarmupSeconds());
                done[0] += Math.round(plan.jitWarmupSeconds() * 1000);
                progress.update(done[0]);
            }
        }
        for (double r : plan.rates()) {
            if (System.nanoTime() > deadline) {
                notes.add("time limit reached: " + systems.stream().map(s -> s.name() + " group of " + s.group()).toList()
                        + " at " + LinkReport.rate(r) + "/s not measured");
                continue;
            }
            configs.addAll(m.interleaved(systems, r, plan, progress, done));
        }
        return configs;
    }

    private static EchoSystem started(EchoSystem s, Map<String, String> layouts, String key) {
        layouts.put(key, s.layout());
        return s;
    }

    private String command() {
        return LinkReport.command(spec, "link");
    }
}
