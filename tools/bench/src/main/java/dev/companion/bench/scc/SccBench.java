package dev.companion.bench.scc;

import dev.companion.bench.report.Progress;
import dev.companion.bench.report.Summary;
import dev.companion.bench.report.Trees;
import dev.companion.p2p.protocol.Protocol;
import dev.companion.testkit.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 * {@code ./companion bench scc}: the control center under load. scc-lite ({@code SccMain serve}) runs
 * in its own JVM on one core, the load generator ({@link LoadGen}) in another on the other core.
 * Phases: ramp to N online terminals (TLS 1.3 + login, ring contacts so presence fans out; bounded
 * in time), server heap per idle terminal, presence latency (disconnect/reconnect at a fixed rate,
 * from the intended event time to each online contact's push), token reconnects/s and password
 * logins/s (closed loops, several runs), then the same ramp against a bare MINA TLS server for the
 * memory floor. Writes summary.json and SVG charts to --out.
 */
@Command(name = "scc", mixinStandardHelpOptions = true,
        description = "Control center load: online terminals, memory per terminal, presence latency, reconnect and login rates.")
public final class SccBench implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--terminals", defaultValue = "50000", description = "terminals to bring online (default ${DEFAULT-VALUE})")
    int terminals;
    @Option(names = "--ramp-seconds", defaultValue = "240", description = "stop ramping after this long (default ${DEFAULT-VALUE})")
    int rampSeconds;
    @Option(names = "--inflight", defaultValue = "128", description = "connections being set up at once during the ramp (default ${DEFAULT-VALUE})")
    int inflight;
    @Option(names = "--contacts-each-side", defaultValue = "5", description = "user i is a contact of i±1..i±K (default ${DEFAULT-VALUE})")
    int contactsEachSide;
    @Option(names = "--ping-seconds", defaultValue = "" + Protocol.PING_INTERVAL_SECONDS, description = "terminal heartbeat (default ${DEFAULT-VALUE})")
    int pingSeconds;
    @Option(names = "--presence-rate", defaultValue = "50", description = "presence changes per second (default ${DEFAULT-VALUE})")
    double presenceRate;
    @Option(names = "--presence-seconds", defaultValue = "20", description = "presence phase length (default ${DEFAULT-VALUE})")
    double presenceSeconds;
    @Option(names = "--presence-gap-ms", defaultValue = "1000", description = "offline → back online after (default ${DEFAULT-VALUE})")
    int presenceGapMs;
    @Option(names = "--reconnect-seconds", defaultValue = "6", description = "each token-reconnect run (default ${DEFAULT-VALUE})")
    double reconnectSeconds;
    @Option(names = "--reconnect-concurrency", defaultValue = "64", description = "reconnects in flight (default ${DEFAULT-VALUE})")
    int reconnectConcurrency;
    @Option(names = "--password-seconds", defaultValue = "5", description = "each password-login run (default ${DEFAULT-VALUE})")
    double passwordSeconds;
    @Option(names = "--password-concurrency", defaultValue = "4", description = "password logins in flight (default ${DEFAULT-VALUE})")
    int passwordConcurrency;
    @Option(names = "--password-users", defaultValue = "32", description = "accounts with a production hash (default ${DEFAULT-VALUE})")
    int passwordUsers;
    @Option(names = "--hold-seconds", defaultValue = "10", description = "measure CPU while only holding the terminals (default ${DEFAULT-VALUE})")
    double holdSeconds;
    @Option(names = "--settle-seconds", defaultValue = "3", description = "pause after the ramp before measuring (default ${DEFAULT-VALUE})")
    double settleSeconds;
    @Option(names = "--runs", defaultValue = "3", description = "runs of each rate measurement (default ${DEFAULT-VALUE})")
    int runs;
    @Option(names = "--bare", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "also ramp against a bare MINA TLS server for the memory floor (default ${DEFAULT-VALUE})")
    boolean bare;
    @Option(names = "--profile", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "JFR-profile the server during one token-reconnect run (default ${DEFAULT-VALUE})")
    boolean profile;
    @Option(names = "--cc-probe", defaultValue = "100", description = "ControlCenterClient instances to weigh first, 0 = skip (default ${DEFAULT-VALUE})")
    int ccProbe;
    @Option(names = "--hash-samples", defaultValue = "10", description = "Argon2id verifications timed on the load core (default ${DEFAULT-VALUE})")
    int hashSamples;
    @Option(names = "--ramp-hash", defaultValue = "cheap",
            description = "Argon2id parameters of the terminal users' hash: cheap (m=8 KiB,t=1) or production (default ${DEFAULT-VALUE})")
    String rampHash;
    @Option(names = "--tls-resumption", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "resume TLS sessions on reconnect, as the app's client does once the control center's "
                    + "fingerprint is pinned (one shared TLS context); --no-tls-resumption: full handshakes (default ${DEFAULT-VALUE})")
    boolean tlsResumption;
    @Option(names = "--tcp-nodelay", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "turn Nagle off on the load generator's sockets, as the app's client does; "
                    + "--no-tcp-nodelay: leave it on (default ${DEFAULT-VALUE})")
    boolean tcpNoDelay;
    @Option(names = "--server-heap", defaultValue = "1g", description = "server -Xms/-Xmx (default ${DEFAULT-VALUE})")
    String serverHeap;
    @Option(names = "--server-gc", defaultValue = "ParallelGC", description = "server GC: ParallelGC, G1GC, SerialGC (default ${DEFAULT-VALUE})")
    String serverGc;
    @Option(names = "--loadgen-heap", defaultValue = "4g", description = "load generator -Xms/-Xmx (default ${DEFAULT-VALUE})")
    String loadgenHeap;
    @Option(names = "--source-addresses", defaultValue = "32", description = "client source addresses 127.0.0.2.. (default ${DEFAULT-VALUE})")
    int sourceAddresses;
    @Option(names = "--server-core", defaultValue = "0", description = "core for the server (default ${DEFAULT-VALUE})")
    int serverCore;
    @Option(names = "--loadgen-core", defaultValue = "1", description = "core for the load generator (default ${DEFAULT-VALUE})")
    int loadgenCore;
    @Option(names = "--fd-reserve", defaultValue = "500",
            description = "open files kept free per process when the open-file limit caps the terminals (default ${DEFAULT-VALUE})")
    int fdReserve;
    @Option(names = "--out", defaultValue = "tools/bench/results/scc", description = "results directory (default ${DEFAULT-VALUE})")
    Path out;
    @Option(names = "--work", defaultValue = "tools/bench/target/scc-work", description = "scratch: databases, logs (default ${DEFAULT-VALUE})")
    Path work;

    /** --terminals as given (terminals may be lowered to what the open-file limit allows). */
    int requested;

    /** Contacts per side, clamped so that a small ring has no duplicates. */
    int contacts() {
        return Math.max(1, Math.min(contactsEachSide, (terminals - 1) / 2));
    }

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        if (terminals < 3) {
            throw new IllegalArgumentException("--terminals must be at least 3");
        }
        long fileLimit = ChildJvm.fileLimit();
        requested = terminals;
        if (fileLimit > 0 && terminals > fileLimit - fdReserve) {
            terminals = (int) Math.max(3, fileLimit - fdReserve);
            log("open-file limit %d per process (cannot be raised here): %d terminals instead of %d", fileLimit, terminals, requested);
        }
        Path logs = work.resolve("logs");
        Files.createDirectories(logs);
        Files.createDirectories(out);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("scenario", "scc");
        summary.put("command", Summary.command("./companion bench scc", spec));
        summary.put("date", java.time.OffsetDateTime.now().withNano(0).toString());
        summary.put("machine", dev.companion.bench.report.Machine.facts());

        log("seeding %d terminal users (+%d password users, %d contacts each side)…", terminals, passwordUsers, contacts());
        long s0 = System.nanoTime();
        Path template = work.resolve("template");
        Trees.delete(template);
        String hash = SeedData.write(template, terminals, contacts(), passwordUsers, "production".equals(rampHash));
        Map<String, Object> setup = new LinkedHashMap<>();
        setup.put("terminalsRequested", requested);
        setup.put("terminalsTarget", terminals);
        setup.put("openFileLimitPerProcess", fileLimit);
        setup.put("terminalsCappedByOpenFileLimit", terminals < requested);
        setup.put("contactsPerUser", 2 * contacts());
        String[] phc = hash.split("\\$");
        setup.put("terminalUserHash", "$" + phc[1] + "$" + phc[2] + "$" + phc[3] + "$… (the same for every terminal user)");
        setup.put("passwordUsers", passwordUsers);
        setup.put("seedSeconds", LoadPhases.round((System.nanoTime() - s0) / 1e9));
        setup.put("seededWith", "scc-lite Store.open (Flyway schema) + one transaction of batched INSERTs; one encoded hash for all terminal users");
        setup.put("sourceAddresses", "127.0.0.2-127.0.0." + (1 + sourceAddresses));
        setup.put("pingSeconds", pingSeconds);
        setup.put("tlsResumption", tlsResumption);
        setup.put("loadgenTcpNoDelay", tcpNoDelay);
        setup.put("pinned", ChildJvm.canPin() && Runtime.getRuntime().availableProcessors() > Math.max(serverCore, loadgenCore));
        setup.put("sqliteCommitProbe", DiskProbe.commitLatency(work, 200));
        summary.put("setup", setup);

        Map<String, Object> ours = runScc(template, logs);
        summary.put("scc", ours);
        if (bare) {
            summary.put("bareMina", runBare(logs));
        }
        summary.put("derived", SccReport.derive(summary));
        summary.put("totalSeconds", LoadPhases.round((System.nanoTime() - started) / 1e9));
        SccReport.write(out, summary);
        SccReport.printTable(summary, System.out);
        return 0;
    }

    private Map<String, Object> runScc(Path template, Path logs) throws Exception {
        Path data = work.resolve("scc-data");
        Trees.delete(data);
        Files.createDirectories(data);
        Files.copy(template.resolve("scc.db"), data.resolve("scc.db"), StandardCopyOption.REPLACE_EXISTING);
        Map<String, Object> r = new LinkedHashMap<>();
        log("starting scc-lite (core %d) and the load generator (core %d)…", serverCore, loadgenCore);
        try (Stage st = Stage.start(this, false, data, logs)) {
            r.put("serverCommand", st.server.describe());
            r.put("loadgenCommand", st.load.describe());
            if (hashSamples > 0) {
                log("Argon2id cost on the load generator's core…");
                r.put("hashCost", st.run("hashcost " + hashSamples, 120, null));
            }
            if (ccProbe > 0) {
                log("weighing %d ControlCenterClient instances…", ccProbe);
                r.put("controlCenterClientProbe", st.run("probe " + ccProbe, 120, null));
            }
            Thread.sleep((long) (Math.min(1, settleSeconds) * 1000));
            log("server heap before the ramp…");
            HeapProbe.Snapshot before = HeapProbe.take(st.server);
            log("ramp to %d terminals (at most %d s)…", terminals, rampSeconds);
            r.put("ramp", st.run("ramp " + terminals + " " + rampSeconds + " " + inflight, rampSeconds + 90L,
                    new Progress("terminals online (scc-lite)", terminals)));
            int reached = ((Number) ((Map<?, ?>) r.get("ramp")).get("reached")).intValue();
            r.put("hold", hold(st, reached));
            r.put("memory", memory(st, before, reached));
            log("presence: %.0f changes/s for %.0f s…", presenceRate, presenceSeconds);
            r.put("presence", st.run("presence " + presenceRate + " " + presenceSeconds + " " + presenceGapMs,
                    (long) presenceSeconds + 60, null));
            List<Map<String, Object>> rec = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                log("token reconnects, run %d/%d (%.0f s)…", i + 1, runs, reconnectSeconds);
                boolean prof = profile && i == runs / 2;
                Path jfr = work.resolve("scc-reconnect.jfr");
                if (prof) {
                    Files.deleteIfExists(jfr);
                    st.server.jcmd("JFR.start", "name=bench", "settings=profile", "filename=" + jfr.toAbsolutePath());
                }
                Map<String, Object> one = st.run("reconnect " + reconnectSeconds + " " + reconnectConcurrency,
                        (long) reconnectSeconds + 60, null);
                if (prof) {
                    st.server.jcmd("JFR.stop", "name=bench");
                    one.put("profiled", true);
                    r.put("reconnectProfile", JfrTop.summarize(jfr));
                }
                rec.add(one);
                Thread.sleep((long) (Math.min(1, settleSeconds) * 1000));
            }
            r.put("reconnect", rec);
            List<Map<String, Object>> pw = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                log("password logins, run %d/%d (%.0f s)…", i + 1, runs, passwordSeconds);
                pw.add(st.run("password " + passwordSeconds + " " + passwordConcurrency + " " + passwordUsers,
                        (long) passwordSeconds + 60, null));
            }
            r.put("password", pw);
            r.put("loadgenEnd", st.run("heap", 60, null));
        }
        r.put("serverGcPauses", GcLog.pauses(logs.resolve("scc-server-gc.log")));
        r.put("loadgenGcPauses", GcLog.pauses(logs.resolve("scc-loadgen-gc.log")));
        return r;
    }

    private Map<String, Object> runBare(Path logs) throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        try (Stage st = Stage.start(this, true, null, logs)) {
            r.put("serverCommand", st.server.describe());
            Thread.sleep((long) (Math.min(1, settleSeconds) * 1000));
            HeapProbe.Snapshot before = HeapProbe.take(st.server);
            r.put("ramp", st.run("ramp " + terminals + " " + rampSeconds + " " + inflight, rampSeconds + 90L,
                    new Progress("terminals online (bare MINA TLS)", terminals)));
            int reached = ((Number) ((Map<?, ?>) r.get("ramp")).get("reached")).intValue();
            r.put("hold", hold(st, reached));
            r.put("memory", memory(st, before, reached));
        }
        r.put("serverGcPauses", GcLog.pauses(logs.resolve("bare-server-gc.log")));
        return r;
    }

    /** CPU while only holding the terminals (their heartbeats), after a few seconds to settle. */
    private Map<String, Object> hold(Stage st, int reached) throws InterruptedException {
        log("holding %d terminals (heartbeats only)…", reached);
        Thread.sleep((long) (settleSeconds * 1000));
        Map<String, Object> h = st.idle(holdSeconds);
        h.put("serverCpuMicrosPerTerminalPerSecond",
                LoadPhases.round(((Number) h.get("serverCpu")).doubleValue() * 1e6 / Math.max(1, reached)));
        return h;
    }

    private Map<String, Object> memory(Stage st, HeapProbe.Snapshot before, int reached) throws Exception {
        log("measuring heap (GC.run, GC.heap_info, GC.class_histogram)…");
        HeapProbe.Snapshot after = HeapProbe.take(st.server);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("terminals", reached);
        m.put("method", "live heap = GC.class_histogram total (full GC, then a heap walk at a safepoint) after minus before"
                + " the ramp; GC.heap_info 'used' right after GC.run is reported too, but includes what the server"
                + " allocated (heartbeats) in the second between the two jcmd calls");
        m.put("serverLiveHeapBeforeBytes", before.histogramTotalBytes());
        m.put("serverLiveHeapAfterBytes", after.histogramTotalBytes());
        m.put("serverHeapBytesPerTerminal",
                Math.round((after.histogramTotalBytes() - before.histogramTotalBytes()) / (double) Math.max(1, reached)));
        m.put("heapInfoUsedBeforeBytes", before.heapUsedBytes());
        m.put("heapInfoUsedAfterBytes", after.heapUsedBytes());
        m.put("heapInfoBytesPerTerminal",
                Math.round((after.heapUsedBytes() - before.heapUsedBytes()) / (double) Math.max(1, reached)));
        m.put("serverRssKb", st.server.rssKb());
        m.put("serverTopClassesBytesPerTerminal", HeapProbe.topGrowth(before, after, reached, 15));
        Map<String, Object> client = st.run("heap", 60, null);
        m.put("loadgen", client);
        m.put("loadgenHeapBytesPerTerminal", Math.round(((Number) client.get("heapUsedBytes")).doubleValue() / Math.max(1, reached)));
        return m;
    }

    private static final long T0 = System.nanoTime();

    static void log(String fmt, Object... args) {
        System.err.printf(java.util.Locale.ROOT, "scc [%5.1f s]: %s%n", (System.nanoTime() - T0) / 1e9,
                String.format(java.util.Locale.ROOT, fmt, args));
    }
}
