package dev.companion.bench.link;

import dev.companion.bench.link.Measure.Config;
import dev.companion.bench.peers.PeerTools;
import dev.companion.bench.peers.Peers;
import dev.companion.bench.report.Progress;
import dev.companion.testkit.ChildJvm;
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

    @Mixin
    PlanOptions planOptions;

    @Mixin
    PeerTools peerTools;

    @Option(names = "--groups", split = ",", defaultValue = "2,4,8", description = "Group sizes, leader included (default: ${DEFAULT-VALUE}).")
    List<Integer> groups;

    @Option(names = "--peers", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also measure the DataChannel and relay peers, group of 2 (default: on; --no-peers to skip).")
    boolean peers;

    @Option(names = "--peer", split = ",", defaultValue = "datachannel,relay", description = "Which peers (default: ${DEFAULT-VALUE}).")
    List<String> peerNames;

    @Option(names = "--ice", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = {"Also measure our link over ICE (two cone-NAT homes: direct) and through the TURN relay (two",
                    "symmetric-NAT homes), group of 2, in network namespaces (root, ip, nft, coturn; default: on)."})
    boolean ice;

    @Option(names = "--ice-loss", split = ",", description = {"Also measure ICE direct with the routers"
            + " dropping these percentages of packets, e.g. 1,5 (ADR 0011; default: none)."})
    List<Integer> iceLoss = new ArrayList<>();

    @Option(names = "--pin", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Pin leader and followers to cores 0 and 1 (default: on; --no-pin is a diagnostic).")
    boolean pin;

    @Option(names = "--out", defaultValue = "tools/bench/results/link", description = "Where summary.json and the charts go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--time-limit-seconds", defaultValue = "600", description = "Stop starting new configurations after this (default: ${DEFAULT-VALUE}).")
    long timeLimit;

    @Override
    public Integer call() throws Exception {
        Plan plan = planOptions.plan();
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
        if (!ChildJvm.canPin()) {
            notes.add("taskset not found: processes were NOT pinned to cores");
        }
        Peers.Setup peerSetup = null;
        if (peers) {
            try {
                peerSetup = peerTools.check(peerNames);
            } catch (Peers.Missing e) {
                System.err.println("companion bench link: " + e.getMessage());
                return 2;
            }
        }
        double total = groups.stream().mapToDouble(plan::seconds).sum() + (peers ? peerNames.size() * plan.seconds(2) : 0)
                + (ice ? (2 + iceLoss.stream().filter(l -> l > 0).count()) * plan.seconds(2) : 0);
        Progress progress = new Progress("link: " + groups.size() + " group sizes" + (peers ? " + " + peerNames : ""),
                Math.round(total * 1000));
        long[] done = {0};
        Map<String, String> layouts = new LinkedHashMap<>();
        List<Config> configs = new ArrayList<>();
        long ttl = timeLimit + 300;
        List<EchoSystem> compared = new ArrayList<>();
        try {
            if (groups.contains(2)) {
                compared.add(started(LinkSystem.start(2, plan.jvmOptions(), logs, ttl), layouts, "link, group of 2"));
            }
            if (ice) {
                String why = dev.companion.bench.ice.IceLab.unavailable();
                if (why != null) {
                    notes.add("ICE and TURN rows not measured: " + why);
                } else {
                    compared.add(started(IceLinkSystem.start(false, plan.jvmOptions(), logs, ttl), layouts, "ice, group of 2"));
                    compared.add(started(IceLinkSystem.start(true, plan.jvmOptions(), logs, ttl), layouts, "turn, group of 2"));
                    for (int loss : iceLoss) {
                        if (loss > 0) {
                            compared.add(started(IceLinkSystem.start(false, loss, plan.jvmOptions(), logs, ttl), layouts,
                                    "ice-loss" + loss + ", group of 2"));
                        }
                    }
                }
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
            try (LinkSystem s = LinkSystem.start(g, plan.jvmOptions(), logs, ttl)) {
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
