package dev.companion.bench.connect;

import dev.companion.bench.link.Cpu;
import dev.companion.bench.link.Measure;
import dev.companion.bench.report.Progress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of one path: its connects, in order, and the CPU picture over them (from just before the
 * first connect to just after the last, pauses included): how busy each core was (everything on it),
 * the share of a core our pinned processes on core 0 (initiator) and core 1 (other side) used, and the
 * harness's unpinned share (this JVM, Playwright's driver, the idle control center of other paths),
 * which may have run on either core.
 */
record RunRecord(String system, int run, String layout, List<Sample> samples, double seconds, double core0Busy,
                 double core1Busy, double initiatorCpu, double otherCpu, double harnessCpu, Map<String, Object> extras) {

    /** Busy time on core 0 that our core-0 processes do not account for. */
    double foreign0() {
        return Math.max(0, core0Busy - initiatorCpu);
    }

    double foreign1() {
        return Math.max(0, core1Busy - otherCpu);
    }

    /**
     * Other people's load: the larger of the two cores' unexplained shares, less the harness's own
     * unpinned share (which may have been on that core).
     */
    double foreign() {
        return Math.max(0, Math.max(foreign0(), foreign1()) - harnessCpu);
    }

    /** Other processes took at least {@link Measure#DISTURBED} of a core during the run. */
    boolean disturbed() {
        return foreign() >= Measure.DISTURBED;
    }

    long failures() {
        return samples.stream().filter(s -> !s.ok()).count();
    }

    /**
     * Connects count times one after the other (a pause of gapMillis after each, so that a closed
     * connection is torn down before the next starts) and takes the CPU picture around them.
     */
    static RunRecord measure(String system, int run, ConnectSystem s, int count, long gapMillis, Progress progress,
                             long[] done) throws Exception {
        Cpu.Cores c0 = Cpu.Cores.now();
        Duration i0 = Cpu.of(s.initiatorProcesses());
        Duration o0 = Cpu.of(s.otherProcesses());
        Duration all0 = Cpu.of(List.of(ProcessHandle.current()));
        long t0 = System.nanoTime();
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            samples.add(s.connect(i));
            progress.update(++done[0]);
            Thread.sleep(gapMillis); // pacing between connects, not synchronisation
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        Cpu.Cores c1 = Cpu.Cores.now();
        double ini = Cpu.of(s.initiatorProcesses()).minus(i0).toNanos() / 1e9;
        double oth = Cpu.of(s.otherProcesses()).minus(o0).toNanos() / 1e9;
        double all = Cpu.of(List.of(ProcessHandle.current())).minus(all0).toNanos() / 1e9;
        double harness = Math.max(0, all - ini - oth);
        return new RunRecord(system, run, s.layout(), List.copyOf(samples), wall, c1.busySince(c0, 0), c1.busySince(c0, 1),
                ini / wall, oth / wall, harness / wall, new LinkedHashMap<>());
    }
}
