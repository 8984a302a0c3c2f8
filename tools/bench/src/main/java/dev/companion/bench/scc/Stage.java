package dev.companion.bench.scc;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.companion.bench.report.Progress;
import dev.companion.testkit.ChildJvm;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One server JVM (scc-lite or the bare MINA floor) on its core and one load generator JVM on the
 * other, with the load generator driven by command lines. Each command's figures come back with
 * the CPU both processes used while it ran. {@link #close()} kills both.
 */
final class Stage implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on \\S+:(\\d+) fingerprint (\\S+)");

    final ChildJvm server;
    final ChildJvm load;
    final int port;
    final String fingerprint;

    private final SccBench cfg;
    private final Path loadLog;

    private Stage(SccBench cfg, ChildJvm server, ChildJvm load, int port, String fingerprint, Path loadLog) {
        this.cfg = cfg;
        this.loadLog = loadLog;
        this.server = server;
        this.load = load;
        this.port = port;
        this.fingerprint = fingerprint;
    }

    /** Starts the server, waits for its "listening on" line (in serverLog), then starts the load generator. */
    static Stage start(SccBench cfg, boolean bare, Path dataDir, Path logs) throws IOException, InterruptedException {
        Path serverLog = logs.resolve(bare ? "bare-server.log" : "scc-server.log");
        List<String> serverJvm = List.of("-Xms" + cfg.serverHeap, "-Xmx" + cfg.serverHeap, "-XX:+Use" + cfg.serverGc,
                "-Xlog:gc:file=" + logs.resolve(bare ? "bare-server-gc.log" : "scc-server-gc.log").toAbsolutePath(),
                "--enable-native-access=ALL-UNNAMED");
        List<String> serverCommand = bare
                ? ChildJvm.javaCommand(serverJvm, BareTlsServer.class.getName(), List.of("127.0.0.1", "0"))
                : ChildJvm.javaCommand(serverJvm, "dev.companion.scc.cli.SccMain",
                        List.of("serve", "--data", dataDir.toString(), "--bind", "127.0.0.1", "--port", "0", "--stun-port", "-1"));
        ChildJvm server = ChildJvm.launch(bare ? "bare-server" : "scc-server", serverCommand).core(cfg.serverCore).log(serverLog)
                .stdoutToLog().raiseFileLimit().killOnClose().start();
        Matcher m = null;
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline && server.alive()) {
            String log = java.nio.file.Files.exists(serverLog) ? java.nio.file.Files.readString(serverLog) : "";
            m = LISTENING.matcher(log);
            if (m.find()) {
                break;
            }
            m = null;
            Thread.sleep(50);
        }
        if (m == null) {
            server.close();
            throw new IOException("the server did not start; see " + serverLog);
        }
        int port = Integer.parseInt(m.group(1));
        String fp = m.group(2);
        List<String> loadJvm = List.of("-Xms" + cfg.loadgenHeap, "-Xmx" + cfg.loadgenHeap, "-XX:+UseZGC",
                "-Xlog:gc:file=" + logs.resolve(bare ? "bare-loadgen-gc.log" : "scc-loadgen-gc.log").toAbsolutePath(),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "--enable-native-access=ALL-UNNAMED");
        Path loadLog = logs.resolve(bare ? "bare-loadgen.log" : "scc-loadgen.log");
        ChildJvm load = ChildJvm.launch(bare ? "bare-loadgen" : "scc-loadgen", ChildJvm.javaCommand(loadJvm, LoadGen.class.getName(),
                List.of("127.0.0.1", Integer.toString(port), fp, Integer.toString(cfg.sourceAddresses), bare ? "1" : "0",
                        cfg.tlsResumption ? "1" : "0", Integer.toString(cfg.pingSeconds), Integer.toString(cfg.contacts()),
                        SeedData.TERMINAL_PASSWORD, SeedData.PASSWORD_USERS_PASSWORD, cfg.tcpNoDelay ? "1" : "0")))
                .core(cfg.loadgenCore).log(loadLog).raiseFileLimit().killOnClose().start();
        return new Stage(cfg, server, load, port, fp, loadLog);
    }

    /**
     * Sends command to the load generator and waits (up to timeoutSeconds) for its RESULT; adds the
     * CPU share each process used meanwhile (serverCpu, loadgenCpu: 1.0 = one core busy), and marks
     * loadgenSaturated when the load generator's core was (nearly) full.
     */
    Map<String, Object> run(String command, long timeoutSeconds, Progress progress) throws IOException, InterruptedException {
        double s0 = server.cpuSeconds();
        double l0 = load.cpuSeconds();
        Map<String, Long> net0 = tcpCounters();
        long[][] cores0 = coreTicks();
        long t0 = System.nanoTime();
        load.send(command);
        long deadline = t0 + timeoutSeconds * 1_000_000_000L;
        while (true) {
            String line = load.readLine(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            if (line == null || line.equals(ChildJvm.EOF)) {
                throw new IOException("load generator gave no result for '" + command + "'"
                        + (line == null ? " (timeout)" : " (exited)") + "; end of its log:\n" + tail(loadLog, 30));
            }
            if (line.startsWith("PROGRESS ") && progress != null) {
                progress.update(Long.parseLong(line.substring(9).trim()));
            } else if (line.startsWith("RESULT ")) {
                double wall = (System.nanoTime() - t0) / 1e9;
                Map<String, Object> r = LoadGen.JSON.readValue(line.substring(7), new TypeReference<LinkedHashMap<String, Object>>() { });
                if (r.containsKey("error")) {
                    throw new IOException("load generator failed '" + command + "': " + r.get("error"));
                }
                double lc = (load.cpuSeconds() - l0) / wall;
                r.put("wallSeconds", LoadPhases.round(wall));
                r.put("serverCpu", LoadPhases.round((server.cpuSeconds() - s0) / wall));
                r.put("loadgenCpu", LoadPhases.round(lc));
                r.put("loadgenSaturated", lc >= 0.95);
                Map<String, Long> net1 = tcpCounters();
                Map<String, Long> net = new LinkedHashMap<>();
                net1.forEach((k, v) -> net.put(k, v - net0.getOrDefault(k, 0L)));
                r.put("tcpCountersMachineWide", net);
                addCoreBusy(r, cores0, coreTicks());
                return r;
            }
        }
    }

    /** CPU share of both processes over seconds of doing nothing but holding the connections. */
    Map<String, Object> idle(double seconds) throws InterruptedException {
        double s0 = server.cpuSeconds();
        double l0 = load.cpuSeconds();
        long[][] cores0 = coreTicks();
        long t0 = System.nanoTime();
        Thread.sleep((long) (seconds * 1000));
        double wall = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("seconds", LoadPhases.round(wall));
        r.put("serverCpu", LoadPhases.round((server.cpuSeconds() - s0) / wall));
        r.put("loadgenCpu", LoadPhases.round((load.cpuSeconds() - l0) / wall));
        addCoreBusy(r, cores0, coreTicks());
        return r;
    }

    /**
     * How busy each core was (all processes), and how much of the server's and the load
     * generator's core went to other processes (other work on this shared machine).
     */
    private void addCoreBusy(Map<String, Object> r, long[][] before, long[][] after) {
        double[] busy = new double[after.length];
        for (int c = 0; c < after.length && c < before.length; c++) {
            long total = after[c][0] - before[c][0];
            long idle = after[c][1] - before[c][1];
            busy[c] = total <= 0 ? 0 : LoadPhases.round((total - idle) / (double) total);
        }
        r.put("coreBusy", busy);
        int sc = cfg.serverCore;
        int lc = cfg.loadgenCore;
        if (sc >= 0 && sc < busy.length) {
            r.put("otherProcessesOnServerCore", LoadPhases.round(Math.max(0, busy[sc] - ((Number) r.get("serverCpu")).doubleValue())));
        }
        if (lc >= 0 && lc < busy.length) {
            r.put("otherProcessesOnLoadgenCore", LoadPhases.round(Math.max(0, busy[lc] - ((Number) r.get("loadgenCpu")).doubleValue())));
        }
    }

    /** Per core: {total ticks, idle + iowait ticks} from /proc/stat. */
    static long[][] coreTicks() {
        try {
            List<long[]> rows = new java.util.ArrayList<>();
            for (String l : java.nio.file.Files.readAllLines(Path.of("/proc/stat"))) {
                if (l.startsWith("cpu") && Character.isDigit(l.charAt(3))) {
                    String[] f = l.trim().split("\\s+");
                    long total = 0;
                    for (int i = 1; i < f.length && i <= 8; i++) {
                        total += Long.parseLong(f[i]);
                    }
                    rows.add(new long[] {total, Long.parseLong(f[4]) + Long.parseLong(f[5])});
                }
            }
            return rows.toArray(new long[0][]);
        } catch (IOException | RuntimeException e) {
            return new long[0][];
        }
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = java.nio.file.Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Listen-queue overflows and SYN retransmits (machine-wide, from /proc/net/netstat). */
    static Map<String, Long> tcpCounters() {
        Map<String, Long> m = new LinkedHashMap<>();
        try {
            List<String> lines = java.nio.file.Files.readAllLines(Path.of("/proc/net/netstat"));
            for (int i = 0; i + 1 < lines.size(); i += 2) {
                if (lines.get(i).startsWith("TcpExt:")) {
                    String[] names = lines.get(i).split("\\s+");
                    String[] values = lines.get(i + 1).split("\\s+");
                    for (int k = 1; k < names.length && k < values.length; k++) {
                        if (List.of("ListenOverflows", "ListenDrops", "TCPSynRetrans").contains(names[k])) {
                            m.put(names[k], Long.parseLong(values[k]));
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: no counters
        }
        return m;
    }

    @Override
    public void close() {
        server.close(); // killed first: the clients' closes then cost nothing
        try {
            load.send("quit");
        } finally {
            load.close();
        }
    }
}
