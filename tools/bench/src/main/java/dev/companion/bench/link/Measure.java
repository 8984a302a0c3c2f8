package dev.companion.bench.link;

import dev.companion.bench.report.Progress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/** Runs warm-up and measured runs of one configuration, with CPU accounting around each run. */
public final class Measure {
    /** A run is invalid when the generator's core was at least this busy (everything on it counted). */
    public static final double SATURATED = 0.95;
    /** A run is disturbed when other processes took at least this share of one of the two cores. */
    public static final double DISTURBED = 0.25;

    private int nextRun;

    /**
     * One measured run and the CPU picture around it: how busy each core was (everything on it), the
     * share of a core the system's leader-side and other processes used, and what that leaves for
     * other people's load on each core (busy minus ours). saturated: the generator's (leader's) core
     * was at least {@link #SATURATED} busy; disturbed: other load took at least {@link #DISTURBED} of a
     * core. Valid runs are neither.
     */
    public record RunRecord(RunResult result, double core0Busy, double core1Busy, double leaderCpu,
                            double otherCpu) {
        public double foreign0() {
            return Math.max(0, core0Busy - leaderCpu);
        }

        public double foreign1() {
            return Math.max(0, core1Busy - otherCpu);
        }

        public boolean saturated() {
            return core0Busy >= SATURATED;
        }

        public boolean disturbed() {
            return foreign0() >= DISTURBED || foreign1() >= DISTURBED;
        }

        public boolean valid() {
            return !saturated() && !disturbed();
        }
    }

    /** Percentiles of a histogram in microseconds. */
    public record Pct(long samples, double p50, double p99, double p999, double max) {
        public static Pct of(Histogram h) {
            return new Pct(h.getTotalCount(), h.getValueAtPercentile(50), h.getValueAtPercentile(99),
                    h.getValueAtPercentile(99.9), h.getMaxValue());
        }
    }

    /**
     * One system at one rate: its runs, the median across the counted runs (the valid ones; else those
     * not disturbed by other load, i.e. the system saturated its own core; else all) and the spread
     * (min, max across them).
     */
    public record Config(String system, int group, double rate, double runSeconds, List<RunRecord> runs) {
        /** The runs the medians are taken over: the valid ones, or all when none is valid. */
        public List<RunRecord> counted() {
            List<RunRecord> valid = runs.stream().filter(RunRecord::valid).toList();
            if (!valid.isEmpty()) {
                return valid;
            }
            List<RunRecord> undisturbed = runs.stream().filter(r -> !r.disturbed()).toList();
            return undisturbed.isEmpty() ? runs : undisturbed;
        }

        public Pct median() {
            List<Pct> p = counted().stream().map(r -> Pct.of(r.result().rtt())).toList();
            return new Pct(p.stream().mapToLong(Pct::samples).sum(), med(p, Pct::p50), med(p, Pct::p99),
                    med(p, Pct::p999), med(p, Pct::max));
        }

        public Pct low() {
            List<Pct> p = counted().stream().map(r -> Pct.of(r.result().rtt())).toList();
            return new Pct(0, min(p, Pct::p50), min(p, Pct::p99), min(p, Pct::p999), min(p, Pct::max));
        }

        public Pct high() {
            List<Pct> p = counted().stream().map(r -> Pct.of(r.result().rtt())).toList();
            return new Pct(0, max(p, Pct::p50), max(p, Pct::p99), max(p, Pct::p999), max(p, Pct::max));
        }

        /** All counted runs' rtt samples together (charts). */
        public Histogram pooledRtt() {
            return Hist.pooled(counted().stream().map(r -> r.result().rtt()).toList());
        }

        public Histogram pooledFromSend() {
            return Hist.pooled(counted().stream().map(r -> r.result().fromSend()).toList());
        }

        public Histogram pooledLate() {
            return Hist.pooled(counted().stream().map(r -> r.result().late()).toList());
        }

        public long lost() {
            return runs.stream().mapToLong(r -> r.result().lost()).sum();
        }

        private static double med(List<Pct> p, java.util.function.ToDoubleFunction<Pct> f) {
            double[] v = p.stream().mapToDouble(f).sorted().toArray();
            if (v.length == 0) {
                return Double.NaN;
            }
            return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        }

        private static double min(List<Pct> p, java.util.function.ToDoubleFunction<Pct> f) {
            return p.stream().mapToDouble(f).min().orElse(Double.NaN);
        }

        private static double max(List<Pct> p, java.util.function.ToDoubleFunction<Pct> f) {
            return p.stream().mapToDouble(f).max().orElse(Double.NaN);
        }
    }

    /**
     * One rate for several systems at once: a warm-up run of each (discarded), then runs rounds in
     * which every system has one measured run in turn (so all meet the same background load), then up
     * to {@link Plan#retries()} extra runs for each system whose runs other load disturbed.
     */
    public List<Config> interleaved(List<EchoSystem> systems, double rate, Plan plan, Progress progress, long[] done)
            throws Exception {
        if (plan.warmupSeconds() > 0) {
            for (EchoSystem s : systems) {
                s.run(nextRun++, rate, plan.warmupSeconds());
                done[0] += Math.round(plan.warmupSeconds() * 1000);
                progress.update(done[0]);
            }
        }
        List<List<RunRecord>> records = new ArrayList<>();
        systems.forEach(s -> records.add(new ArrayList<>()));
        for (int k = 0; k < plan.runs(); k++) {
            for (int i = 0; i < systems.size(); i++) {
                EchoSystem s = systems.get(i);
                double seconds = plan.runSeconds(s.group(), rate);
                records.get(i).add(measured(s, rate, seconds));
                done[0] += Math.round(seconds * 1000);
                progress.update(done[0]);
            }
        }
        List<Config> configs = new ArrayList<>();
        for (int i = 0; i < systems.size(); i++) {
            EchoSystem s = systems.get(i);
            List<RunRecord> rs = records.get(i);
            double seconds = plan.runSeconds(s.group(), rate);
            for (int retry = 0; retry < plan.retries() && rs.stream().filter(r -> !r.disturbed()).count() < plan.runs(); retry++) {
                rs.add(measured(s, rate, seconds)); // again: other people's load disturbed one, not ours
            }
            configs.add(new Config(s.name(), s.group(), rate, seconds, List.copyOf(rs)));
        }
        return configs;
    }

    /** A discarded run (JIT warm-up before the first configuration). */
    public void warmUp(EchoSystem s, double rate, double seconds) throws Exception {
        s.run(nextRun++, rate, seconds);
    }

    private RunRecord measured(EchoSystem s, double rate, double seconds) throws Exception {
        Cpu.Cores c0 = Cpu.Cores.now();
        Duration l0 = Cpu.of(s.leaderProcesses());
        Duration o0 = Cpu.of(s.otherProcesses());
        long t0 = System.nanoTime();
        RunResult r = s.run(nextRun++, rate, seconds);
        double wall = (System.nanoTime() - t0) / 1e9;
        Cpu.Cores c1 = Cpu.Cores.now();
        double leader = Cpu.of(s.leaderProcesses()).minus(l0).toNanos() / 1e9 / wall;
        double other = Cpu.of(s.otherProcesses()).minus(o0).toNanos() / 1e9 / wall;
        return new RunRecord(r, c1.busySince(c0, 0), c1.busySince(c0, 1), leader, other);
    }
}
