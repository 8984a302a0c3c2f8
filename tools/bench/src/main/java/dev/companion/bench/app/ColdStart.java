package dev.companion.bench.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.companion.testkit.AppProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One cold start of the app, measured from outside: the app process is started (fresh profile) with
 * the benchmark's paint page as its start URL; from the moment just before the process start it
 * records when the page was requested, when the page's navigation started and first painted
 * (its own paint timing), when the test hook (the window) came up, and when the page's colour
 * first reached the X display. Then, after a settling time, the memory of the whole process tree.
 */
final class ColdStart {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The paint page's background (#12ab34). */
    static final int PAGE_RGB = 0x12ab34;

    private ColdStart() {
    }

    static ObjectNode measure(AppProcess.Spec spec, BenchSite site, ScreenWatch screen, Duration settle) throws Exception {
        site.clearMarks();
        if (screen.matches() > 0) {
            throw new IllegalStateException("the page colour is on the screen before the app started");
        }
        long self = ProcessHandle.current().pid();
        long[][] cores0 = ProcessTree.coreTicks();
        Map<Long, Long> self0 = ProcessTree.cpuTicks(self);
        AppProcess app = AppProcess.start(spec);
        AtomicLong hookUp = new AtomicLong(-1);
        Thread hookWatch = Thread.ofPlatform().daemon().start(() -> {
            try {
                app.hook(Duration.ofSeconds(60));
                hookUp.set(Clocks.epochMicros());
            } catch (Exception e) {
                // reported as missing
            }
        });
        try {
            long t0 = app.startedMicros();
            // the page's colour cannot be on the screen before the page was requested: watch the
            // screen (every 5 ms) from then on only, to keep the observer's CPU out of the start
            Long request = site.awaitPaintPageRequest(Duration.ofSeconds(60));
            long onScreen = request == null ? -1 : screen.awaitColour(20, 30_000, 5);
            // what the start cost, and whether something else ran meanwhile (this machine is shared)
            long[][] cores1 = ProcessTree.coreTicks();
            double appCpu = ProcessTree.cpuSecondsBetween(Map.of(), ProcessTree.cpuTicks(app.pid()));
            double selfCpu = ProcessTree.cpuSecondsBetween(self0, ProcessTree.cpuTicksExcluding(self, app.pid()));
            double wall = (Clocks.epochMicros() - t0) / 1e6;
            double busy = 0;
            for (double b : ProcessTree.coreBusy(cores0, cores1)) {
                busy += b * wall;
            }
            hookWatch.join(60_000);
            ObjectNode o = JSON.createObjectNode();
            o.put("pageRequestedMs", request == null ? -1 : ms(request - t0));
            // the page's marks: paint entries and load (epoch ms in the page)
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (System.nanoTime() < deadline && !(o.has("firstPaintMs") && o.has("firstContentfulPaintMs") && o.has("loadMs"))) {
                JsonNode m = site.nextMark(Duration.ofMillis(200));
                if (m == null) {
                    continue;
                }
                long t = Clocks.pageMicros(m.path("t").asDouble());
                switch (m.path("kind").asText() + "/" + m.path("name").asText()) {
                    case "paint/first-paint" -> o.put("firstPaintMs", ms(t - t0));
                    case "paint/first-contentful-paint" -> o.put("firstContentfulPaintMs", ms(t - t0));
                    case "load/" -> o.put("loadMs", ms(t - t0));
                    default -> { }
                }
                if (m.has("origin") && !o.has("navigationStartMs")) {
                    o.put("navigationStartMs", ms(Clocks.pageMicros(m.path("origin").asDouble()) - t0));
                }
            }
            o.put("hookUpMs", hookUp.get() < 0 ? -1 : ms(hookUp.get() - t0));
            o.put("onScreenMs", onScreen < 0 ? -1 : ms(onScreen - t0));
            o.put("appCpuSecondsToScreen", round2(appCpu));
            o.put("observerCpuSeconds", round2(selfCpu));
            o.put("otherCpuSeconds", round2(Math.max(0, busy - appCpu - selfCpu)));
            Thread.sleep(settle.toMillis()); // let the start settle before reading memory
            ProcessTree.Memory mem = ProcessTree.memory(app.pid());
            o.put("processes", mem.processes());
            o.put("rssMiB", round(mem.rssMiB()));
            o.put("pssMiB", round(mem.pssMiB()));
            o.put("jvmRssMiB", round(mem.rootRssKb() / 1024.0));
            o.put("jvmPssMiB", round(mem.rootPssKb() / 1024.0));
            ObjectNode byType = o.putObject("pssMiBByProcessType");
            ProcessTree.pssByProcessType(app.pid()).forEach((k, v) -> byType.put(k, round(v / 1024.0)));
            ObjectNode byMap = o.putObject("jvmPssMiBByMapping");
            ProcessTree.pssByMapping(app.pid()).forEach((k, v) -> byMap.put(k, round(v / 1024.0)));
            long[] heap = ProcessTree.javaHeapKb(app.pid()); // after the memory readings: jcmd attaches to the JVM
            if (heap != null) {
                o.put("javaHeapCommittedMiB", round(heap[0] / 1024.0));
                o.put("javaHeapUsedMiB", round(heap[1] / 1024.0));
            }
            return o;
        } finally {
            app.close();
            Await.until(screen::matches, n -> n == 0, Duration.ofSeconds(20), "the window gone from the screen");
        }
    }

    static AppProcess.Spec spec(Path profile, int sccPort, String fingerprint, String url, String cores, List<String> jvm,
                                Map<String, String> env) {
        return new AppProcess.Spec("alice", profile, sccPort, fingerprint, url, cores, jvm, "left", env);
    }

    static double ms(long micros) {
        return Math.round(micros / 100.0) / 10.0;
    }

    static double round2(double d) {
        return Math.round(d * 100) / 100.0;
    }

    static double round(double d) {
        return Math.round(d * 10) / 10.0;
    }
}
