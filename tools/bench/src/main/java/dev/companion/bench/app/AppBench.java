package dev.companion.bench.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.companion.app.ClassDataArchive;
import dev.companion.bench.report.Machine;
import dev.companion.bench.report.Progress;
import dev.companion.bench.report.Summary;
import dev.companion.bench.report.SvgChart;
import dev.companion.scc.ControlCenter;
import dev.companion.testkit.AppProcess;
import dev.companion.testkit.ControlCenters;
import java.awt.Dimension;
import java.awt.Toolkit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./companion bench app}: the app's cold start to first paint (from outside: process start
 * → the page's colour on the X display), its memory with one page (RSS and PSS of the JVM and all
 * its Chromium processes) and its CPU while following an animated page. Writes
 * tools/bench/results/app/summary.json and charts.
 */
@Command(name = "app", mixinStandardHelpOptions = true,
        description = {"App cold start, memory with one page, CPU while following an animated page.",
                "Needs an X display: xvfb-run -a -s \"-screen 0 1280x1024x24\" ./companion bench app"})
public final class AppBench implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final double TARGET_START_MS = 3000;
    static final double TARGET_PSS_MIB = 500;
    /** A start during which other processes used more CPU than this (s) is marked disturbed (shared machine). */
    static final double DISTURBED_CPU_SECONDS = 1.0;

    @Option(names = "--starts", description = "Cold starts per core setting (default: ${DEFAULT-VALUE}).")
    int starts = 5;

    @Option(names = "--start-cores", split = ";", description = "Core settings of the cold starts, taskset lists separated by ';' (default: ${DEFAULT-VALUE}).")
    List<String> startCores = List.of("0", "0,1");

    @Option(names = "--first-run", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also one start with the Chromium natives not yet unpacked; --no-first-run: not (default: ${DEFAULT-VALUE}).")
    boolean firstRun;

    @Option(names = "--settle-seconds", description = "Wait after the first paint before reading memory (default: ${DEFAULT-VALUE}).")
    int settleSeconds = 5;

    @Option(names = "--cpu-seconds", description = "Length of one CPU window (default: ${DEFAULT-VALUE}).")
    int cpuSeconds = 20;

    @Option(names = "--cpu-windows", description = "CPU windows on the animated page (default: ${DEFAULT-VALUE}).")
    int cpuWindows = 3;

    @Option(names = "--app-jvm", split = " ", description = "JVM options of the app processes (default: as shipped: ${DEFAULT-VALUE}).")
    List<String> appJvm = AppProcess.SHIPPED_JVM_OPTIONS;

    @Option(names = "--class-data-sharing", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Start the app with its class data sharing archive, as ./companion and the package do (built first for "
                    + "this class path, ~10 s); --no-class-data-sharing: without (default: ${DEFAULT-VALUE}).")
    boolean classDataSharing;

    @Option(names = "--observer-core", description = "Core of this JVM, which watches the screen (default: ${DEFAULT-VALUE}).")
    int observerCore = 1;

    @Option(names = "--out", description = "Results folder (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("tools", "bench", "results", "app");

    @Spec
    CommandSpec spec;


    @Override
    public Integer call() throws Exception {
        if (System.getenv("DISPLAY") == null) {
            System.err.println("app: Chromium needs an X display; run: xvfb-run -a -s \"-screen 0 1280x1024x24\" ./companion bench app");
            return 2;
        }
        Map<String, String> machine = Machine.facts(); // before pinning: it counts the cores this JVM may use
        ProcessTree.pinSelf(observerCore);
        Dimension screenSize = Toolkit.getDefaultToolkit().getScreenSize();
        // the app's window takes the left half (--window-side left); a row at 60% of the height crosses its page
        ScreenWatch screen = new ScreenWatch(0, (int) (screenSize.height * 0.6), screenSize.width / 2, ColdStart.PAGE_RGB);
        Path dir = Files.createTempDirectory("companion-app-bench");
        List<String> jvm = new java.util.ArrayList<>(appJvm);
        if (classDataSharing) {
            System.err.println("app: building the app's class data sharing archive for this class path");
            jvm.add(ClassDataArchive.build(Path.of(ProcessHandle.current().info().command().orElseThrow()), appJvm,
                    AppProcess.appClassPath(), dir.resolve("companion.jsa")));
        }
        ObjectNode summary = JSON.createObjectNode();
        try (ControlCenter scc = ControlCenters.startWithFriends(dir, "alice", "bob"); BenchSite site = BenchSite.start()) {
            String paint = site.url("/paint.html");
            Duration settle = Duration.ofSeconds(settleSeconds);
            ObjectNode startup = JSON.createObjectNode();
            if (firstRun) {
                System.err.println("app: first run ever (natives unpacked into an empty cache folder)");
                Path cache = dir.resolve("fresh-xdg-cache");
                ObjectNode r = ColdStart.measure(ColdStart.spec(dir.resolve("first-run"), scc.port(), scc.fingerprint(), paint,
                        startCores.get(0), jvm, Map.of("XDG_CACHE_HOME", cache.toString())), site, screen, settle);
                r.put("cores", startCores.get(0));
                r.put("disturbed", r.path("otherCpuSeconds").asDouble() > DISTURBED_CPU_SECONDS);
                startup.set("firstRunEver", r);
                deleteTree(cache);
            }
            ObjectNode cold = startup.putObject("cold");
            for (String cores : startCores) {
                Progress p = new Progress("cold starts on core(s) " + cores, starts);
                ArrayNode list = JSON.createArrayNode();
                for (int i = 0; i < starts; i++) {
                    list.add(ColdStart.measure(ColdStart.spec(dir.resolve("start-" + cores.replace(',', '_') + "-" + i), scc.port(),
                            scc.fingerprint(), paint, cores, jvm, Map.of()), site, screen, settle));
                    p.update(i + 1);
                }
                ObjectNode c = cold.putObject(cores);
                int disturbed = 0;
                for (JsonNode st : list) {
                    boolean d = st.path("otherCpuSeconds").asDouble() > DISTURBED_CPU_SECONDS;
                    ((ObjectNode) st).put("disturbed", d);
                    disturbed += d ? 1 : 0;
                }
                c.put("disturbedStarts", disturbed);
                c.set("starts", list);
                c.set("median", medians(list));
            }
            summary.set("startup", startup);
            summary.set("cpu", cpu(dir, scc, site, jvm));
        }
        deleteTree(dir);
        finish(summary, machine);
        return 0;
    }

    private ObjectNode cpu(Path dir, ControlCenter scc, BenchSite site, List<String> jvm) throws Exception {
        System.err.println("app: CPU while following (leader on core 0, follower on core 1)");
        ObjectNode o = JSON.createObjectNode();
        try (FollowCpu c = FollowCpu.start(
                new AppProcess.Spec("alice", dir.resolve("cpu-alice"), scc.port(), scc.fingerprint(), "about:blank", "0", jvm, "left", Map.of()),
                new AppProcess.Spec("bob", dir.resolve("cpu-bob"), scc.port(), scc.fingerprint(), "about:blank", "1", jvm, "right", Map.of()))) {
            c.open(site.url("/animated.html"), "window.__frames > 0");
            Thread.sleep(3000); // settle after the load
            ArrayNode animated = o.putArray("animated");
            Progress p = new Progress("CPU, animated page", cpuWindows);
            for (int i = 0; i < cpuWindows; i++) {
                animated.add(c.window(Duration.ofSeconds(cpuSeconds), true));
                p.update(i + 1);
            }
            o.set("animatedMedian", medians(animated));
            c.open(site.url("/follow.html"), "!!document.getElementById('count')");
            Thread.sleep(3000);
            System.err.println("app: CPU, static page (" + cpuSeconds + " s)");
            o.set("static", c.window(Duration.ofSeconds(cpuSeconds), false));
        }
        return o;
    }

    /** Per numeric field: the median over the list (mean of the middle two for an even count), and min/max. */
    static ObjectNode medians(ArrayNode list) {
        ObjectNode m = JSON.createObjectNode();
        List<String> fields = new ArrayList<>();
        list.get(0).fieldNames().forEachRemaining(fields::add);
        for (String f : fields) {
            if (!list.get(0).get(f).isNumber()) {
                continue;
            }
            List<Double> v = new ArrayList<>();
            list.forEach(x -> {
                if (x.path(f).isNumber() && x.path(f).asDouble() >= 0) { // -1 or absent: not seen
                    v.add(x.path(f).asDouble());
                }
            });
            if (v.isEmpty()) {
                continue;
            }
            v.sort(null);
            int n = v.size();
            ObjectNode x = m.putObject(f);
            x.put("median", ColdStart.round(n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2));
            x.put("min", v.get(0));
            x.put("max", v.get(n - 1));
        }
        return m;
    }

    private void finish(ObjectNode results, Map<String, String> machine) throws IOException {
        ObjectNode s = Summary.start("app", "xvfb-run -a -s \"-screen 0 1280x1024x24\" ./companion bench app"
                + Summary.ownArgs(spec), machine);
        ObjectNode setup = s.putObject("setup");
        setup.put("app", "dev.companion.app.Main, own JVM (" + String.join(" ", appJvm)
                + (appJvm.equals(AppProcess.SHIPPED_JVM_OPTIONS) ? ": as the launcher and the package start it (app/src/main/resources/dev/companion/app/jvm.options)" : "")
                + (classDataSharing ? "; with its class data sharing archive (app/src/main/resources/dev/companion/app/cds.classlist)"
                        : "; without class data sharing")
                + ") + its Chromium processes, pinned with taskset; --window-side left; fresh profile per start");
        setup.put("observer", "this JVM on core " + observerCore + ": serves the pages, reads a 1-px row of the X display every ~5 ms from the page request on");
        setup.put("coldStart", "from just before the process start to the first screen reading showing the page's colour "
                + "(the app's window on the Xvfb display shows the painted page); also page requested (HTTP), "
                + "navigation start, first paint and first contentful paint (the page's paint timing), test hook up (window built)");
        setup.put("memory", "RSS and PSS summed over the app JVM and all its descendants (/proc/PID/smaps_rollup), "
                + settleSeconds + " s after the first paint, one page (the paint page)");
        setup.put("cpu", "leader (core 0) and follower (core 1) apps in a group; the leader opens the animated page "
                + "(a box moved and turned on every requestAnimationFrame), the follower follows; utime+stime of each "
                + "process tree (/proc/PID/stat) over " + cpuWindows + " windows of " + cpuSeconds + " s; then a static page");
        setup.put("disturbed", "a start is disturbed when processes other than the app and this JVM used over "
                + DISTURBED_CPU_SECONDS + " CPU s during it (otherCpuSeconds: busy time of all cores from /proc/stat minus both)");
        setup.put("targetColdStartMs", TARGET_START_MS);
        setup.put("targetPssMiB", TARGET_PSS_MIB);
        s.setAll(results);
        ObjectNode targets = s.putObject("targets");
        JsonNode cold = results.path("startup").path("cold");
        cold.fieldNames().forEachRemaining(cores -> {
            JsonNode med = cold.path(cores).path("median");
            targets.put("coldStartMedianUnder3s[cores " + cores + "]", med.path("onScreenMs").path("median").asDouble() < TARGET_START_MS);
            targets.put("coldStartEveryOneUnder3s[cores " + cores + "]", med.path("onScreenMs").path("max").asDouble() < TARGET_START_MS);
            targets.put("pssMedianUnder500MiB[cores " + cores + "]", med.path("pssMiB").path("median").asDouble() < TARGET_PSS_MIB);
        });
        Files.createDirectories(out);
        Files.writeString(out.resolve("summary.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(s));
        charts(s);
        System.out.println(table(s));
        System.out.println("app: results in " + out.resolve("summary.json"));
    }

    private void charts(JsonNode s) throws IOException {
        JsonNode startup = s.path("startup");
        List<String> cats = new ArrayList<>();
        List<JsonNode> rows = new ArrayList<>();
        startup.path("cold").properties().forEach(e -> {
            cats.add("core(s) " + e.getKey() + " (median)");
            rows.add(e.getValue().path("median"));
        });
        String[] fields = {"pageRequestedMs", "firstContentfulPaintMs", "onScreenMs"};
        String[] names = {"page requested", "first contentful paint (page)", "on screen"};
        Map<String, double[]> series = new LinkedHashMap<>();
        boolean first = startup.has("firstRunEver");
        for (int f = 0; f < fields.length; f++) {
            double[] v = new double[rows.size() + (first ? 1 : 0)];
            for (int i = 0; i < rows.size(); i++) {
                v[i] = rows.get(i).path(fields[f]).path("median").asDouble() / 1000;
            }
            if (first) {
                v[rows.size()] = startup.path("firstRunEver").path(fields[f]).asDouble() / 1000;
            }
            series.put(names[f], v);
        }
        if (first) {
            cats.add("first run ever");
        }
        SvgChart.bars(out.resolve("start.svg"), "Cold start: process start → … (target: on screen < 3 s)", "s", cats, series);

        Map<String, double[]> mem = new LinkedHashMap<>();
        List<String> memCats = List.of("RSS", "PSS");
        startup.path("cold").properties().forEach(e -> mem.put("one page, core(s) " + e.getKey(), new double[] {
                e.getValue().path("median").path("rssMiB").path("median").asDouble(),
                e.getValue().path("median").path("pssMiB").path("median").asDouble()}));
        JsonNode an = s.path("cpu").path("animatedMedian");
        mem.put("follower, animated page", new double[] {an.path("followerRssMiB").path("median").asDouble(),
                an.path("followerPssMiB").path("median").asDouble()});
        SvgChart.bars(out.resolve("memory.svg"), "Memory: app JVM + Chromium processes (target: PSS < 500 MiB)", "MiB", memCats, mem);

        Map<String, double[]> cpu = new LinkedHashMap<>();
        JsonNode st = s.path("cpu").path("static");
        cpu.put("follower", new double[] {an.path("followerCpuPercentOfOneCore").path("median").asDouble(),
                st.path("followerCpuPercentOfOneCore").asDouble()});
        cpu.put("leader", new double[] {an.path("leaderCpuPercentOfOneCore").path("median").asDouble(),
                st.path("leaderCpuPercentOfOneCore").asDouble()});
        SvgChart.bars(out.resolve("cpu.svg"), "CPU while following (% of one core)", "%", List.of("animated page", "static page"), cpu);
    }

    private static String table(JsonNode s) {
        StringBuilder b = new StringBuilder();
        JsonNode fr = s.path("startup").path("firstRunEver");
        b.append("| start | page requested ms | first contentful paint ms | on screen ms | RSS MiB | PSS MiB |\n|---|---|---|---|---|---|\n");
        s.path("startup").path("cold").properties().forEach(e -> {
            JsonNode m = e.getValue().path("median");
            b.append(String.format(Locale.ROOT, "| cold, core(s) %s, median (min–max) of %d | %s | %s | %s | %s | %s |%n", e.getKey(),
                    e.getValue().path("starts").size(), cell(m.path("pageRequestedMs")), cell(m.path("firstContentfulPaintMs")),
                    cell(m.path("onScreenMs")), cell(m.path("rssMiB")), cell(m.path("pssMiB"))));
        });
        if (!fr.isMissingNode()) {
            b.append(String.format(Locale.ROOT, "| first run ever | %.0f | %.0f | %.0f | %.0f | %.0f |%n", fr.path("pageRequestedMs").asDouble(),
                    fr.path("firstContentfulPaintMs").asDouble(), fr.path("onScreenMs").asDouble(), fr.path("rssMiB").asDouble(),
                    fr.path("pssMiB").asDouble()));
        }
        JsonNode an = s.path("cpu").path("animatedMedian");
        JsonNode st = s.path("cpu").path("static");
        b.append(String.format(Locale.ROOT, "%nCPU (%% of one core), animated page: follower %s, leader %s, follower fps %s; static page: follower %.1f, leader %.1f%n",
                cell(an.path("followerCpuPercentOfOneCore")), cell(an.path("leaderCpuPercentOfOneCore")),
                cell(an.path("followerFramesPerSecond")), st.path("followerCpuPercentOfOneCore").asDouble(),
                st.path("leaderCpuPercentOfOneCore").asDouble()));
        return b.toString();
    }

    private static String cell(JsonNode x) {
        return String.format(Locale.ROOT, "%.0f (%.0f–%.0f)", x.path("median").asDouble(), x.path("min").asDouble(), x.path("max").asDouble());
    }

    /** Deletes a folder and everything in it, as far as possible. */
    public static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // left behind in the temporary folder
                }
            });
        } catch (IOException e) {
            // left behind in the temporary folder
        }
    }
}
