package dev.companion.bench.connect;

import dev.companion.bench.report.Summary;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.companion.bench.connect.RowResult.Pct;
import dev.companion.bench.link.Measure;
import dev.companion.bench.link.Payload;
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

/** summary.json, the SVG charts and the Markdown tables of the connect scenario. */
final class ConnectReport {
    private ConnectReport() {
    }

    /** What was asked for: counts, pauses, child JVM options. */
    record Plan(int connects, int runs, int retries, long gapMillis, long settleMillis, int signinWarmup, List<String> jvmOptions) {
    }

    /** Our link's rows the ratios are of: a first link (full handshake) and a redial (resumed session). */
    static final List<String> OURS = List.of("link", "link-redial", "ice", "turn");
    static final List<String> OTHERS = List.of("datachannel", "datachannel-full", "relay");

    /** Writes summary.json and the charts into out; returns the Markdown tables. */
    static String write(Path out, String command, Plan plan, Map<String, Object> setup, List<Row> rows, List<RunRecord> records,
                        List<String> notes, double wallSeconds) throws IOException {
        Files.createDirectories(out);
        List<RowResult> results = rows.stream().map(r -> RowResult.of(r, records)).toList();
        ObjectNode root = Summary.start("connect", command);
        root.put("wallSeconds", Math.round(wallSeconds));
        ObjectNode method = root.putObject("method");
        method.put("measured", "time from 'start connecting' to 'the first action can be delivered and acknowledged' (for the"
                + " control center: to login_ok); every connect is a fresh connection, made and closed one at a time");
        method.put("message", "action (Messages.ActionMsg, input Action) of " + Payload.BYTES + " bytes JSON; ack = ok{req: seq}");
        method.put("cold", "the first connect of freshly started processes (a new pair of JVMs, browsers, or node + JVM per"
                + " run; for sign-ins a new terminal JVM against the long-running, warmed-up control center): one sample per run");
        method.put("warm", "every later connect of the run, same processes; per run p50/p95/max (HdrHistogram, µs, 3 digits)");
        method.put("lastThird", "warm connects whose index is at least 2/3 of the run's connects, pooled over the counted"
                + " runs: where the processes' JIT warm-up is heading");
        method.put("medianAndSpread", "median across the counted runs of each run's figure; spread = lowest and highest run");
        method.put("counted", "runs not disturbed; all runs when every run was disturbed");
        method.put("disturbed", "other processes took >= " + Math.round(Measure.DISTURBED * 100) + "% of core 0 or 1 during the"
                + " run: per core, busy time (/proc/stat) minus our pinned processes' CPU, minus the harness's unpinned CPU"
                + " (this JVM, Playwright's driver); disturbed runs are repeated (up to " + plan.retries() + " extra per path)");
        method.put("tlsHandshakes", "per TLS row, the counted connects by the handshake they made: 'resumed' when the"
                + " connection's TLS session (SSLSession.getCreationTime(), read through a measurement hook) was made before the"
                + " connect started — a resumed session keeps the time of the full handshake that made it — 'full' when not;"
                + " a note lists the rows where a connect made another handshake than the row is about");
        method.put("units", "microseconds");
        ObjectNode p = root.putObject("plan");
        p.put("connectsPerRunAndRow", plan.connects()).put("alternating", "links alternate first link and redial, DataChannel"
                        + " connects first-candidate and full-gathering SDP: " + 2 * plan.connects() + " per run; sign-ins take turns"
                        + " trust-on-first-use password, pinned password, pinned token: " + 3 * plan.connects() + " per run")
                .put("runs", plan.runs()).put("retries", plan.retries()).put("gapMillis", plan.gapMillis())
                .put("settleMillis", plan.settleMillis()).put("signinWarmup", plan.signinWarmup())
                .put("childJvm", String.join(" ", plan.jvmOptions()));
        root.set("setup", Codec.mapper().valueToTree(setup));
        ArrayNode rowsJson = root.putArray("rows");
        for (RowResult r : results) {
            rowsJson.add(json(r));
        }
        ArrayNode ratios = root.putArray("ratios");
        ratios(results).forEach(ratios::add);
        ArrayNode runs = root.putArray("runs");
        for (RunRecord r : records) {
            runs.add(json(r, results));
        }
        ArrayNode n = root.putArray("notes");
        notes.forEach(n::add);
        Files.writeString(out.resolve("summary.json"), Codec.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
        charts(out, results);
        return markdown(results);
    }

    private static ObjectNode json(RowResult r) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        Row row = r.row();
        o.put("id", row.id()).put("label", row.label()).put("measured", r.measured());
        o.put("clockStarts", row.clockStarts()).put("clockStops", row.clockStops());
        if (row.handshake() != null) {
            o.put("handshake", row.handshake());
            ObjectNode h = o.putObject("tlsHandshakes");
            r.tlsHandshakes().forEach(h::put);
        }
        ObjectNode marks = o.putObject("marks");
        row.marks().forEach(m -> marks.put(m.name(), m.meaning()));
        o.put("runs", r.runs().size()).put("countedRuns", r.counted().size()).put("disturbedRuns", r.disturbedRuns())
                .put("failedConnects", r.failures());
        ArrayNode why = o.putArray("failureReasons");
        r.failureReasons().forEach(why::add);
        double[] cold = r.coldTotals();
        ObjectNode c = o.putObject("cold");
        c.put("samples", cold.length);
        if (cold.length > 0) {
            c.put("median", round(RowResult.median(cold))).put("low", round(RowResult.min(cold))).put("high", round(RowResult.max(cold)));
            ArrayNode each = c.putArray("perRun");
            for (double v : cold) {
                each.add(Math.round(v));
            }
            ObjectNode cm = c.putObject("marksMedian");
            r.coldMarks().forEach((k, v) -> {
                if (!Double.isNaN(v)) {
                    cm.put(k, round(v));
                }
            });
        } else {
            c.put("note", switch (row.id()) {
                case "link-redial" -> "no cold sample: the first connect of a run is a first link";
                case "signin-password-pinned", "signin-token" -> "no cold sample: the first sign-in of a terminal JVM is the"
                        + " trust-on-first-use one";
                case "datachannel-full" -> "no cold sample: the first connect of a run sends the SDP with the first candidate";
                default -> "no cold sample";
            });
        }
        ObjectNode w = o.putObject("warm");
        w.put("samples", r.warmSamples());
        if (r.warmSamples() > 0) {
            w.put("p50", round(r.warmMedian(Pct::p50))).put("p95", round(r.warmMedian(Pct::p95)))
                    .put("max", round(r.warmMedian(Pct::max)));
            w.put("p50Low", round(r.warmLow(Pct::p50))).put("p50High", round(r.warmHigh(Pct::p50)));
            w.put("p95Low", round(r.warmLow(Pct::p95))).put("p95High", round(r.warmHigh(Pct::p95)));
            w.put("maxLow", round(r.warmLow(Pct::max))).put("maxHigh", round(r.warmHigh(Pct::max)));
            w.put("lastThirdP50Pooled", round(r.lateP50()));
            Pct pooled = Pct.of(r.warmPooled());
            w.putObject("pooled").put("p50", round(pooled.p50())).put("p95", round(pooled.p95())).put("max", round(pooled.max()));
            ObjectNode wm = w.putObject("marksP50Pooled");
            for (Row.Mark m : row.marks()) {
                double v = r.warmMarkP50(m.name());
                if (!Double.isNaN(v)) {
                    wm.put(m.name(), round(v));
                }
            }
        }
        return o;
    }

    private static ObjectNode json(RunRecord r, List<RowResult> results) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        boolean counted = results.stream().anyMatch(x -> x.counted().contains(r));
        o.put("system", r.system()).put("run", r.run()).put("layout", r.layout()).put("seconds", round3(r.seconds()));
        o.put("core0Busy", round3(r.core0Busy())).put("core1Busy", round3(r.core1Busy()))
                .put("initiatorCpu", round3(r.initiatorCpu())).put("otherCpu", round3(r.otherCpu()))
                .put("harnessCpu", round3(r.harnessCpu())).put("foreignLoad", round3(r.foreign()))
                .put("disturbed", r.disturbed()).put("counted", counted).put("failedConnects", r.failures());
        r.extras().forEach((k, v) -> o.set(k, Codec.mapper().valueToTree(v)));
        ArrayNode s = o.putArray("connects");
        for (Sample x : r.samples()) {
            ObjectNode j = s.addObject().put("row", x.row()).put("index", x.index()).put("ok", x.ok());
            if (!x.ok()) {
                j.put("why", x.why());
            }
            if (x.handshake() != null) {
                j.put("handshake", x.handshake());
            }
            x.marks().forEach(j::put);
        }
        return o;
    }

    /**
     * Each of our link's rows (first link, redial) / each other path (DataChannel, relay): cold median,
     * warm p50, warm p95 (0 where either has no figure, as the redial has no cold one).
     */
    private static List<ObjectNode> ratios(List<RowResult> results) {
        List<ObjectNode> out = new ArrayList<>();
        for (String id : OURS) {
            Optional<RowResult> ours = find(results, id).filter(RowResult::measured);
            if (ours.isEmpty()) {
                continue;
            }
            for (String other : OTHERS) {
                find(results, other).filter(RowResult::measured).ifPresent(t -> {
                    ObjectNode o = JsonNodeFactory.instance.objectNode();
                    o.put("ours", id).put("vs", other);
                    o.put("coldMedian", ratio(RowResult.median(ours.get().coldTotals()), RowResult.median(t.coldTotals())));
                    o.put("warmP50", ratio(ours.get().warmMedian(Pct::p50), t.warmMedian(Pct::p50)));
                    o.put("warmP95", ratio(ours.get().warmMedian(Pct::p95), t.warmMedian(Pct::p95)));
                    out.add(o);
                });
            }
        }
        return out;
    }

    private static Optional<RowResult> find(List<RowResult> results, String id) {
        return results.stream().filter(r -> r.row().id().equals(id)).findFirst();
    }

    private static double ratio(double a, double b) {
        return !(b > 0) || Double.isNaN(a) ? 0 : round(a / b, 3);
    }

    private static double round(double v) {
        return Double.isNaN(v) ? 0 : Math.round(v);
    }

    private static double round3(double v) {
        return round(v, 3);
    }

    private static double round(double v, int digits) {
        if (!Double.isFinite(v) || v == 0) {
            return 0;
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(digits)).doubleValue();
    }

    private static String shortLabel(Row r) {
        return switch (r.id()) {
            case "link" -> "link: first";
            case "link-redial" -> "link: redial";
            case "ice" -> "link: ICE direct";
            case "turn" -> "link: TURN relay";
            case "signin-password" -> "sign-in: pw, TOFU";
            case "signin-password-pinned" -> "sign-in: pw, pinned";
            case "signin-token" -> "sign-in: token, pinned";
            case "datachannel" -> "DataChannel";
            case "datachannel-full" -> "DC, full ICE";
            case "relay" -> "ws relay";
            default -> r.id();
        };
    }

    private static void charts(Path out, List<RowResult> results) throws IOException {
        List<RowResult> measured = results.stream().filter(RowResult::measured).toList();
        List<String> cats = measured.stream().map(r -> shortLabel(r.row())).toList();
        double[] cold = new double[measured.size()];
        double[] p50 = new double[measured.size()];
        double[] p95 = new double[measured.size()];
        for (int i = 0; i < measured.size(); i++) {
            RowResult r = measured.get(i);
            cold[i] = zero(RowResult.median(r.coldTotals())) / 1000;
            p50[i] = zero(r.warmMedian(Pct::p50)) / 1000;
            p95[i] = zero(r.warmMedian(Pct::p95)) / 1000;
        }
        Map<String, double[]> bars = new LinkedHashMap<>();
        bars.put("cold (median of runs)", cold);
        bars.put("warm p50", p50);
        bars.put("warm p95", p95);
        SvgChart.bars(out.resolve("connect-times.svg"), "Time to a usable link (first action acked; sign-in: login_ok)",
                "ms", cats, bars);
        Map<String, Histogram> lines = new LinkedHashMap<>();
        for (RowResult r : measured) {
            if (r.warmSamples() > 0) {
                lines.put(shortLabel(r.row()), r.warmPooled());
            }
        }
        SvgChart.percentiles(out.resolve("warm-percentiles.svg"), "Warm connects by percentile (counted runs pooled)", lines);
    }

    private static double zero(double v) {
        return Double.isNaN(v) ? 0 : v;
    }

    private static String ms(double micros) {
        if (Double.isNaN(micros)) {
            return "–";
        }
        double m = micros / 1000;
        return String.format(Locale.ROOT, m < 10 ? "%.2f" : m < 100 ? "%.1f" : "%.0f", m);
    }

    /** The results, breakdown and ratio tables, in Markdown (ms). */
    static String markdown(List<RowResult> results) {
        StringBuilder b = new StringBuilder();
        b.append("| path | cold: median of runs | cold spread | warm p50 | warm p95 | warm max | warm p50 spread | warm p95 spread"
                + " | warm p50, last third | warm samples | runs counted / measured | failed | TLS full / resumed |\n");
        b.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (RowResult r : results) {
            double[] cold = r.coldTotals();
            b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %d | %d/%d | %d | %s |%n", r.row().label(),
                    ms(RowResult.median(cold)), cold.length == 0 ? "–" : ms(RowResult.min(cold)) + "–" + ms(RowResult.max(cold)),
                    ms(r.warmMedian(Pct::p50)), ms(r.warmMedian(Pct::p95)), ms(r.warmMedian(Pct::max)),
                    spread(r, Pct::p50), spread(r, Pct::p95), ms(r.lateP50()), r.warmSamples(), r.counted().size(), r.runs().size(),
                    r.failures(), handshakes(r)));
        }
        b.append("\nWhere the time goes (ms from the start; cold: median of the runs' first connects; warm: pooled p50 of each mark):\n\n");
        b.append("| path | mark | cold | warm p50 |\n|---|---|--:|--:|\n");
        for (RowResult r : results) {
            for (Row.Mark m : r.row().marks()) {
                b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", r.row().label(), m.name(), ms(r.coldMark(m.name())),
                        ms(r.warmMarkP50(m.name()))));
            }
        }
        StringBuilder t = new StringBuilder("\nRatios (ours / other, same runs; the redial has no cold figure):\n\n"
                + "| ours | / other | cold median | warm p50 | warm p95 |\n|---|---|--:|--:|--:|\n");
        boolean any = false;
        for (String id : OURS) {
            Optional<RowResult> ours = find(results, id).filter(RowResult::measured);
            for (String other : OTHERS) {
                Optional<RowResult> o = find(results, other).filter(RowResult::measured);
                if (ours.isPresent() && o.isPresent()) {
                    any = true;
                    t.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", ours.get().row().label(), o.get().row().label(),
                            fmtRatio(RowResult.median(ours.get().coldTotals()), RowResult.median(o.get().coldTotals())),
                            fmtRatio(ours.get().warmMedian(Pct::p50), o.get().warmMedian(Pct::p50)),
                            fmtRatio(ours.get().warmMedian(Pct::p95), o.get().warmMedian(Pct::p95))));
                }
            }
        }
        if (any) {
            b.append(t);
        }
        return b.toString();
    }

    /** "full / resumed" TLS handshakes of a row's counted connects (and how many could not be told), or "–". */
    private static String handshakes(RowResult r) {
        Map<String, Long> h = r.tlsHandshakes();
        if (h.isEmpty()) {
            return "–";
        }
        long unknown = h.getOrDefault("unknown", 0L);
        return h.get(Row.FULL) + " / " + h.get(Row.RESUMED) + (unknown > 0 ? " (" + unknown + " not seen)" : "");
    }

    private static String spread(RowResult r, java.util.function.ToDoubleFunction<Pct> f) {
        return r.warmSamples() == 0 ? "–" : ms(r.warmLow(f)) + "–" + ms(r.warmHigh(f));
    }

    private static String fmtRatio(double a, double b) {
        return !(b > 0) || Double.isNaN(a) ? "–" : String.format(Locale.ROOT, "%.2f", a / b);
    }
}
