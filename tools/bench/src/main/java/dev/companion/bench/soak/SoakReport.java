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

/**
 * The soak's figures, verdicts, summary.json and charts (rss.svg, presence-p99.svg,
 * presence-percentiles.svg). Phases, by the sampler's marks: idle (before the attack), the attack's
 * ramp, the attack, after (the attack stopped).
 */
final class SoakReport {
    /** "[12.345s][info][gc] GC(12) Pause Young … 45M->12M(256M) 3.456ms": uptime, heap after, heap size, pause. */
    private static final Pattern GC = Pattern.compile("^\\[(\\d+\\.\\d+)s\\].*GC\\(\\d+\\) Pause.*?(\\d+)M->(\\d+)M\\((\\d+)M\\) ([0-9.]+)ms");

    private SoakReport() {
    }

    /** What the load generator and the attacker reported, and the live heaps. attackRamp and after may be null. */
    record Runs(Map<String, Object> idle, Map<String, Object> attackRamp, List<Map<String, Object>> windows,
                Map<String, Object> after, Map<String, Object> attack, Map<String, Object> liveHeap) {
    }

    /** A span of the run, in seconds since the server started. */
    private record Phase(String name, double from, double to) {
        boolean holds(double t) {
            return t >= from && t <= to;
        }
    }

    static void write(Path out, Map<String, Object> summary, Runs runs, Sampler sampler, int rssBoundMib, Path gcLog)
            throws IOException {
        List<Sampler.Sample> samples = sampler.samples();
        Map<String, Double> marks = sampler.marks();
        List<Phase> phases = List.of(
                new Phase("idle", marks.getOrDefault("idle", 0.0), marks.getOrDefault("attackRamp", 0.0)),
                new Phase("attackRamp", marks.getOrDefault("attackRamp", 0.0), marks.getOrDefault("attack", 0.0)),
                new Phase("attack", marks.getOrDefault("attack", 0.0), marks.getOrDefault("end", 0.0)),
                new Phase("after", marks.getOrDefault("end", 0.0), marks.getOrDefault("stop", Double.MAX_VALUE)));
        List<double[]> gc = gcLog(gcLog);

        summary.put("presence", presence(runs));
        summary.put("memory", memory(samples, gc, phases, runs));
        Map<String, Object> byPhase = new LinkedHashMap<>();
        for (Phase p : phases) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seconds", round(p.to() - p.from()));
            m.put("serverCores", share(samples, p, Sampler.Sample::cpuSeconds));
            m.put("otherProcessesCores", round(Math.max(0, share(samples, p, Sampler.Sample::machineCpuSeconds)
                    - share(samples, p, Sampler.Sample::ownCpuSeconds))));
            m.put("gcPauses", pauses(gc, p));
            byPhase.put(p.name(), m);
        }
        summary.put("phases", byPhase);
        summary.put("marksSecondsSinceServerStart", marks);
        summary.put("attack", runs.attack());

        Map<String, Object> verdict = new LinkedHashMap<>();
        double rssMax = samples.stream().mapToDouble(Sampler.Sample::rssMib).max().orElse(0);
        verdict.put("rssUnderBound", rssMax < rssBoundMib);
        verdict.put("serverAlive", summary.get("serverAlive"));
        double baseOn = baseline(runs, "online");
        double baseOff = baseline(runs, "offline");
        verdict.put("p99Within2xOfIdle", runs.windows().stream().allMatch(w -> p99(w, "online") <= 2 * baseOn
                && p99(w, "offline") <= 2 * baseOff));
        verdict.put("nothingMissed", runs.windows().stream().allMatch(w -> ((Number) w.get("missingReceipts")).longValue() == 0
                && ((Number) w.get("reloginFailures")).longValue() == 0));
        summary.put("verdict", verdict);

        Files.createDirectories(out);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("summary.json").toFile(), summary);
        charts(out, samples, gc, runs, rssBoundMib, marks);
    }

    private static Map<String, Object> presence(Runs runs) {
        Map<String, Object> presence = new LinkedHashMap<>();
        presence.put("idle", brief(runs.idle()));
        if (runs.attackRamp() != null) {
            presence.put("attackRamp", brief(runs.attackRamp()));
        }
        List<Map<String, Object>> under = new ArrayList<>();
        Histogram on = histogram(runs.windows().get(0), "online");
        Histogram off = histogram(runs.windows().get(0), "offline");
        for (int i = 0; i < runs.windows().size(); i++) {
            under.add(brief(runs.windows().get(i)));
            if (i > 0) {
                on.add(histogram(runs.windows().get(i), "online"));
                off.add(histogram(runs.windows().get(i), "offline"));
            }
        }
        presence.put("underAttackByWindow", under);
        presence.put("underAttackOnline", Hists.summary(on));
        presence.put("underAttackOffline", Hists.summary(off));
        if (runs.after() != null) {
            presence.put("afterAttack", brief(runs.after()));
        }
        Map<String, Object> ratios = new LinkedHashMap<>();
        for (String which : List.of("online", "offline")) {
            double worst = runs.windows().stream().mapToDouble(w -> p99(w, which)).max().orElse(0);
            double all = (which.equals("online") ? on : off).getValueAtPercentile(99) / 1000.0;
            String w = Character.toUpperCase(which.charAt(0)) + which.substring(1);
            ratios.put("worstWindow" + w + "P99OverBaseline", round(worst / Math.max(baseline(runs, which), 1e-9)));
            ratios.put("attack" + w + "P99OverBaseline", round(all / Math.max(baseline(runs, which), 1e-9)));
            ratios.put("attack" + w + "P99OverIdleBefore", round(all / Math.max(p99(runs.idle(), which), 1e-9)));
            if (runs.after() != null) {
                ratios.put("attack" + w + "P99OverIdleAfter", round(all / Math.max(p99(runs.after(), which), 1e-9)));
            }
        }
        ratios.put("baseline", "the lower p99 of the idle runs before and after the attack");
        presence.put("ratios", ratios);
        return presence;
    }

    private static Map<String, Object> memory(List<Sampler.Sample> samples, List<double[]> gc, List<Phase> phases, Runs runs) {
        Map<String, Object> memory = new LinkedHashMap<>();
        Phase attack = phases.get(2);
        memory.put("rssMibAtAttackStart", round(samples.stream().filter(s -> s.seconds() >= phases.get(1).from()).findFirst()
                .map(Sampler.Sample::rssMib).orElse(0.0)));
        memory.put("rssMibMaxUnderAttack", round(samples.stream().filter(s -> attack.holds(s.seconds()))
                .mapToDouble(Sampler.Sample::rssMib).max().orElse(0)));
        memory.put("rssMibMax", round(samples.stream().mapToDouble(Sampler.Sample::rssMib).max().orElse(0)));
        memory.put("rssMibAtEnd", round(samples.isEmpty() ? 0 : samples.get(samples.size() - 1).rssMib()));
        memory.put("liveHeapMibAfterFullGc", runs.liveHeap());
        memory.put("heapAfterYoungGcMibMaxUnderAttack", gc.stream().filter(g -> attack.holds(g[0])).mapToDouble(g -> g[1]).max().orElse(0));
        memory.put("heapCommittedMibMax", gc.stream().mapToDouble(g -> g[2]).max().orElse(0));
        List<List<Double>> timeline = new ArrayList<>();
        for (int i = 0; i < samples.size(); i += 5) {
            timeline.add(List.of(round(samples.get(i).seconds()), round(samples.get(i).rssMib())));
        }
        memory.put("rssTimelineSecondsMib", timeline);
        return memory;
    }

    private static void charts(Path out, List<Sampler.Sample> samples, List<double[]> gc, Runs runs, int rssBoundMib,
                               Map<String, Double> marks) throws IOException {
        double t0 = marks.getOrDefault("idle", 0.0);
        List<double[]> rss = new ArrayList<>();
        for (Sampler.Sample s : samples) {
            rss.add(new double[] {Math.max(0, (s.seconds() - t0) / 60), s.rssMib()});
        }
        List<double[]> heap = new ArrayList<>();
        for (double[] g : gc) {
            if (g[0] >= t0) {
                heap.add(new double[] {(g[0] - t0) / 60, g[1]});
            }
        }
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        series.put("server RSS", rss);
        series.put("heap after GC", heap);
        SvgChart.timeline(out.resolve("rss.svg"), String.format(java.util.Locale.ROOT,
                "Control center memory: idle, every flood from minute %.1f to %.1f", (marks.getOrDefault("attackRamp", t0) - t0) / 60,
                (marks.getOrDefault("end", t0) - t0) / 60), "MiB", series, rssBoundMib, "bound");

        List<String> cats = new ArrayList<>(List.of("idle"));
        List<Map<String, Object>> shown = new ArrayList<>(List.of(runs.idle()));
        for (int i = 0; i < runs.windows().size(); i++) {
            cats.add(Integer.toString(i + 1));
            shown.add(runs.windows().get(i));
        }
        if (runs.after() != null) {
            cats.add("after");
            shown.add(runs.after());
        }
        Map<String, double[]> bars = new LinkedHashMap<>();
        bars.put("online p99", shown.stream().mapToDouble(r -> p99(r, "online")).toArray());
        bars.put("offline p99", shown.stream().mapToDouble(r -> p99(r, "offline")).toArray());
        SvgChart.bars(out.resolve("presence-p99.svg"), "Presence p99: idle, each window under attack, after", "ms", cats, bars);

        Map<String, Histogram> pct = new LinkedHashMap<>();
        Histogram on = histogram(runs.windows().get(0), "online");
        runs.windows().stream().skip(1).forEach(w -> on.add(histogram(w, "online")));
        pct.put("online, idle", histogram(runs.idle(), "online"));
        pct.put("online, attack", on);
        if (runs.after() != null) {
            pct.put("online, after", histogram(runs.after(), "online"));
        }
        SvgChart.percentiles(out.resolve("presence-percentiles.svg"), "Presence online latency: idle, under attack, after", pct);
    }

    private static Histogram histogram(Map<String, Object> run, String which) {
        return Hists.decode((String) run.get(which + "Histogram"));
    }

    /** The lower p99 of the idle runs (before, and after when there is one). */
    private static double baseline(Runs runs, String which) {
        double b = p99(runs.idle(), which);
        return runs.after() == null ? b : Math.min(b, p99(runs.after(), which));
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

    /** Cores (1.0: one core busy) a counter of CPU seconds grew by over the phase. */
    private static double share(List<Sampler.Sample> samples, Phase p, java.util.function.ToDoubleFunction<Sampler.Sample> cpu) {
        Sampler.Sample a = null;
        Sampler.Sample b = null;
        for (Sampler.Sample s : samples) {
            if (a == null && s.seconds() >= p.from()) {
                a = s;
            }
            if (s.seconds() <= p.to()) {
                b = s;
            }
        }
        return a == null || b == null || b.seconds() <= a.seconds() ? 0
                : round((cpu.applyAsDouble(b) - cpu.applyAsDouble(a)) / (b.seconds() - a.seconds()));
    }

    private static Map<String, Object> pauses(List<double[]> gc, Phase p) {
        List<Double> ms = new ArrayList<>();
        for (double[] g : gc) {
            if (p.holds(g[0])) {
                ms.add(g[3]);
            }
        }
        ms.sort(null);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", ms.size());
        m.put("p50Ms", ms.isEmpty() ? 0 : ms.get(ms.size() / 2));
        m.put("p99Ms", ms.isEmpty() ? 0 : ms.get(Math.min(ms.size() - 1, (int) Math.ceil(ms.size() * 0.99) - 1)));
        m.put("maxMs", ms.isEmpty() ? 0 : ms.get(ms.size() - 1));
        m.put("totalMs", round(ms.stream().mapToDouble(Double::doubleValue).sum()));
        return m;
    }

    /** {uptime seconds, heap after MiB, heap size MiB, pause ms} per pause in the server's GC log, without the full GCs the benchmark asked for. */
    static List<double[]> gcLog(Path gcLog) {
        List<double[]> r = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(gcLog)) {
                Matcher m = GC.matcher(line);
                if (m.find() && !line.contains("Diagnostic Command") && !line.contains("System.gc()")) {
                    r.add(new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4)),
                        Double.parseDouble(m.group(5))});
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
