package dev.companion.bench.scc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.companion.bench.report.SvgChart;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** The scc benchmark's derived figures, summary.json and charts. */
final class SccReport {
    static final double PRESENCE_P99_TARGET_MS = 50;
    static final double RECONNECT_TARGET_PER_S = 5000;

    private SccReport() {
    }

    /** Headline figures: medians across runs, ratios against the bare MINA floor, targets. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> derive(Map<String, Object> summary) {
        Map<String, Object> scc = (Map<String, Object>) summary.get("scc");
        Map<String, Object> d = new LinkedHashMap<>();
        Map<String, Object> ramp = (Map<String, Object>) scc.get("ramp");
        Map<String, Object> setup = (Map<String, Object>) summary.get("setup");
        int requested = num(setup.get("terminalsRequested")).intValue();
        d.put("terminalsRequested", requested);
        d.put("openFileLimitPerProcess", setup.get("openFileLimitPerProcess"));
        d.put("terminalsTarget", ramp.get("target"));
        d.put("terminalsReached", ramp.get("reached"));
        d.put("rampSeconds", ramp.get("seconds"));
        d.put("rampHitTimeBound", ramp.get("hitTimeBound"));
        d.put("serverCpuMsPerRampLogin", cpuMsPer(ramp, "reached"));
        Map<String, Object> mem = (Map<String, Object>) scc.get("memory");
        long ours = num(mem.get("serverHeapBytesPerTerminal")).longValue();
        d.put("serverHeapBytesPerTerminal", ours);
        d.put("serverLiveHeapAtHoldBytes", mem.get("serverLiveHeapAfterBytes"));
        d.put("serverCpuAtHold", ((Map<String, Object>) scc.get("hold")).get("serverCpu"));
        double cpuPer = num(((Map<String, Object>) scc.get("hold")).get("serverCpuMicrosPerTerminalPerSecond")).doubleValue();
        d.put("serverCpuMicrosPerTerminalPerSecond", cpuPer);
        d.put("projectedAtRequested", Map.of(
                "terminals", requested,
                "serverLiveHeapBytes", num(mem.get("serverLiveHeapBeforeBytes")).longValue() + ours * requested,
                "serverCoresForHeartbeats", LoadPhases.round(cpuPer * requested / 1e6)));
        Map<String, Object> bare = (Map<String, Object>) summary.get("bareMina");
        if (bare != null) {
            long floor = num(((Map<String, Object>) bare.get("memory")).get("serverHeapBytesPerTerminal")).longValue();
            d.put("bareMinaHeapBytesPerTerminal", floor);
            d.put("heapPerTerminalRatioToBareMina", LoadPhases.round(ours / (double) Math.max(1, floor)));
            d.put("bareMinaTerminalsReached", ((Map<String, Object>) bare.get("ramp")).get("reached"));
            d.put("bareMinaRampSeconds", ((Map<String, Object>) bare.get("ramp")).get("seconds"));
            d.put("bareMinaServerCpuMsPerFullHandshake", cpuMsPer((Map<String, Object>) bare.get("ramp"), "reached"));
        }
        Map<String, Object> p = (Map<String, Object>) scc.get("presence");
        d.put("presenceOffline", p.get("offline"));
        d.put("presenceOnline", p.get("online"));
        d.put("presenceMissingReceipts", p.get("missingReceipts"));
        d.put("presenceOtherProcessesOnServerCore", p.get("otherProcessesOnServerCore"));
        double offP99 = num(((Map<String, Object>) p.get("offline")).get("p99Ms")).doubleValue();
        double onP99 = num(((Map<String, Object>) p.get("online")).get("p99Ms")).doubleValue();
        d.put("presenceOfflineP99TargetMet", offP99 < PRESENCE_P99_TARGET_MS);
        d.put("presenceOnlineP99TargetMet", onP99 < PRESENCE_P99_TARGET_MS);
        d.put("tokenReconnectsPerSecond", medianOf((List<Map<String, Object>>) scc.get("reconnect"), "perSecond"));
        d.put("tokenReconnectTargetMet", num(((Map<String, Object>) d.get("tokenReconnectsPerSecond")).get("median"))
                .doubleValue() >= RECONNECT_TARGET_PER_S);
        d.put("serverCpuMsPerTokenReconnect", ((List<Map<String, Object>>) scc.get("reconnect")).stream()
                .map(r -> cpuMsPer(r, "completed")).toList());
        d.put("passwordLoginsPerSecond", medianOf((List<Map<String, Object>>) scc.get("password"), "perSecond"));
        d.put("serverCpuMsPerPasswordLogin", ((List<Map<String, Object>>) scc.get("password")).stream()
                .map(r -> cpuMsPer(r, "completed")).toList());
        Map<String, Object> hash = (Map<String, Object>) scc.get("hashCost");
        d.put("argon2idVerifyMs", hash == null ? null : hash.get("medianMs"));
        return d;
    }

    /** Server CPU milliseconds per unit of a phase (serverCpu × wall seconds / count). */
    static double cpuMsPer(Map<String, Object> phase, String countKey) {
        double count = num(phase.get(countKey)).doubleValue();
        return count <= 0 ? 0 : LoadPhases.round(num(phase.get("serverCpu")).doubleValue()
                * num(phase.get("wallSeconds")).doubleValue() * 1000 / count);
    }

    /** median, min, max, runs and how many runs had the load generator's core saturated (invalid). */
    static Map<String, Object> medianOf(List<Map<String, Object>> runs, String key) {
        List<Double> v = new ArrayList<>();
        int saturated = 0;
        for (Map<String, Object> r : runs) {
            v.add(num(r.get(key)).doubleValue());
            if (Boolean.TRUE.equals(r.get("loadgenSaturated"))) {
                saturated++;
            }
        }
        List<Double> sorted = v.stream().sorted().toList();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("median", sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2));
        m.put("min", sorted.isEmpty() ? 0 : sorted.get(0));
        m.put("max", sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1));
        m.put("runs", v);
        m.put("runsWithLoadgenSaturated", saturated);
        return m;
    }

    @SuppressWarnings("unchecked")
    static void write(Path out, Map<String, Object> summary) throws IOException {
        Map<String, Object> scc = (Map<String, Object>) summary.get("scc");
        Map<String, Object> p = (Map<String, Object>) scc.get("presence");
        Map<String, Histogram> lat = new LinkedHashMap<>();
        lat.put("offline → contacts", Hists.decode((String) p.remove("offlineHistogram")));
        lat.put("online → contacts", Hists.decode((String) p.remove("onlineHistogram")));
        lat.put("token login (TLS + login_ok)", Hists.decode((String) p.remove("tokenLoginHistogram")));
        Map<String, Object> d = (Map<String, Object>) summary.get("derived");
        SvgChart.percentiles(out.resolve("presence-latency.svg"), String.format(Locale.ROOT,
                "Presence push latency at %s online terminals (%s changes/s)", d.get("terminalsReached"),
                fmt(num(p.get("ratePerSecond")).doubleValue())), lat);
        Map<String, double[]> mem = new LinkedHashMap<>();
        Map<String, Object> sccMem = (Map<String, Object>) scc.get("memory");
        mem.put("scc-lite", new double[] {num(d.get("serverHeapBytesPerTerminal")).doubleValue() / 1024,
                num(sccMem.get("loadgenHeapBytesPerTerminal")).doubleValue() / 1024});
        Map<String, Object> bare = (Map<String, Object>) summary.get("bareMina");
        if (bare != null) {
            Map<String, Object> bareMem = (Map<String, Object>) bare.get("memory");
            mem.put("bare MINA + TLS", new double[] {num(d.get("bareMinaHeapBytesPerTerminal")).doubleValue() / 1024,
                    num(bareMem.get("loadgenHeapBytesPerTerminal")).doubleValue() / 1024});
        }
        SvgChart.bars(out.resolve("memory-per-terminal.svg"), "Heap per idle online terminal (after full GC)", "KiB",
                List.of("server", "load generator (client side)"), mem);
        List<Map<String, Object>> rec = (List<Map<String, Object>>) scc.get("reconnect");
        List<Map<String, Object>> pw = (List<Map<String, Object>>) scc.get("password");
        List<String> cats = new ArrayList<>();
        for (int i = 0; i < rec.size(); i++) {
            cats.add("run " + (i + 1));
        }
        Map<String, double[]> rates = new LinkedHashMap<>();
        rates.put("token reconnects/s", rec.stream().mapToDouble(r -> num(r.get("perSecond")).doubleValue()).toArray());
        rates.put("target", rec.stream().mapToDouble(r -> RECONNECT_TARGET_PER_S).toArray());
        SvgChart.bars(out.resolve("token-reconnects.svg"), "Token reconnects per second (close + TLS 1.3 + login)",
                "/s", cats, rates);
        Map<String, double[]> pws = new LinkedHashMap<>();
        pws.put("password logins/s", pw.stream().mapToDouble(r -> num(r.get("perSecond")).doubleValue()).toArray());
        SvgChart.bars(out.resolve("password-logins.svg"), "Password logins per second (Argon2id, TLS 1.3)", "/s",
                cats.subList(0, Math.min(cats.size(), pw.size())), pws);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(out.resolve("summary.json").toFile(), summary);
    }

    @SuppressWarnings("unchecked")
    static void printTable(Map<String, Object> summary, PrintStream o) {
        Map<String, Object> d = (Map<String, Object>) summary.get("derived");
        o.println();
        o.println("| figure | value |");
        o.println("|---|---|");
        o.printf(Locale.ROOT, "| terminals online | %s of %s in %s s%s (requested %s, open-file limit %s) |%n",
                d.get("terminalsReached"), d.get("terminalsTarget"), d.get("rampSeconds"),
                Boolean.TRUE.equals(d.get("rampHitTimeBound")) ? " (time bound hit)" : "", d.get("terminalsRequested"),
                d.get("openFileLimitPerProcess"));
        o.printf(Locale.ROOT, "| server CPU holding them (heartbeats) | %s of a core (%s µs per terminal per s) |%n",
                d.get("serverCpuAtHold"), d.get("serverCpuMicrosPerTerminalPerSecond"));
        o.printf(Locale.ROOT, "| server heap per terminal | %s B (bare MINA TLS: %s B, ratio %s) |%n",
                d.get("serverHeapBytesPerTerminal"), d.getOrDefault("bareMinaHeapBytesPerTerminal", "-"),
                d.getOrDefault("heapPerTerminalRatioToBareMina", "-"));
        o.printf(Locale.ROOT, "| presence offline p50/p99/p99.9/max | %s |%n", pcts(d.get("presenceOffline")));
        o.printf(Locale.ROOT, "| presence online p50/p99/p99.9/max | %s |%n", pcts(d.get("presenceOnline")));
        o.printf(Locale.ROOT, "| token reconnects/s | %s |%n", rate(d.get("tokenReconnectsPerSecond")));
        o.printf(Locale.ROOT, "| password logins/s | %s (Argon2id verify %s ms) |%n", rate(d.get("passwordLoginsPerSecond")),
                d.get("argon2idVerifyMs"));
    }

    @SuppressWarnings("unchecked")
    private static String rate(Object o) {
        Map<String, Object> m = (Map<String, Object>) o;
        return "median " + m.get("median") + " (" + m.get("min") + "–" + m.get("max") + ") over " + m.get("runs")
                + (num(m.get("runsWithLoadgenSaturated")).intValue() > 0 ? ", load generator saturated in "
                + m.get("runsWithLoadgenSaturated") + " run(s)" : "");
    }

    @SuppressWarnings("unchecked")
    private static String pcts(Object o) {
        Map<String, Object> m = (Map<String, Object>) o;
        return m.get("p50Ms") + " / " + m.get("p99Ms") + " / " + m.get("p99_9Ms") + " / " + m.get("maxMs") + " ms (n="
                + m.get("count") + ")";
    }

    static Number num(Object o) {
        return o instanceof Number n ? n : 0;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
