package dev.companion.bench.soak;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.companion.bench.report.Machine;
import dev.companion.bench.report.Summary;
import dev.companion.bench.report.Trees;
import dev.companion.bench.scc.LoadGen;
import dev.companion.bench.scc.SeedData;
import dev.companion.testkit.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./companion bench soak}: the control center among strangers. scc-lite as shipped runs in its
 * own JVM on one core; on the other, the scc scenario's load generator ({@link LoadGen}) logs in the
 * real clients (a ring of contacts) and has them go offline and come back (a new TLS connection and
 * a token login) at a fixed rate, timing each contact's {@code presence} push; first for a while with
 * no attack (the idle run), then minute by minute while the {@link Attacker} runs every flood at once
 * (niced, so the load generator keeps its core; its first seconds reported apart), then again with
 * no attack. The server's RSS, the CPU of the scenario's processes and of the machine are sampled
 * every second, the live heap measured after a full GC in each phase. Verdicts: RSS under the bound
 * throughout, the server alive, nothing missed, and every window's presence p99 within 2× of the
 * idle runs' (the lower of before and after).
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = "The control center under every flood at once while real clients log in and exchange presence: "
                + "server RSS over time, presence latency against an idle run.")
public final class SoakBench implements Callable<Integer> {
    private static final Pattern LISTENING = Pattern.compile("listening on \\S+:(\\d+) fingerprint (\\S+)");

    @Spec
    CommandSpec spec;

    @Option(names = "--clients", defaultValue = "500", description = "real clients logged in (default ${DEFAULT-VALUE})")
    int clients;
    @Option(names = "--minutes", defaultValue = "10", description = "minutes under attack (default ${DEFAULT-VALUE})")
    double minutes;
    @Option(names = "--window-seconds", defaultValue = "60", description = "one presence measurement (default ${DEFAULT-VALUE})")
    double windowSeconds;
    @Option(names = "--attack-ramp-seconds", defaultValue = "30", description = "the attack's first seconds (every flood "
            + "connecting at once), measured and reported apart from the windows (default ${DEFAULT-VALUE})")
    double attackRampSeconds;
    @Option(names = "--warmup-seconds", defaultValue = "30", description = "presence before the idle run, not counted (default ${DEFAULT-VALUE})")
    double warmupSeconds;
    @Option(names = "--idle-seconds", defaultValue = "60", description = "the idle run, before the attack (default ${DEFAULT-VALUE})")
    double idleSeconds;
    @Option(names = "--after-seconds", defaultValue = "60", description = "presence after the attack stopped (default ${DEFAULT-VALUE})")
    double afterSeconds;
    @Option(names = "--presence-rate", defaultValue = "5", description = "clients going offline and back per second (default ${DEFAULT-VALUE})")
    double presenceRate;
    @Option(names = "--presence-gap-ms", defaultValue = "1000", description = "offline → back online after (default ${DEFAULT-VALUE})")
    int presenceGapMs;
    @Option(names = "--contacts-each-side", defaultValue = "5", description = "client i is a contact of i±1..i±K (default ${DEFAULT-VALUE})")
    int contactsEachSide;
    @Option(names = "--attack-scale", defaultValue = "1", description = "multiplies each attack's connections (default ${DEFAULT-VALUE})")
    double attackScale;
    @Option(names = "--attack-accounts", defaultValue = "10", description = "logged-in accounts flooding requests (default ${DEFAULT-VALUE})")
    int attackAccounts;
    @Option(names = "--rss-bound-mib", defaultValue = "1024", description = "the server's RSS must stay under this (default ${DEFAULT-VALUE})")
    int rssBoundMib;
    @Option(names = "--server-jvm", defaultValue = "-Xmx512m", description = "extra JVM options for the server besides those "
            + "./companion scc serve uses: a heap cap, so that memory that is not bounded ends in OutOfMemoryError; \"\": "
            + "the JVM's default heap (default ${DEFAULT-VALUE})")
    String serverJvm;
    @Option(names = "--source-addresses", defaultValue = "25", description = "the clients' source addresses 127.0.0.2.. (default ${DEFAULT-VALUE})")
    int sourceAddresses;
    @Option(names = "--server-core", defaultValue = "0", description = "core for the server (default ${DEFAULT-VALUE})")
    int serverCore;
    @Option(names = "--load-core", defaultValue = "1", description = "core for the load generator and the attacker (default ${DEFAULT-VALUE})")
    int loadCore;
    @Option(names = "--out", defaultValue = "tools/bench/results/soak", description = "results directory (default ${DEFAULT-VALUE})")
    Path out;
    @Option(names = "--work", defaultValue = "tools/bench/target/soak-work", description = "scratch: database, logs (default ${DEFAULT-VALUE})")
    Path work;

    @Override
    public Integer call() throws Exception {
        Path logs = work.resolve("logs");
        Path data = work.resolve("data");
        Trees.delete(work);
        Files.createDirectories(logs);
        Files.createDirectories(out);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("scenario", "soak");
        summary.put("command", Summary.command("./companion bench soak", spec));
        summary.put("date", java.time.OffsetDateTime.now().withNano(0).toString());
        summary.put("machine", Machine.facts());
        int contacts = Math.max(1, Math.min(contactsEachSide, (clients - 1) / 2));
        log("seeding %d clients (%d contacts each side) and %d attacking accounts…", clients, contacts, attackAccounts);
        SeedData.write(data, clients, contacts, attackAccounts, false);

        Path gcLog = logs.resolve("server-gc.log");
        List<String> serverOptions = new ArrayList<>(List.of("--enable-native-access=ALL-UNNAMED", "-Xlog:gc:file=" + gcLog.toAbsolutePath()));
        if (!serverJvm.isBlank()) {
            serverOptions.addAll(List.of(serverJvm.trim().split("\\s+")));
        }
        Path serverLog = logs.resolve("server.log");
        try (ChildJvm server = ChildJvm.launch("soak-server", ChildJvm.javaCommand(serverOptions, "dev.companion.scc.cli.SccMain",
                        List.of("serve", "--data", data.toString(), "--bind", "127.0.0.1", "--port", "0")))
                .core(serverCore).log(serverLog).stdoutToLog().raiseFileLimit().killOnClose().start()) {
            Matcher listening = awaitListening(server, serverLog);
            int port = Integer.parseInt(listening.group(1));
            String fingerprint = listening.group(2);
            Sampler sampler = new Sampler(server);
            // the measuring side's collector logged too (ZGC: an allocation stall would delay receipts
            // and read as server latency; load-gc.log tells the two apart)
            List<String> loadOptions = List.of("-Xms1g", "-Xmx1g", "-XX:+UseZGC", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                    "--enable-native-access=ALL-UNNAMED", "-Xlog:gc:file=" + logs.resolve("load-gc.log").toAbsolutePath());
            try (ChildJvm load = ChildJvm.launch("soak-load", ChildJvm.javaCommand(loadOptions, LoadGen.class.getName(),
                            List.of("127.0.0.1", Integer.toString(port), fingerprint, Integer.toString(sourceAddresses), "0", "1", "5",
                                    Integer.toString(contacts), SeedData.TERMINAL_PASSWORD, SeedData.PASSWORD_USERS_PASSWORD, "1")))
                    .core(loadCore).log(logs.resolve("load.log")).raiseFileLimit().killOnClose().start()) {
                sampler.track(load);
                sampler.start();
                log("logging in %d clients…", clients);
                Map<String, Object> ramp = run(load, "ramp " + clients + " 180 32", 240);
                summary.put("ramp", ramp);
                if (warmupSeconds > 0) {
                    log("warm-up: %.0f s of presence…", warmupSeconds);
                    presence(load, warmupSeconds);
                }
                log("idle run: %.0f s of presence at %.1f/s…", idleSeconds, presenceRate);
                sampler.mark("idle");
                Map<String, Object> idle = presence(load, idleSeconds);
                Map<String, Object> liveHeap = new LinkedHashMap<>();
                liveHeap.put("idle", LiveHeap.afterFullGc(server, gcLog));
                List<Map<String, Object>> windows = new ArrayList<>();
                Map<String, Object> attack;
                Map<String, Object> attackRamp = null;
                List<String> attackCommand = new ArrayList<>(List.of("nice", "-n", "10"));
                attackCommand.addAll(ChildJvm.javaCommand(List.of("-Xmx768m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                        "--enable-native-access=ALL-UNNAMED"), Attacker.class.getName(), attackerArgs(port, fingerprint)));
                try (ChildJvm attacker = ChildJvm.launch("soak-attacker", attackCommand).core(loadCore)
                        .log(logs.resolve("attacker.log")).raiseFileLimit().killOnClose().start()) {
                    sampler.track(attacker);
                    attacker.expect("STARTED", Duration.ofSeconds(60));
                    sampler.mark("attackRamp");
                    if (attackRampSeconds > 0) {
                        log("the attack starts: %.0f s of presence, reported apart…", attackRampSeconds);
                        attackRamp = presence(load, attackRampSeconds);
                    }
                    sampler.mark("attack");
                    int n = (int) Math.max(1, Math.round(minutes * 60 / windowSeconds));
                    for (int w = 1; w <= n; w++) {
                        log("under attack: window %d of %d (%.0f s)…", w, n, windowSeconds);
                        windows.add(presence(load, windowSeconds));
                    }
                    liveHeap.put("underAttack", LiveHeap.afterFullGc(server, gcLog));
                    attacker.send("stop");
                    attack = new ObjectMapper().readValue(attacker.expect("RESULT", Duration.ofSeconds(60)),
                            new TypeReference<LinkedHashMap<String, Object>>() { });
                }
                sampler.mark("end");
                log("after the attack: %.0f s of presence…", afterSeconds);
                Map<String, Object> after = afterSeconds > 0 ? presence(load, afterSeconds) : null;
                liveHeap.put("after", LiveHeap.afterFullGc(server, gcLog));
                sampler.mark("stop");
                sampler.stop();
                summary.put("setup", setup(contacts, serverOptions, port));
                summary.put("serverAlive", server.alive());
                SoakReport.write(out, summary, new SoakReport.Runs(idle, attackRamp, windows, after, attack, liveHeap), sampler, rssBoundMib, gcLog);
                load.send("quit");
            }
        }
        log("done: %s", out.resolve("summary.json"));
        return 0;
    }

    private Map<String, Object> setup(int contacts, List<String> serverOptions, int port) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("clients", clients);
        s.put("contactsPerClient", 2 * contacts);
        s.put("clientSourceAddresses", "127.0.0.2-127.0.0." + (1 + sourceAddresses));
        s.put("presenceRatePerSecond", presenceRate);
        s.put("presenceGapMs", presenceGapMs);
        s.put("idleSeconds", idleSeconds);
        s.put("attackMinutes", minutes);
        s.put("windowSeconds", windowSeconds);
        s.put("attackRampSeconds", attackRampSeconds);
        s.put("serverJvmOptions", serverOptions);
        s.put("layout", ChildJvm.layout("server on core " + serverCore + "; load generator and attacker (nice 10) on core " + loadCore));
        s.put("rssBoundMib", rssBoundMib);
        return s;
    }

    private List<String> attackerArgs(int port, String fingerprint) {
        List<String> a = new ArrayList<>(List.of("127.0.0.1", Integer.toString(port), fingerprint, Double.toString(attackScale),
                SeedData.PASSWORD_USERS_PASSWORD));
        a.addAll(Attacker.accounts(attackAccounts));
        return a;
    }

    private Map<String, Object> presence(ChildJvm load, double seconds) throws IOException, InterruptedException {
        return run(load, "presence " + presenceRate + " " + seconds + " " + presenceGapMs, (long) seconds + 120);
    }

    /** Sends command to the load generator and returns its RESULT. */
    private static Map<String, Object> run(ChildJvm load, String command, long timeoutSeconds) throws IOException, InterruptedException {
        load.send(command);
        String json;
        try {
            json = load.expect("RESULT", Duration.ofSeconds(timeoutSeconds));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException("load generator gave no result for '" + command + "'", e);
        }
        Map<String, Object> r = new ObjectMapper().readValue(json, new TypeReference<LinkedHashMap<String, Object>>() { });
        if (r.containsKey("error")) {
            throw new IOException("load generator failed '" + command + "': " + r.get("error"));
        }
        return r;
    }

    private static Matcher awaitListening(ChildJvm server, Path serverLog) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline && server.alive()) {
            Matcher m = LISTENING.matcher(Files.exists(serverLog) ? Files.readString(serverLog) : "");
            if (m.find()) {
                return m;
            }
            Thread.sleep(50);
        }
        throw new IOException("the control center did not start; see " + serverLog);
    }

    private static final long T0 = System.nanoTime();

    static void log(String fmt, Object... args) {
        System.err.printf(java.util.Locale.ROOT, "soak [%6.1f s]: %s%n", (System.nanoTime() - T0) / 1e9,
                String.format(java.util.Locale.ROOT, fmt, args));
    }
}
