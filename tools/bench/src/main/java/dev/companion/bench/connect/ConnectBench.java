package dev.companion.bench.connect;

import dev.companion.bench.link.LinkReport;
import dev.companion.bench.peers.PeerTools;
import dev.companion.bench.peers.Peers;
import dev.companion.bench.report.Progress;
import dev.companion.bench.scc.DiskProbe;
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
 * {@code ./companion bench connect}: time to a usable link for each path — from "start connecting" to
 * "the first action delivered and acknowledged" — over our peer link (LinkManager: TCP + mutual TLS
 * 1.3 + hello; a first link to a peer, a full handshake, and a redial to the same peer, a resumed TLS
 * session), a control-center sign-in (ControlCenterClient against scc-lite to login_ok: a first one
 * with trust on first use, a full handshake; pinned ones with the password and with a token, resuming
 * the TLS session), and in the same run a WebRTC DataChannel between two Chromiums and a WebSocket relay.
 * Every run starts fresh processes (initiator on core 0, the other side on core 1): its first connect
 * is the cold one, the others are warm. The runs of the paths alternate so that all meet the same
 * background load. Our link over ICE (direct through two cone NATs) and through the TURN relay (two
 * symmetric NATs) run between two homes made of network namespaces ({@link IceConnects}); everything
 * else on loopback. Bounded in count and time.
 */
@Command(name = "connect", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Time to a usable link: our link, control-center sign-in, WebRTC DataChannel, WebSocket relay (cold and warm).",
                "Wrap measurement runs in: flock /tmp/companion-bench.lock ./companion bench connect"})
public final class ConnectBench implements Callable<Integer> {
    static final List<String> SYSTEMS = List.of("link", "signin", "ice", "turn", "datachannel", "relay");

    @Spec
    CommandSpec spec;

    @Option(names = "--paths", split = ",", defaultValue = "link,signin,ice,turn,datachannel,relay",
            description = "Which paths (default: ${DEFAULT-VALUE}).")
    List<String> paths;

    @Option(names = "--connects", defaultValue = "30",
            description = {"Fresh connects per run and row, the first one cold (default: ${DEFAULT-VALUE}).",
                    "Links alternate first link and redial, DataChannel connects first-candidate and full-gathering SDP: twice as many;",
                    "sign-ins take turns trust-on-first-use password, pinned password, pinned token: three times as many."})
    int connects;

    @Option(names = "--runs", defaultValue = "3", description = "Runs per path, each with fresh processes (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--retries", defaultValue = "1", description = "Extra runs per path to replace runs other load disturbed (default: ${DEFAULT-VALUE}).")
    int retries;

    @Option(names = "--gap-ms", defaultValue = "100", description = "Pause after each connect, so that its connection is torn down first (default: ${DEFAULT-VALUE}).")
    long gapMillis;

    @Option(names = "--settle-ms", defaultValue = "500", description = "Pause between starting a run's processes and its first connect (default: ${DEFAULT-VALUE}).")
    long settleMillis;

    @Option(names = "--signin-warmup", defaultValue = "20", description = "Discarded sign-ins that warm up the control center before the first run (default: ${DEFAULT-VALUE}).")
    int signinWarmup;

    @Option(names = "--heap", defaultValue = "256m", description = "-Xms/-Xmx of every child JVM (default: ${DEFAULT-VALUE}).")
    String heap;

    @Option(names = "--peers", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also measure the DataChannel and relay peers (default: on; --no-peers to skip).")
    boolean peers;

    @Mixin
    PeerTools peerTools;

    @Option(names = "--pin", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Pin initiators to core 0 and the other sides to core 1 (default: on; --no-pin is a diagnostic).")
    boolean pin;

    @Option(names = "--out", defaultValue = "tools/bench/results/connect", description = "Where summary.json and the charts go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--work", defaultValue = "tools/bench/target/connect-work", description = "Scratch: the control center's data (default: ${DEFAULT-VALUE}).")
    Path work;

    @Option(names = "--time-limit-seconds", defaultValue = "240", description = "Stop starting new runs after this (default: ${DEFAULT-VALUE}).")
    long timeLimit;

    @Override
    public Integer call() throws Exception {
        if (connects < 2 || connects > 500 || runs < 1 || runs > 10 || retries < 0 || retries > 5 || gapMillis < 0
                || gapMillis > 10_000 || settleMillis < 0 || settleMillis > 10_000 || signinWarmup < 0 || signinWarmup > 1000) {
            throw new IllegalArgumentException("connects 2..500, runs 1..10, retries 0..5, gap and settle 0..10000 ms, warm-up 0..1000");
        }
        for (String p : paths) {
            if (!SYSTEMS.contains(p)) {
                throw new IllegalArgumentException("unknown path '" + p + "' (known: " + SYSTEMS + ")");
            }
        }
        long started = System.nanoTime();
        long deadline = started + timeLimit * 1_000_000_000L;
        long ttl = timeLimit + 300;
        List<String> notes = new ArrayList<>();
        List<String> systems = SYSTEMS.stream().filter(paths::contains)
                .filter(s -> peers || !Peers.ALL.contains(s)).toList();
        String noIce = dev.companion.bench.ice.IceLab.unavailable();
        if (noIce != null && (systems.contains("ice") || systems.contains("turn"))) {
            notes.add("ICE and TURN rows not measured: " + noIce);
            systems = systems.stream().filter(s -> !s.equals("ice") && !s.equals("turn")).toList();
        }
        if (!peers && paths.stream().anyMatch(Peers.ALL::contains)) {
            notes.add("--no-peers: the DataChannel and relay were not measured");
        }
        System.setProperty("companion.bench.pin", Boolean.toString(pin));
        if (!pin) {
            notes.add("--no-pin: nothing was pinned to a core (diagnostic run)");
        }
        if (!ChildJvm.canPin()) {
            notes.add("taskset not found: processes were NOT pinned to cores");
        }
        Peers.Setup setup = null;
        List<String> peerNames = systems.stream().filter(Peers.ALL::contains).toList();
        if (!peerNames.isEmpty()) {
            try {
                setup = peerTools.check(peerNames);
            } catch (Peers.Missing e) {
                System.err.println("companion bench connect: " + e.getMessage());
                return 2;
            }
        }
        List<String> jvm = dev.companion.bench.link.Plan.childJvm(heap);
        Path logs = Files.createTempDirectory("companion-bench-connect-");
        long total = systems.stream().mapToLong(s -> (long) runs * count(s)).sum() + (systems.contains("signin") ? signinWarmup : 0);
        Progress progress = new Progress("connect: " + systems + ", " + runs + " runs × " + connects + " connects", total);
        long[] done = {0};
        List<RunRecord> records = new ArrayList<>();
        Map<String, Object> setupFacts = new LinkedHashMap<>();
        setupFacts.put("pinned", pin && ChildJvm.canPin());
        setupFacts.put("childLogs", logs.toString());
        setupFacts.put("measuredJars", jars());
        Runner runner = new Runner(jvm, logs, ttl, setup, progress, done, notes);
        try {
            if (systems.contains("signin")) {
                setupFacts.put("sqliteCommitProbe", DiskProbe.commitLatency(work, 50));
                runner.server = SccServer.start(work, jvm, logs, ttl);
                runner.warmUp(signinWarmup);
            }
            for (int run = 0; run < runs; run++) {
                for (String s : systems) {
                    if (System.nanoTime() > deadline) {
                        notes.add("time limit reached: " + s + " run " + run + " not measured");
                        continue;
                    }
                    runner.run(s, run).ifPresent(records::add);
                }
            }
            int next = runs;
            for (String s : systems) {
                for (int extra = 0; extra < retries && undisturbed(records, s) < runs && System.nanoTime() < deadline; extra++) {
                    runner.run(s, next++).ifPresent(records::add); // again: other people's load disturbed one, not ours
                }
            }
        } finally {
            if (runner.server != null) {
                runner.server.close();
            }
        }
        progress.done();
        double wall = (System.nanoTime() - started) / 1e9;
        List<Row> rows = systems.stream().flatMap(s -> Row.ofSystem(s).stream()).toList();
        for (Row row : rows) {
            long unexpected = RowResult.of(row, records).tlsUnexpected();
            if (unexpected > 0) {
                notes.add(row.label() + ": " + unexpected + " counted connects did not make a " + row.handshake()
                        + " TLS handshake");
            }
        }
        ConnectReport.Plan plan = new ConnectReport.Plan(connects, runs, retries, gapMillis, settleMillis, signinWarmup, jvm);
        String table = ConnectReport.write(out, LinkReport.command(spec, "connect"), plan, setupFacts, rows, records, notes, wall);
        System.out.println(table);
        notes.forEach(n -> System.out.println("note: " + n));
        System.out.printf("results: %s (child logs: %s), %.0f s%n", out.toAbsolutePath(), logs, wall);
        return 0;
    }

    /** Connects per run: links and DataChannel connects take turns between two rows, sign-ins three; each row gets connects. */
    private int count(String system) {
        return switch (system) {
            case "link", "datachannel" -> 2 * connects;
            case "signin" -> 3 * connects;
            default -> connects;
        };
    }

    /** The p2p and scc-lite jars on the class path and when they were built (other work may reinstall them). */
    private static Map<String, String> jars() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path p = Path.of(e);
            String name = p.getFileName() == null ? "" : p.getFileName().toString();
            if (name.startsWith("companion-p2p") || name.startsWith("companion-scc-lite")) {
                try {
                    m.put(name, Files.getLastModifiedTime(p).toInstant().toString());
                } catch (java.io.IOException ex) {
                    m.put(name, "?");
                }
            }
        }
        return m;
    }

    private static long undisturbed(List<RunRecord> records, String system) {
        return records.stream().filter(r -> r.system().equals(system) && !r.disturbed()).count();
    }

    /** Starts a path's processes for one run, measures its connects, stops them. */
    private final class Runner {
        private final List<String> jvm;
        private final Path logs;
        private final long ttl;
        private final Peers.Setup setup;
        private final Progress progress;
        private final long[] done;
        private final List<String> notes;
        SccServer server;

        Runner(List<String> jvm, Path logs, long ttl, Peers.Setup setup, Progress progress, long[] done, List<String> notes) {
            this.jvm = jvm;
            this.logs = logs;
            this.ttl = ttl;
            this.setup = setup;
            this.progress = progress;
            this.done = done;
            this.notes = notes;
        }

        void warmUp(int count) throws Exception {
            if (count == 0) {
                return;
            }
            try (SignInConnects w = SignInConnects.start(server, jvm, logs, "-warmup", ttl)) {
                for (int i = 0; i < count; i++) {
                    Sample s = w.connect(i);
                    if (!s.ok()) {
                        throw new IllegalStateException("control center warm-up sign-in failed: " + s.why());
                    }
                    progress.update(++done[0]);
                }
            }
        }

        java.util.Optional<RunRecord> run(String system, int run) throws Exception {
            String tag = "-r" + run;
            ConnectSystem s;
            try {
                s = switch (system) {
                    case "link" -> LinkConnects.start(jvm, logs, tag, ttl);
                    case "signin" -> SignInConnects.start(server, jvm, logs, tag, ttl);
                    case "datachannel" -> DataChannelConnects.start(setup.chromium(), logs);
                    case "relay" -> RelayConnects.start(setup.peersDir(), jvm, logs, tag, ttl);
                    case "ice", "turn" -> IceConnects.start(system.equals("turn"), jvm, logs, tag, ttl);
                    default -> throw new IllegalArgumentException(system);
                };
            } catch (Exception e) {
                notes.add(system + " run " + run + " did not start: " + e.getMessage());
                System.err.println("\n" + system + " run " + run + " did not start: " + e);
                return java.util.Optional.empty();
            }
            try (s) {
                Thread.sleep(settleMillis); // start-up work (JIT, page load) settles before the cold connect
                RunRecord r = RunRecord.measure(system, run, s, count(system), gapMillis, progress, done);
                if (s instanceof LinkConnects l) {
                    // after the connects: what a first dial pays to make the new peer's TLS context
                    r.extras().put("newPeerContextMicrosMedian", l.sslContextMicros(5));
                }
                return java.util.Optional.of(r);
            }
        }
    }
}
