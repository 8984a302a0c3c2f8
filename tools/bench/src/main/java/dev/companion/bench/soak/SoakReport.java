package dev.companion.bench.soak;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.companion.bench.report.SvgChart;
import dev.companion.bench.scc.Hists;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/** The soak's figures, verdicts, summary.json and charts (rss.svg, presence-p99.svg, presence-percentiles.svg). */
final class SoakReport {
    /** "[12.345s][info][gc] GC(12) Pause Young … 45M->12M(256M) 3.456ms": uptime, heap after, heap size. */
    private static final Pattern GC = Pattern.compile("^\\[(\\d+\\.\\d+)s\\].*GC\\(\\d+\\).*?(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private SoakReport() {
    }

    /** What the load generator and the attacker reported: presence idle, per window under attack, after; the attack's counts; live heaps. */
    record Runs(Map<String, Object> idle, List<Map<String, Object>> windows, Map<String, Object> after,
                Map<String, Object> attack, Map<String, Object> liveHeap) {
    }

    static void write(Path out, Map<String, Object> summary, Runs runs, Sampler sampler, int rssBoundMib, Path gcLog)
            throws IOException {
        Map<String, Object> idle = runs.idle();
        List<Map<String, Object>> windows = runs.windows();
        List<Sampler.Sample> samples = sampler.samples();
        Map<String, Double> marks = sampler.marks();
        double attackStart = marks.getOrDefault("attack", 0.0);
        double attackEnd = marks.getOrDefault("end", Double.MAX_VALUE);

        Map<String, Object> presence = new LinkedHashMap<>();
        presence.put("idle", brief(idle));
        List<Map<String, Object>> under = new ArrayList<>();
        Histogram onAttack = Hists.decode((String) windows.get(0).get("onlineHistogram"));
        Histogram offAttack = Hists.decode((String) windows.get(0).get("offlineHistogram"));
        for (int i = 0; i < windows.size(); i++) {
            under.add(brief(windows.get(i)));
            if (i > 0) {
                onAttack.add(Hists.decode((String) windows.get(i).get("onlineHistogram")));
                offAttack.add(Hists.decode((String) windows.get(i).get("offlineHistogram")));
            }
        }
        presence.put("underAttackByWindow", under);
        presence.put("underAttackOnline", Hists.summary(onAttack));
        presence.put("underAttackOffline", Hists.summary(offAttack));
        if (runs.after() != null) {
            presence.put("afterAttack", brief(runs.after()));
        }
        double idleOn = p99(idle, "online");
        double idleOff = p99(idle, "offline");
        double worstOn = windows.stream().mapToDouble(w -> p99(w, "online")).max().orElse(0);
        double worstOff = windows.stream().mapToDouble(w -> p99(w, "offline")).max().orElse(0);
        long missing = windows.stream().mapToLong(w -> ((Number) w.get("missingReceipts")).longValue()).sum();
        long failures = windows.stream().mapToLong(w -> ((Number) w.get("reloginFailures")).longValue()).sum();
        Map<String, Object> ratios = new LinkedHashMap<>();
        ratios.put("worstWindowOnlineP99OverIdle", round(worstOn / Math.max(idleOn, 1e-9)));
        ratios.put("worstWindowOfflineP99OverIdle", round(worstOff / Math.max(idleOff, 1e-9)));
        ratios.put("attackOnlineP99OverIdle", round(onAttack.getValueAtPercentile(99) / 1000.0 / Math.max(idleOn, 1e-9)));
        ratios.put("attackOfflineP99OverIdle", round(offAttack.getValueAtPercentile(99) / 1000.0 / Math.max(idleOff, 1e-9)));
        presence.put("ratios", ratios);
        presence.put("missingReceiptsUnderAttack", missing);
        presence.put("reloginFailuresUnderAttack", failures);
        summary.put("presence", presence);

        Map<String, Object> memory = new LinkedHashMap<>();
        double rssMax = samples.stream().mapToDouble(Sampler.Sample::rssMib).max().orElse(0);
        double rssMaxAttack = samples.stream().filter(s -> s.seconds() >= attackStart && s.seconds() <= attackEnd)
                .mapToDouble(Sampler.Sample::rssMib).max().orElse(0);
        double rssAtAttack = samples.stream().filter(s -> s.seconds() >= attackStart).findFirst().map(Sampler.Sample::rssMib).orElse(0.0);
        double rssLast = samples.isEmpty() ? 0 : samples.get(samples.size() - 1).rssMib();
        memory.put("rssMibAtAttackStart", round(rssAtAttack));
        memory.put("rssMibMaxUnderAttack", round(rssMaxAttack));
        memory.put("rssMibMax", round(rssMax));
        memory.put("rssMibAtEnd", round(rssLast));
        List<double[]> heap = heapAfterGc(gcLog);
        memory.put("heapAfterGcMibMaxUnderAttack", heap.stream().filter(p -> p[0] >= attackStart && p[0] <= attackEnd)
                .mapToDouble(p -> p[1]).max().orElse(0));
        memory.put("heapAfterGcMibMaxIdle", heap.stream().filter(p -> p[0] < attackStart).mapToDouble(p -> p[1]).max().orElse(0));
        memory.put("heapCommittedMibMax", heap.stream().mapToDouble(p -> p[2]).max().orElse(0));
        memory.put("gcCount", heap.size());
        memory.put("liveHeapMibAfterFullGc", runs.liveHeap());
        List<List<Double>> timeline = new ArrayList<>();
        for (int i = 0; i < samples.size(); i += 5) {
            Sampler.Sample s = samples.get(i);
            timeline.add(List.of(round(s.seconds()), round(s.rssMib())));
        }
        memory.put("rssTimelineSecondsMib", timeline);
        summary.put("memory", memory);
        summary.put("serverCpu", cpu(samples, marks));
        summary.put("marksSecondsSinceServerStart", marks);
        summary.put("attack", runs.attack());

        Map<String, Object> verdict = new LinkedHashMap<>();
        verdict.put("rssUnderBound", rssMax < rssBoundMib);
        verdict.put("serverAlive", summary.get("serverAlive"));
        verdict.put("p99Within2xOfIdle", worstOn <= 2 * idleOn && worstOff <= 2 * idleOff);
        verdict.put("nothingMissed", missing == 0 && failures == 0);
        summary.put("verdict", verdict);

        Files.createDirectories(out);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("summary.json").toFile(), summary);
        charts(out, samples, heap, idle, windows, onAttack, offAttack, rssBoundMib, marks);
    }

    private static void charts(Path out, List<Sampler.Sample> samples, List<double[]> heap, Map<String, Object> idle,
                               List<Map<String, Object>> windows, Histogram onAttack, Histogram offAttack, int rssBoundMib,
                               Map<String, Double> marks) throws IOException {
        double t0 = marks.getOrDefault("idle", 0.0);
        List<double[]> rss = new ArrayList<>();
        for (Sampler.Sample s : samples) {
            rss.add(new double[] {Math.max(0, (s.seconds() - t0) / 60), s.rssMib()});
        }
        List<double[]> live = new ArrayList<>();
        for (double[] h : heap) {
            if (h[0] >= t0) {
                live.add(new double[] {(h[0] - t0) / 60, h[1]});
            }
        }
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        series.put("server RSS", rss);
        series.put("heap after GC", live);
        double attackAt = (marks.getOrDefault("attack", t0) - t0) / 60;
        SvgChart.timeline(out.resolve("rss.svg"), String.format(java.util.Locale.ROOT,
                "Control center memory: idle, then every flood from minute %.1f", attackAt), "MiB", series, rssBoundMib, "bound");

        List<String> cats = new ArrayList<>(List.of("idle"));
        double[] on = new double[windows.size() + 1];
        double[] off = new double[windows.size() + 1];
        on[0] = p99(idle, "online");
        off[0] = p99(idle, "offline");
        for (int i = 0; i < windows.size(); i++) {
            cats.add(Integer.toString(i + 1));
            on[i + 1] = p99(windows.get(i), "online");
            off[i + 1] = p99(windows.get(i), "offline");
        }
        Map<String, double[]> bars = new LinkedHashMap<>();
        bars.put("online p99", on);
        bars.put("offline p99", off);
        SvgChart.bars(out.resolve("presence-p99.svg"), "Presence p99: idle, then each window under attack", "ms", cats, bars);

        Map<String, Histogram> pct = new LinkedHashMap<>();
        pct.put("online, idle", Hists.decode((String) idle.get("onlineHistogram")));
        pct.put("online, attack", onAttack);
        pct.put("offline, idle", Hists.decode((String) idle.get("offlineHistogram")));
        pct.put("offline, attack", offAttack);
        SvgChart.percentiles(out.resolve("presence-percentiles.svg"), "Presence latency, idle vs under attack", pct);
    }

    /** The figures of one presence run, without its histograms. */
    private static Map<String, Object> brief(Map<String, Object> r) {
        Map<String, Object> b = new LinkedHashMap<>();
        for (String k : List.of("events", "expectedReceipts", "missingReceipts", "reloginFailures", "reloginFailureReasons",
                "schedulerMaxLagMs", "offline", "online", "tokenLogin")) {
            b.put(k, r.get(k));
        }
        return b;
    }

    @SuppressWarnings("unchecked")
    private static double p99(Map<String, Object> r, String which) {
        return ((Number) ((Map<String, Object>) r.get(which)).get("p99Ms")).doubleValue();
    }

    private static Map<String, Object> cpu(List<Sampler.Sample> samples, Map<String, Double> marks) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("idle", share(samples, marks.getOrDefault("idle", 0.0), marks.getOrDefault("attack", 0.0)));
        c.put("underAttack", share(samples, marks.getOrDefault("attack", 0.0), marks.getOrDefault("end", Double.MAX_VALUE)));
        return c;
    }

    /** Cores used by the server between two moments (1.0: one core busy). */
    private static double share(List<Sampler.Sample> samples, double from, double to) {
        Sampler.Sample a = null;
        Sampler.Sample b = null;
        for (Sampler.Sample s : samples) {
            if (a == null && s.seconds() >= from) {
                a = s;
            }
            if (s.seconds() <= to) {
                b = s;
            }
        }
        return a == null || b == null || b.seconds() <= a.seconds() ? 0
                : round((b.cpuSeconds() - a.cpuSeconds()) / (b.seconds() - a.seconds()));
    }

    /** {uptime seconds, heap after GC MiB, heap size MiB} per collection in the server's GC log. */
    static List<double[]> heapAfterGc(Path gcLog) {
        List<double[]> r = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(gcLog)) {
                Matcher m = GC.matcher(line);
                if (m.find()) {
                    r.add(new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4))});
                }
            }
        } catch (IOException e) {
            // no GC log: no heap figures
        }
        return r;
    }

    static double round(double d) {
        return Math.round(d * 100) / 100.0;
    }
}
