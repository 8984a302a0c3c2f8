package dev.companion.bench.follow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.companion.bench.report.Summary;
import dev.companion.bench.report.SvgChart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./companion bench follow}: follow latency in real embedded Chromium. Each run is a child
 * JVM pinned to the leader's core ({@link FollowRun}: control center, benchmark page, the leading
 * terminal with robot input) that starts the following terminal as its own process pinned to the
 * other core. Collects the runs' samples, writes tools/bench/results/follow/summary.json and charts.
 */
@Command(name = "follow", mixinStandardHelpOptions = true,
        description = {"Follow latency: leader's real click / typing / wheel → the follower's page shows the effect.",
                "Needs an X display: xvfb-run -a -s \"-screen 0 1280x1024x24\" ./companion bench follow"})
public final class FollowBench implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** click-dom: the same clicks with the follower's DOM press (as before real input), interleaved with click's. */
    static final List<String> KINDS = List.of("click", "input", "scroll", "click-dom");
    static final double TARGET_P95_MS = 50;

    @Option(names = "--runs", description = "Runs, each with fresh processes (default: ${DEFAULT-VALUE}).")
    int runs = 3;

    @Option(names = "--samples", description = "Measured samples per kind and run (default: ${DEFAULT-VALUE}).")
    int samples = 200;

    @Option(names = "--warmup", description = "Warm-up samples per kind and run (default: ${DEFAULT-VALUE}).")
    int warmup = 20;

    @Option(names = "--block-seconds", description = "Time limit of each kind in a run (default: ${DEFAULT-VALUE}).")
    int blockSeconds = 150;

    @Option(names = "--leader-core", description = "Core of the leader JVM and its Chromium (default: ${DEFAULT-VALUE}).")
    String leaderCore = "0";

    @Option(names = "--follower-core", description = "Core of the follower process and its Chromium (default: ${DEFAULT-VALUE}).")
    String followerCore = "1";

    @Option(names = "--lock", description = "Hold this flock(1) lock file during each run (e.g. /tmp/companion-bench.lock); "
            + "do not also wrap the whole command in flock with the same file.")
    Path lock;

    @Option(names = "--out", description = "Results folder (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("tools", "bench", "results", "follow");

    @Spec
    CommandSpec spec;


    /** Both terminals (leader and follower) run with the app's shipped JVM options (app/.../jvm.options), quieter logging. */
    static final List<String> APP_JVM = shipped();

    private static List<String> shipped() {
        List<String> o = new java.util.ArrayList<>(dev.companion.testkit.AppProcess.SHIPPED_JVM_OPTIONS);
        o.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        return List.copyOf(o);
    }

    @Override
    public Integer call() throws Exception {
        if (System.getenv("DISPLAY") == null) {
            System.err.println("follow: Chromium needs an X display; run: xvfb-run -a -s \"-screen 0 1280x1024x24\" ./companion bench follow");
            return 2;
        }
        Path work = Files.createTempDirectory("companion-follow-bench");
        List<JsonNode> results = new ArrayList<>();
        for (int r = 1; r <= runs; r++) {
            System.err.println("follow: run " + r + " of " + runs);
            Path file = work.resolve("run-" + r + ".json");
            List<String> cmd = new ArrayList<>();
            if (lock != null) {
                cmd.addAll(List.of("flock", "-w", "900", lock.toString()));
            }
            cmd.addAll(List.of("taskset", "-c", leaderCore, ProcessHandle.current().info().command().orElse("java")));
            cmd.addAll(APP_JVM);
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), FollowRun.class.getName(),
                    "--out", file.toString(), "--dir", work.resolve("run-" + r).toString(),
                    "--samples", Integer.toString(samples), "--warmup", Integer.toString(warmup),
                    "--block-seconds", Integer.toString(blockSeconds), "--follower-core", followerCore,
                    "--follower-jvm", String.join(" ", APP_JVM)));
            // Output inherited, stdin not: a child never reads from this process's standard input.
            Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            long limit = (lock != null ? 900 : 0) + 120 + 3L * blockSeconds;
            if (!p.waitFor(limit, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                System.err.println("follow: run " + r + " took over " + limit + " s and was stopped");
                continue;
            }
            if (p.exitValue() != 0 || !Files.exists(file)) {
                System.err.println("follow: run " + r + " failed (exit " + p.exitValue() + "); logs under " + work);
                continue;
            }
            ObjectNode run = (ObjectNode) JSON.readTree(file.toFile());
            run.put("run", r);
            results.add(run);
        }
        if (results.isEmpty()) {
            System.err.println("follow: no run completed");
            return 1;
        }
        if (results.size() == runs) {
            dev.companion.bench.app.AppBench.deleteTree(work); // profiles and logs; kept when a run failed
        }
        ObjectNode summary = summarise(results);
        Files.createDirectories(out);
        Files.writeString(out.resolve("summary.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(summary));
        charts(results);
        System.out.println(table(summary));
        if (summary.has("clickRealPressOverDomPress")) {
            System.out.println("click, real press / DOM press (same runs): " + summary.path("clickRealPressOverDomPress"));
        }
        System.out.println("follow: results in " + out.resolve("summary.json"));
        return 0;
    }

    // ---- figures -----------------------------------------------------------------------------------

    /** The fields of a kind's JSON that are µs per sample (-1: none), and what they are called in the summary. */
    private static final Map<String, String> SERIES = Map.of(
            "effect", "effectMicros", "frame", "frameMicros", "leaderPage", "leaderPageMicros", "final", "finalMicros",
            "leaderPageLast", "leaderPageLastMicros");

    private ObjectNode summarise(List<JsonNode> runs) {
        ObjectNode s = Summary.start("follow", "xvfb-run -a -s \"-screen 0 1280x1024x24\" ./companion bench follow"
                + Summary.ownArgs(spec));
        ObjectNode setup = s.putObject("setup");
        setup.put("runs", this.runs);
        setup.put("runsCompleted", runs.size());
        setup.put("samplesPerKindPerRun", samples);
        setup.put("warmupPerKindPerRun", warmup);
        setup.put("leader", "in a bench JVM on core " + leaderCore + " (with its Chromium): real CompanionApp window, "
                + "JavaFX glass robot (XTest) input; the control center and the benchmark page in the same JVM");
        setup.put("follower", "dev.companion.app.Main in its own JVM on core " + followerCore + " (with its Chromium), test hook");
        setup.put("leaderJvm", String.join(" ", APP_JVM));
        setup.put("followerJvm", String.join(" ", APP_JVM));
        setup.put("clock", "leader: JVM wall clock (epoch µs) just before the robot's input; follower: page's "
                + "performance.timeOrigin + performance.now() when the effect appears (same system clock; checked per run)");
        setup.put("targetP95Ms", TARGET_P95_MS);
        ObjectNode res = s.putObject("results");
        for (String kind : KINDS) {
            ObjectNode k = res.putObject(kind);
            int misses = 0;
            int count = 0;
            for (JsonNode r : runs) {
                misses += r.path("kinds").path(kind).path("misses").asInt();
                count += r.path("kinds").path(kind).path("samples").asInt();
            }
            k.put("samples", count);
            k.put("misses", misses);
            for (var e : new java.util.TreeMap<>(SERIES).entrySet()) {
                List<double[]> perRun = new ArrayList<>();
                for (JsonNode r : runs) {
                    JsonNode arr = r.path("kinds").path(kind).path(e.getValue());
                    if (arr.isArray() && arr.size() > 0) {
                        perRun.add(percentiles(values(arr)));
                    }
                }
                if (!perRun.isEmpty()) {
                    k.set(e.getKey() + "Ms", acrossRuns(perRun));
                }
            }
            // the follower's part: effect minus the leader's own page seeing the input, per sample
            List<double[]> path = new ArrayList<>();
            for (JsonNode r : runs) {
                JsonNode kr = r.path("kinds").path(kind);
                List<Long> d = new ArrayList<>();
                for (int i = 0; i < kr.path("effectMicros").size(); i++) {
                    long e = kr.path("effectMicros").get(i).asLong();
                    long l = kr.path("leaderPageMicros").path(i).asLong(-1);
                    if (e >= 0 && l >= 0) {
                        d.add(e - l);
                    }
                }
                if (!d.isEmpty()) {
                    path.add(percentiles(d));
                }
            }
            if (!path.isEmpty()) {
                k.set("leaderPageToFollowerMs", acrossRuns(path));
            }
            if ("scroll".equals(kind)) {
                // the end of the motion: the follower's final position after the leader's last scroll event
                List<double[]> lag = new ArrayList<>();
                for (JsonNode r : runs) {
                    JsonNode kr = r.path("kinds").path(kind);
                    List<Long> d = new ArrayList<>();
                    for (int i = 0; i < kr.path("finalMicros").size(); i++) {
                        long f = kr.path("finalMicros").get(i).asLong();
                        long l = kr.path("leaderPageLastMicros").path(i).asLong(-1);
                        if (f >= 0 && l >= 0 && f >= l) {
                            d.add(f - l);
                        }
                    }
                    if (!d.isEmpty()) {
                        lag.add(percentiles(d));
                    }
                }
                if (!lag.isEmpty()) {
                    k.set("leaderLastToFollowerFinalMs", acrossRuns(lag));
                }
                List<Long> moved = new ArrayList<>();
                runs.forEach(r -> r.path("kinds").path(kind).path("movedPixels").forEach(v -> moved.add(Math.abs(v.asLong()))));
                moved.sort(null);
                k.put("pixelsPerNotchMedian", moved.isEmpty() ? 0 : moved.get(moved.size() / 2));
            }
            double p95 = k.path("effectMs").path("p95").path("median").asDouble(Double.NaN);
            k.put("targetP95Met", p95 < TARGET_P95_MS && misses == 0);
        }
        JsonNode real = res.path("click").path("effectMs");
        JsonNode dom = res.path("click-dom").path("effectMs");
        if (real.isObject() && dom.isObject()) {
            // the peer row: the same clicks, alternately real press and DOM press, in the same runs
            ObjectNode ratio = s.putObject("clickRealPressOverDomPress");
            for (String p : List.of("p50", "p95", "p99")) {
                ratio.put(p, Math.round(100 * real.path(p).path("median").asDouble() / dom.path(p).path("median").asDouble()) / 100.0);
            }
        }
        ArrayNode rs = s.putArray("runs");
        for (JsonNode r : runs) {
            ObjectNode o = rs.addObject();
            o.put("run", r.path("run").asInt());
            o.put("setupSeconds", round(r.path("setupSeconds").asDouble()));
            o.set("clock", r.path("clock"));
            o.set("cpu", r.path("cpu"));
            // the leader is the load generator here: its core must not be saturated; and whatever else
            // ran on the two cores (other work on this machine) shows as busy time beyond our trees'
            JsonNode cpu = r.path("cpu");
            double wall = cpu.path("wallSeconds").asDouble(1);
            double leaderBusy = cpu.path("coreBusy").path(Integer.parseInt(leaderCore.split(",")[0])).asDouble();
            double followerBusy = cpu.path("coreBusy").path(Integer.parseInt(followerCore.split(",")[0])).asDouble();
            double otherLeader = leaderBusy - cpu.path("leaderTreeSeconds").asDouble() / wall;
            double otherFollower = followerBusy - cpu.path("followerTreeSeconds").asDouble() / wall;
            o.put("leaderCoreBusy", round(leaderBusy * 100) / 100);
            o.put("followerCoreBusy", round(followerBusy * 100) / 100);
            o.put("otherLoadLeaderCore", round(otherLeader * 100) / 100);
            o.put("otherLoadFollowerCore", round(otherFollower * 100) / 100);
            o.put("leaderCoreSaturated", leaderBusy > 0.9);
            o.put("valid", leaderBusy <= 0.9 && otherLeader < 0.2 && otherFollower < 0.2);
            ObjectNode per = o.putObject("effectMs");
            for (String kind : KINDS) {
                JsonNode arr = r.path("kinds").path(kind).path("effectMicros");
                if (arr.isArray() && arr.size() > 0) {
                    double[] p = percentiles(values(arr));
                    ObjectNode x = per.putObject(kind);
                    x.put("p50", p[0]);
                    x.put("p95", p[1]);
                    x.put("p99", p[2]);
                    x.put("max", p[3]);
                    x.put("misses", r.path("kinds").path(kind).path("misses").asInt());
                }
            }
        }
        return s;
    }

    private static List<Long> values(JsonNode arr) {
        List<Long> v = new ArrayList<>();
        arr.forEach(x -> {
            if (x.asLong() >= 0) {
                v.add(x.asLong());
            }
        });
        return v;
    }

    /** p50, p95, p99, max in ms of µs values (HdrHistogram, 3 significant digits). */
    static double[] percentiles(List<Long> micros) {
        Histogram h = histogram(micros);
        return new double[] {ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(95)), ms(h.getValueAtPercentile(99)), ms(h.getMaxValue())};
    }

    static Histogram histogram(List<Long> micros) {
        Histogram h = new Histogram(60_000_000L, 3);
        micros.forEach(v -> h.recordValue(Math.max(0, Math.min(v, 60_000_000L))));
        return h;
    }

    private static double ms(long micros) {
        return round(micros / 1000.0);
    }

    private static double round(double d) {
        return Math.round(d * 10) / 10.0;
    }

    /** For each of p50, p95, p99, max: the median over runs and the spread (min, max). */
    private static ObjectNode acrossRuns(List<double[]> perRun) {
        ObjectNode o = JSON.createObjectNode();
        String[] names = {"p50", "p95", "p99", "max"};
        for (int i = 0; i < names.length; i++) {
            List<Double> v = new ArrayList<>();
            for (double[] r : perRun) {
                v.add(r[i]);
            }
            v.sort(null);
            ObjectNode x = o.putObject(names[i]);
            x.put("median", median(v));
            x.put("min", v.get(0));
            x.put("max", v.get(v.size() - 1));
        }
        return o;
    }

    /** The middle value (the mean of the two middle ones for an even count). */
    static double median(List<Double> values) {
        List<Double> v = new ArrayList<>(values);
        v.sort(null);
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : round((v.get(n / 2 - 1) + v.get(n / 2)) / 2);
    }

    private void charts(List<JsonNode> runs) throws java.io.IOException {
        Map<String, Histogram> series = new LinkedHashMap<>();
        for (String kind : KINDS) {
            List<Long> all = new ArrayList<>();
            runs.forEach(r -> all.addAll(values(r.path("kinds").path(kind).path("effectMicros"))));
            if (!all.isEmpty()) {
                series.put(kind, histogram(all));
            }
        }
        List<Long> fin = new ArrayList<>();
        runs.forEach(r -> fin.addAll(values(r.path("kinds").path("scroll").path("finalMicros"))));
        if (!fin.isEmpty()) {
            series.put("scroll, final position", histogram(fin));
        }
        SvgChart.percentiles(out.resolve("latency.svg"), "Follow latency: leader's input → follower's page (" + runs.size()
                + " runs)", series);
        Map<String, double[]> bars = new LinkedHashMap<>();
        String[] names = {"p50", "p95", "p99"};
        for (int i = 0; i < names.length; i++) {
            double[] v = new double[KINDS.size()];
            for (int k = 0; k < KINDS.size(); k++) {
                List<Double> perRun = new ArrayList<>();
                for (JsonNode r : runs) {
                    List<Long> vals = values(r.path("kinds").path(KINDS.get(k)).path("effectMicros"));
                    if (!vals.isEmpty()) {
                        perRun.add(percentiles(vals)[i]);
                    }
                }
                v[k] = perRun.isEmpty() ? 0 : median(perRun);
            }
            bars.put(names[i], v);
        }
        SvgChart.bars(out.resolve("percentiles.svg"), "Follow latency by kind (median of runs; target p95 < 50 ms)", "ms",
                KINDS, bars);
    }

    private static String table(JsonNode s) {
        StringBuilder b = new StringBuilder("| kind | p50 ms | p95 ms | p99 ms | max ms | misses | p95 < 50 ms |\n|---|---|---|---|---|---|---|\n");
        for (String kind : KINDS) {
            JsonNode k = s.path("results").path(kind);
            JsonNode e = k.path("effectMs");
            if (e.isMissingNode()) {
                continue;
            }
            b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %d | %s |%n", kind, cell(e.path("p50")), cell(e.path("p95")),
                    cell(e.path("p99")), cell(e.path("max")), k.path("misses").asInt(), k.path("targetP95Met").asBoolean() ? "yes" : "no"));
        }
        return b.toString();
    }

    /** "median (min–max)". */
    static String cell(JsonNode x) {
        return String.format(Locale.ROOT, "%.1f (%.1f–%.1f)", x.path("median").asDouble(), x.path("min").asDouble(), x.path("max").asDouble());
    }
}
