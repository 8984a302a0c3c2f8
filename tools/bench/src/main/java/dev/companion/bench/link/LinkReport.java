package dev.companion.bench.link;

import dev.companion.bench.report.Summary;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.companion.bench.link.Measure.Config;
import dev.companion.bench.link.Measure.Pct;
import dev.companion.bench.link.Measure.RunRecord;
import dev.companion.bench.report.SvgChart;
import dev.companion.p2p.protocol.Codec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/** summary.json, the SVG charts and the Markdown tables of the link (and peers) scenario. */
public final class LinkReport {
    private LinkReport() {
    }

    public static String label(Config c) {
        return switch (c.system()) {
            case "link" -> "our link, group of " + c.group();
            case "datachannel" -> "DataChannel, group of " + c.group();
            case "relay" -> "ws relay, group of " + c.group();
            case "ice" -> "our link over ICE (direct through two NATs), group of " + c.group();
            case "turn" -> "our link via the TURN relay (two symmetric NATs), group of " + c.group();
            case String x when x.startsWith("ice-loss") -> "our link over ICE, " + x.substring(8) + " % loss each way, group of "
                    + c.group();
            default -> c.system() + ", group of " + c.group();
        };
    }

    /** "./companion bench NAME args..." as the user typed it (picocli's original arguments). */
    public static String command(picocli.CommandLine.Model.CommandSpec spec, String name) {
        List<String> args = spec == null ? List.of() : spec.commandLine().getParseResult().originalArgs();
        if (!args.isEmpty() && args.get(0).equals(name)) {
            args = args.subList(1, args.size());
        }
        return "./companion bench " + name + (args.isEmpty() ? "" : " " + String.join(" ", args));
    }

    public static String rate(double r) {
        return r == Math.rint(r) ? Long.toString((long) r) : Double.toString(r);
    }

    private static String ms(double micros) {
        return Double.isNaN(micros) ? "–" : String.format(Locale.ROOT, "%.3f", micros / 1000);
    }

    private static String ratio(double a, double b) {
        if (!(b > 0) || Double.isNaN(a)) {
            return "–";
        }
        double r = a / b;
        return String.format(Locale.ROOT, r >= 0.1 ? "%.2f" : "%.2g", r);
    }

    private static final List<String> ORDER = List.of("link", "link-nodelay", "ice", "turn", "datachannel", "relay");

    /** Systems in a fixed order (ours first), then group, then rate. */
    static List<Config> sorted(List<Config> configs) {
        return configs.stream().sorted(java.util.Comparator
                .comparingInt((Config c) -> ORDER.contains(c.system()) ? ORDER.indexOf(c.system()) : ORDER.size())
                .thenComparing(Config::system).thenComparingInt(Config::group).thenComparingDouble(Config::rate)).toList();
    }

    /** Writes summary.json and the charts into out; returns the Markdown tables. */
    public static String write(Path out, String scenario, String command, Plan plan, List<Config> unsorted,
                               Map<String, String> layouts, List<String> notes, double wallSeconds) throws IOException {
        List<Config> configs = sorted(unsorted);
        Files.createDirectories(out);
        ObjectNode root = Summary.start(scenario, command);
        root.put("wallSeconds", Math.round(wallSeconds));
        ObjectNode method = root.putObject("method");
        method.put("message", "action (Messages.ActionMsg, input Action) of " + Payload.BYTES + " bytes JSON; ack = ok{req: seq}");
        method.put("latency", "round trip from each action's intended send time (start + i/rate; a late sender catches up"
                + " without skipping) to its ack's arrival at the leader, one sample per follower; one-way estimate = RTT/2");
        method.put("units", "microseconds");
        method.put("medianAndSpread", "per-run percentiles; median across valid runs, spread = min and max across them");
        method.put("valid", "a run is saturated when core 0 (the leader's, i.e. the generator's) was >= "
                + Math.round(Measure.SATURATED * 100) + "% busy (everything on it counted), disturbed when other processes"
                + " took >= " + Math.round(Measure.DISTURBED * 100) + "% of core 0 or 1; disturbed runs are repeated (up to "
                + plan.retries() + " extra per configuration); medians are over valid runs, else undisturbed ones");
        ObjectNode p = root.putObject("plan");
        ArrayNode rates = p.putArray("rates");
        plan.rates().forEach(rates::add);
        p.put("runs", plan.runs()).put("samplesPerRunTarget", plan.samples()).put("minRunSeconds", plan.minRunSeconds())
                .put("maxRunSeconds", plan.maxRunSeconds()).put("warmupSeconds", plan.warmupSeconds())
                .put("jitWarmupSeconds", plan.jitWarmupSeconds());
        p.put("childJvm", String.join(" ", plan.jvmOptions()));
        ObjectNode lay = root.putObject("layouts");
        layouts.forEach(lay::put);
        ArrayNode results = root.putArray("results");
        for (Config c : configs) {
            results.add(json(c));
        }
        ArrayNode ratios = root.putArray("ratios");
        for (double r : plan.rates()) {
            Optional<Config> ours = find(configs, "link", 2, r);
            if (ours.isEmpty()) {
                continue;
            }
            ObjectNode o = ratios.addObject();
            o.put("rate", r);
            for (String peer : List.of("datachannel", "relay")) {
                find(configs, peer, 2, r).ifPresent(pc -> {
                    ObjectNode v = o.putObject("ours/" + peer);
                    v.put("p50", round(ours.get().median().p50() / pc.median().p50()));
                    v.put("p99", round(ours.get().median().p99() / pc.median().p99()));
                    for (String path : List.of("ice", "turn")) {
                        find(configs, path, 2, r).ifPresent(ic -> {
                            ObjectNode w = o.putObject(path + "/" + peer);
                            w.put("p50", round(ic.median().p50() / pc.median().p50()));
                            w.put("p99", round(ic.median().p99() / pc.median().p99()));
                        });
                    }
                });
            }
        }
        ArrayNode n = root.putArray("notes");
        notes.forEach(n::add);
        Files.writeString(out.resolve("summary.json"),
                Codec.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
        charts(out, plan, configs);
        return markdown(plan, configs);
    }

    private static double round(double v) {
        if (!Double.isFinite(v) || v == 0) {
            return 0;
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).doubleValue();
    }

    private static Optional<Config> find(List<Config> configs, String system, int group, double rate) {
        return configs.stream().filter(c -> c.system().equals(system) && c.group() == group && c.rate() == rate).findFirst();
    }

    private static ObjectNode json(Config c) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("system", c.system()).put("group", c.group()).put("rate", c.rate()).put("runSeconds", c.runSeconds());
        Pct med = c.median();
        o.put("samples", med.samples()).put("lost", c.lost());
        o.put("validRuns", c.runs().stream().filter(RunRecord::valid).count());
        o.put("countedRuns", c.counted().size());
        pct(o.putObject("rttMedian"), med, 1);
        pct(o.putObject("rttLow"), c.low(), 1);
        pct(o.putObject("rttHigh"), c.high(), 1);
        pct(o.putObject("oneWayMedian"), med, 0.5);
        pct(o.putObject("rttPooled"), Pct.of(c.pooledRtt()), 1);
        pct(o.putObject("rttFromActualSendPooled"), Pct.of(c.pooledFromSend()), 1);
        pct(o.putObject("sendLatePooled"), Pct.of(c.pooledLate()), 1);
        ArrayNode runs = o.putArray("runs");
        for (RunRecord r : c.runs()) {
            ObjectNode j = runs.addObject();
            pct(j, Pct.of(r.result().rtt()), 1);
            j.put("sent", r.result().sent()).put("lost", r.result().lost());
            j.put("core0Busy", round(r.core0Busy())).put("core1Busy", round(r.core1Busy()));
            j.put("leaderCpu", round(r.leaderCpu())).put("otherCpu", round(r.otherCpu()))
                    .put("foreignLoad0", round(r.foreign0())).put("foreignLoad1", round(r.foreign1()))
                    .put("saturated", r.saturated()).put("disturbed", r.disturbed()).put("counted", c.counted().contains(r));
        }
        return o;
    }

    private static void pct(ObjectNode o, Pct p, double factor) {
        if (p.samples() > 0) {
            o.put("samples", p.samples());
        }
        o.put("p50", p.p50() * factor).put("p99", p.p99() * factor).put("p99_9", p.p999() * factor).put("max", p.max() * factor);
    }

    private static void charts(Path out, Plan plan, List<Config> configs) throws IOException {
        List<String> series = new ArrayList<>();
        for (Config c : configs) {
            if (!series.contains(label(c))) {
                series.add(label(c));
            }
        }
        for (double r : plan.rates()) {
            Map<String, Histogram> lines = new LinkedHashMap<>();
            for (Config c : configs) {
                if (c.rate() == r) {
                    lines.put(label(c), c.pooledRtt());
                }
            }
            if (!lines.isEmpty()) {
                SvgChart.percentiles(out.resolve("rtt-" + rate(r) + ".svg"),
                        "Round trip of a " + Payload.BYTES + " B action at " + rate(r) + "/s (3 runs pooled)", lines);
            }
        }
        List<String> cats = plan.rates().stream().map(r -> rate(r) + "/s").toList();
        Map<String, double[]> bars = new LinkedHashMap<>();
        for (String s : series) {
            double[] v = new double[plan.rates().size()];
            for (int i = 0; i < v.length; i++) {
                double r = plan.rates().get(i);
                v[i] = configs.stream().filter(c -> label(c).equals(s) && c.rate() == r && !saturated(c)).findFirst()
                        .map(c -> c.median().p99() / 1000).orElse(0.0);
            }
            bars.put(s, v);
        }
        boolean left = configs.stream().anyMatch(LinkReport::saturated);
        SvgChart.bars(out.resolve("p99-by-rate.svg"), "p99 round trip (median of runs) by rate"
                + (left ? "; saturated runs left out" : ""), "ms", cats, bars);
    }

    /** Every counted run saturated the leader's core: a backlog, not a latency (left out of the bar chart). */
    static boolean saturated(Config c) {
        return c.counted().stream().allMatch(RunRecord::saturated);
    }

    /** The results table and the ratio table, in Markdown. */
    public static String markdown(Plan plan, List<Config> unsorted) {
        List<Config> configs = sorted(unsorted);
        StringBuilder b = new StringBuilder();
        b.append("| system | rate /s | s × runs | samples | RTT p50 | RTT p99 | RTT p99.9 | RTT max | p99 spread | one-way p50 | one-way p99 | from send p99 | send late p99 | leader CPU | valid runs |\n");
        b.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (Config c : configs) {
            Pct m = c.median();
            double cpu = c.counted().stream().mapToDouble(RunRecord::leaderCpu).sorted().skip(c.counted().size() / 2).findFirst().orElse(0);
            b.append(String.format(Locale.ROOT, "| %s | %s | %s × %d | %d | %s | %s | %s | %s | %s–%s | %s | %s | %s | %s | %d%% | %d/%d%s |%n",
                    label(c), rate(c.rate()), rate(c.runSeconds()), c.counted().size(), m.samples(), ms(m.p50()), ms(m.p99()),
                    ms(m.p999()), ms(m.max()), ms(c.low().p99()), ms(c.high().p99()), ms(m.p50() / 2), ms(m.p99() / 2),
                    ms(Pct.of(c.pooledFromSend()).p99()), ms(Pct.of(c.pooledLate()).p99()), Math.round(cpu * 100),
                    c.runs().stream().filter(RunRecord::valid).count(), c.runs().size(),
                    c.runs().stream().anyMatch(RunRecord::saturated) ? " (saturated)" : ""));
        }
        boolean any = false;
        StringBuilder r = new StringBuilder();
        r.append("\n| rate /s | ours p50 / DataChannel p50 | ours p99 / DataChannel p99 | ours p50 / relay p50 | ours p99 / relay p99 |\n");
        r.append("|--:|--:|--:|--:|--:|\n");
        for (double rate : plan.rates()) {
            Optional<Config> ours = find(configs, "link", 2, rate);
            Optional<Config> dc = find(configs, "datachannel", 2, rate);
            Optional<Config> relay = find(configs, "relay", 2, rate);
            if (ours.isEmpty() || (dc.isEmpty() && relay.isEmpty())) {
                continue;
            }
            any = true;
            Pct o = ours.get().median();
            r.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", rate(rate),
                    dc.map(d -> ratio(o.p50(), d.median().p50())).orElse("–"),
                    dc.map(d -> ratio(o.p99(), d.median().p99())).orElse("–"),
                    relay.map(d -> ratio(o.p50(), d.median().p50())).orElse("–"),
                    relay.map(d -> ratio(o.p99(), d.median().p99())).orElse("–")));
        }
        if (any) {
            b.append(r);
        }
        StringBuilder ice = new StringBuilder();
        ice.append("\n| rate /s | ICE p50 / DataChannel p50 | ICE p99 / DataChannel p99 (target ≤ 1.2) | TURN p50 / DataChannel p50 | TURN p99 / DataChannel p99 |\n");
        ice.append("|--:|--:|--:|--:|--:|\n");
        boolean anyIce = false;
        for (double rate : plan.rates()) {
            Optional<Config> dc = find(configs, "datachannel", 2, rate);
            Optional<Config> direct = find(configs, "ice", 2, rate);
            Optional<Config> turn = find(configs, "turn", 2, rate);
            if (dc.isEmpty() || (direct.isEmpty() && turn.isEmpty())) {
                continue;
            }
            anyIce = true;
            Pct d = dc.get().median();
            ice.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", rate(rate),
                    direct.map(c -> ratio(c.median().p50(), d.p50())).orElse("–"),
                    direct.map(c -> ratio(c.median().p99(), d.p99())).orElse("–"),
                    turn.map(c -> ratio(c.median().p50(), d.p50())).orElse("–"),
                    turn.map(c -> ratio(c.median().p99(), d.p99())).orElse("–")));
        }
        if (anyIce) {
            b.append(ice);
        }
        b.append("\nAll times in ms; RTT percentiles are the median of the counted runs' percentiles; one-way = RTT/2;"
                + " leader CPU = share of one core used by the leader's process(es).\n");
        return b.toString();
    }
}
