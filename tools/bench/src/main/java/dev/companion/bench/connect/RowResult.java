package dev.companion.bench.connect;

import dev.companion.bench.link.Hist;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.HdrHistogram.Histogram;

/**
 * The figures of one row over its system's runs. Counted runs are the undisturbed ones, or all when
 * every run was disturbed. Cold: the first connect of each counted run (one sample per run), median
 * and spread across runs. Warm: every later connect; per run p50 / p95 / max (HdrHistogram, µs), then
 * the median of each across the counted runs and its spread (lowest and highest run).
 */
record RowResult(Row row, List<RunRecord> runs, List<RunRecord> counted) {

    static RowResult of(Row row, List<RunRecord> all) {
        List<RunRecord> mine = all.stream().filter(r -> r.system().equals(row.system())).toList();
        List<RunRecord> undisturbed = mine.stream().filter(r -> !r.disturbed()).toList();
        return new RowResult(row, mine, undisturbed.isEmpty() ? mine : undisturbed);
    }

    /** Percentiles of one run's warm connects, µs. */
    record Pct(long samples, double p50, double p95, double max) {
        static Pct of(Histogram h) {
            return h.getTotalCount() == 0 ? new Pct(0, Double.NaN, Double.NaN, Double.NaN)
                    : new Pct(h.getTotalCount(), h.getValueAtPercentile(50), h.getValueAtPercentile(95), h.getMaxValue());
        }
    }

    private List<Sample> samples(RunRecord r) {
        return r.samples().stream().filter(s -> s.row().equals(row.id()) && s.ok()).toList();
    }

    /** The cold connect of each counted run (absent when the run's first connect was not of this row or failed). */
    List<Sample> cold() {
        List<Sample> out = new ArrayList<>();
        for (RunRecord r : counted) {
            samples(r).stream().filter(Sample::cold).findFirst().ifPresent(out::add);
        }
        return out;
    }

    double[] coldTotals() {
        return cold().stream().mapToDouble(s -> s.mark(row.total())).toArray();
    }

    /** Median of each mark over the cold connects (NaN when none has it). */
    double coldMark(String mark) {
        return median(cold().stream().filter(s -> s.mark(mark) >= 0).mapToDouble(s -> s.mark(mark)).toArray());
    }

    Histogram warm(RunRecord r) {
        Histogram h = Hist.micros();
        samples(r).stream().filter(s -> !s.cold()).forEach(s -> h.recordValue(clamp(s.mark(row.total()))));
        return h;
    }

    List<Pct> warmPerRun() {
        return counted.stream().map(r -> Pct.of(warm(r))).filter(p -> p.samples() > 0).toList();
    }

    long warmSamples() {
        return warmPerRun().stream().mapToLong(Pct::samples).sum();
    }

    double warmMedian(ToDoubleFunction<Pct> f) {
        return median(warmPerRun().stream().mapToDouble(f).toArray());
    }

    double warmLow(ToDoubleFunction<Pct> f) {
        return warmPerRun().stream().mapToDouble(f).min().orElse(Double.NaN);
    }

    double warmHigh(ToDoubleFunction<Pct> f) {
        return warmPerRun().stream().mapToDouble(f).max().orElse(Double.NaN);
    }

    /** Warm connects of the counted runs together (charts). */
    Histogram warmPooled() {
        return Hist.pooled(counted.stream().map(this::warm).toList());
    }

    /** p50 of one mark over the warm connects of the counted runs that have it. */
    double warmMarkP50(String mark) {
        Histogram h = Hist.micros();
        for (RunRecord r : counted) {
            samples(r).stream().filter(s -> !s.cold() && s.mark(mark) >= 0).forEach(s -> h.recordValue(clamp(s.mark(mark))));
        }
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(50);
    }

    /**
     * p50 of the warm connects in the last third of each counted run (index at least 2/3 of the run's
     * connects), pooled: where the JIT warm-up of the processes is heading.
     */
    double lateP50() {
        Histogram h = Hist.micros();
        for (RunRecord r : counted) {
            int n = r.samples().size();
            samples(r).stream().filter(s -> !s.cold() && s.index() >= (2 * n) / 3)
                    .forEach(s -> h.recordValue(clamp(s.mark(row.total()))));
        }
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(50);
    }

    long failures() {
        return runs.stream().flatMap(r -> r.samples().stream()).filter(s -> s.row().equals(row.id()) && !s.ok()).count();
    }

    long disturbedRuns() {
        return runs.stream().filter(RunRecord::disturbed).count();
    }

    boolean measured() {
        return !warmPerRun().isEmpty() || coldTotals().length > 0;
    }

    /**
     * Connects of the counted runs (cold and warm) by the TLS handshake they made: "full", "resumed"
     * and "unknown" (no TLS session seen); empty for rows without TLS.
     */
    Map<String, Long> tlsHandshakes() {
        Map<String, Long> m = new java.util.LinkedHashMap<>();
        if (row.handshake() == null) {
            return m;
        }
        m.put(Row.FULL, 0L);
        m.put(Row.RESUMED, 0L);
        m.put("unknown", 0L);
        for (RunRecord r : counted) {
            samples(r).forEach(s -> m.merge(s.handshake() == null ? "unknown" : s.handshake(), 1L, Long::sum));
        }
        return m;
    }

    /** Connects of the counted runs that made another TLS handshake than the row is about. */
    long tlsUnexpected() {
        return row.handshake() == null ? 0 : counted.stream().flatMap(r -> samples(r).stream())
                .filter(s -> s.handshake() != null && !s.handshake().equals(row.handshake())).count();
    }

    /** Distinct failure reasons (first few). */
    List<String> failureReasons() {
        return runs.stream().flatMap(r -> r.samples().stream()).filter(s -> s.row().equals(row.id()) && !s.ok())
                .map(Sample::why).distinct().limit(5).toList();
    }

    Map<String, Double> coldMarks() {
        Map<String, Double> m = new java.util.LinkedHashMap<>();
        row.marks().forEach(k -> m.put(k.name(), coldMark(k.name())));
        return m;
    }

    static double median(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }

    private static long clamp(long micros) {
        return Math.clamp(micros, 0, Hist.MAX_MICROS);
    }
}
