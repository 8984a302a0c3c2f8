package dev.companion.bench.follow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.companion.app.AppConfig;
import dev.companion.bench.app.Await;
import dev.companion.bench.app.BenchSite;
import dev.companion.bench.app.Clocks;
import dev.companion.bench.app.Groups;
import dev.companion.bench.app.ProcessTree;
import dev.companion.bench.report.Progress;
import dev.companion.scc.ControlCenter;
import dev.companion.testkit.AppProcess;
import dev.companion.testkit.ControlCenters;
import dev.companion.testkit.HookClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import javafx.geometry.Point2D;
import javafx.scene.input.KeyCode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * One run of {@link FollowBench}, in its own JVM pinned (by the parent) to the leader's core: a
 * control center and the benchmark page in this JVM, the leading terminal in this JVM (real window,
 * robot input), the following terminal in its own process on the other core. Measures, for each
 * sample, the time from just before the robot's input to the follower's page showing its effect,
 * and writes the samples as JSON.
 */
@Command(name = "follow-run", mixinStandardHelpOptions = true, description = "One FollowBench run (started by FollowBench).")
public final class FollowRun implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration SAMPLE_TIMEOUT = Duration.ofSeconds(3);

    @Option(names = "--out", required = true, description = "Where the run's JSON goes.")
    Path out;

    @Option(names = "--samples", description = "Measured samples per kind (default: ${DEFAULT-VALUE}).")
    int samples = 200;

    @Option(names = "--warmup", description = "Warm-up samples per kind, not recorded (default: ${DEFAULT-VALUE}).")
    int warmup = 20;

    @Option(names = "--block-seconds", description = "Time limit of each kind's block (default: ${DEFAULT-VALUE}).")
    int blockSeconds = 150;

    @Option(names = "--follower-core", description = "Core of the follower process (default: ${DEFAULT-VALUE}).")
    String followerCore = "1";

    @Option(names = "--follower-jvm", split = " ", description = "JVM options of the follower (default: ${DEFAULT-VALUE}).")
    List<String> followerJvm = AppProcess.SHIPPED_JVM_OPTIONS;

    @Option(names = "--kinds", split = ",", description = "Kinds to measure (default: ${DEFAULT-VALUE}).")
    List<String> kinds = FollowBench.KINDS;

    @Option(names = "--dir", description = "Working folder (profiles, logs); default: a new temporary folder.")
    Path dir;

    private BenchSite site;
    private LeaderTerminal leader;
    private HookClient follower;
    /** click-dom's figures when they were measured together with click's (interleaved). */
    private ObjectNode domClicks;

    public static void main(String[] args) {
        int code;
        try {
            code = new CommandLine(new FollowRun()).execute(args);
        } catch (Throwable t) {
            t.printStackTrace();
            code = 1;
        }
        System.exit(code); // CEF keeps non-daemon threads
    }

    @Override
    public Integer call() throws Exception {
        if (dir == null) {
            dir = Files.createTempDirectory("companion-follow-bench");
        }
        ObjectNode result = JSON.createObjectNode();
        long setup0 = System.nanoTime();
        try (ControlCenter scc = ControlCenters.startWithFriends(dir, "alice", "bob");
             BenchSite s = BenchSite.start()) {
            site = s;
            String page = site.url("/follow.html");
            AppProcess bob = AppProcess.start(new AppProcess.Spec("bob", dir.resolve("bob"), scc.port(), scc.fingerprint(),
                    "about:blank", followerCore, followerJvm, "right", Map.of()));
            try {
                AppConfig cfg = new AppConfig(dir.resolve("alice"), "127.0.0.1", scc.port(), scc.fingerprint(), "alice",
                        "about:blank", "127.0.0.1", Locale.ENGLISH, false, 0, "alice (leader)", "left");
                leader = LeaderTerminal.start(cfg);
                follower = bob.hook(Duration.ofSeconds(90));
                Groups.signIn(leader, "alice");
                Groups.signIn(follower, "bob");
                Groups.form(leader, "alice", follower, "bob");
                leader.load(page); // with cause "user": the follower loads it too
                Await.until(() -> follower.eval("location.pathname === '/follow.html' && document.readyState === 'complete'"
                        + " && !!document.getElementById('count')"), JsonNode::asBoolean, WAIT, "the follower on the benchmark page");
                Await.until(() -> leader.eval("document.readyState === 'complete' && !!document.getElementById('count')"),
                        JsonNode::asBoolean, WAIT, "the leader's page");
                follower.eval(resource("follower-recorder.js"));
                leader.eval(resource("leader-recorder.js"));
                result.set("clock", calibrate());
                result.put("setupSeconds", (System.nanoTime() - setup0) / 1e9);

                long[][] cores0 = ProcessTree.coreTicks();
                var leaderCpu0 = ProcessTree.cpuTicksExcluding(ProcessHandle.current().pid(), bob.pid());
                var followerCpu0 = ProcessTree.cpuTicks(bob.pid());
                long wall0 = System.nanoTime();
                ObjectNode kinds = result.putObject("kinds");
                for (String kind : this.kinds) {
                    long k0 = System.nanoTime();
                    ObjectNode k = switch (kind) {
                        case "click" -> clicks(true, this.kinds.contains("click-dom"));
                        case "click-dom" -> domClicks != null ? domClicks : clicks(false, true);
                        case "input" -> inputs();
                        case "scroll" -> scrolls();
                        default -> throw new IllegalArgumentException("unknown kind " + kind);
                    };
                    k.put("blockSeconds", (System.nanoTime() - k0) / 1e9);
                    System.err.printf(Locale.ROOT, "follow: %s done in %.0f s%n", kind, k.path("blockSeconds").asDouble());
                    kinds.set(kind, k);
                }
                double wall = (System.nanoTime() - wall0) / 1e9;
                ObjectNode cpu = result.putObject("cpu");
                cpu.put("wallSeconds", wall);
                cpu.put("leaderTreeSeconds", ProcessTree.cpuSecondsBetween(leaderCpu0,
                        ProcessTree.cpuTicksExcluding(ProcessHandle.current().pid(), bob.pid())));
                cpu.put("followerTreeSeconds", ProcessTree.cpuSecondsBetween(followerCpu0, ProcessTree.cpuTicks(bob.pid())));
                double[] busy = ProcessTree.coreBusy(cores0, ProcessTree.coreTicks());
                ArrayNode b = cpu.putArray("coreBusy");
                for (double d : busy) {
                    b.add(d);
                }
            } finally {
                if (leader != null) {
                    leader.close();
                }
                bob.close();
            }
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
        return 0;
    }

    // ---- the three kinds -------------------------------------------------------------------------

    /**
     * The leader clicks the counter button; the effect: the follower's counter shows the new count.
     * real: the follower presses as it ships (real input); dom: the follower clicks by a DOM event as
     * before real input (click-dom, the peer row: BrowserView#domPressForBenchmark through the test
     * hook). Both: alternately, one sample each, so both see the same machine; returns click's
     * figures and keeps click-dom's in {@link #domClicks}.
     */
    private ObjectNode clicks(boolean real, boolean dom) throws Exception {
        Point2D at = centreOf("#inc");
        leader.moveTo(at);
        Samples s = new Samples("click", "click");
        Samples d = new Samples("click-dom", "click");
        int modes = (real ? 1 : 0) + (dom ? 1 : 0);
        int expected = leader.eval("Number(document.getElementById('count').textContent)").asInt();
        Progress p = new Progress(real ? "click" : "click-dom", (warmup + samples) * modes);
        long end = System.nanoTime() + Duration.ofSeconds((long) blockSeconds * modes).toNanos();
        boolean domNow = false;
        try {
            for (int i = 0; i < (warmup + samples) * modes && System.nanoTime() < end; i++) {
                boolean useDom = dom && (!real || i % 2 == 1);
                if (useDom != domNow) {
                    follower.domPressForBenchmark(useDom);
                    domNow = useDom;
                }
                int want = ++expected;
                long t0 = leader.click();
                JsonNode m = site.awaitMark(x -> "click".equals(x.path("kind").asText()) && x.path("n").asInt() == want, SAMPLE_TIMEOUT);
                if (i / modes >= warmup) {
                    (useDom ? d : s).add(t0, m);
                }
                if (m == null) {
                    expected = leader.eval("Number(document.getElementById('count').textContent)").asInt();
                }
                p.update(i + 1);
                pause();
            }
        } finally {
            if (domNow) {
                follower.domPressForBenchmark(false);
            }
        }
        p.done();
        List<JsonNode> records = leaderRecords();
        if (dom) {
            domClicks = d.toJson(records);
        }
        return real ? s.toJson(records) : domClicks;
    }

    /** The leader types 'a' then Backspace into the text field, alternately; the effect: the follower's field value. */
    private ObjectNode inputs() throws Exception {
        leader.focusWindow();
        Await.until(leader::windowFocused, f -> f, WAIT, "the leader's window focused");
        leader.moveTo(centreOf("#text"));
        leader.click(); // focus the field (a click on a field is not an action)
        Await.until(() -> leader.eval("document.activeElement && document.activeElement.id"), v -> "text".equals(v.asText()),
                WAIT, "the leader's text field focused");
        Thread.sleep(200); // let the focus change settle before measuring
        leaderRecords();
        Samples s = new Samples("input");
        Progress p = new Progress("input", warmup + samples);
        long end = System.nanoTime() + Duration.ofSeconds(blockSeconds).toNanos();
        String value = leader.eval("document.getElementById('text').value").asText();
        for (int i = 0; i < warmup + samples && System.nanoTime() < end; i++) {
            boolean add = value.isEmpty();
            String want = add ? "a" : value.substring(0, value.length() - 1);
            long t0 = leader.key(add ? KeyCode.A : KeyCode.BACK_SPACE);
            JsonNode m = site.awaitMark(x -> "input".equals(x.path("kind").asText()) && x.path("value").asText().equals(want), SAMPLE_TIMEOUT);
            if (i >= warmup) {
                s.add(t0, m);
            }
            value = m != null ? want : leader.eval("document.getElementById('text').value").asText();
            p.update(i + 1);
            pause();
        }
        p.done();
        return s.toJson(leaderRecords());
    }

    /**
     * The leader turns the mouse wheel by one notch over the page (25 down, 25 up, ... around the
     * middle of the page); the effect: the follower's first scroll event in that direction. Also
     * the time until the follower reached the leader's final position (the leader's smooth
     * scrolling included).
     */
    private ObjectNode scrolls() throws Exception {
        leader.eval("window.scrollTo(0, 15000)"); // a setup step, followed like any other scroll
        Await.until(() -> follower.eval("window.scrollY"), v -> Math.abs(v.asDouble() - 15000) < 1, WAIT, "the follower at the middle");
        Thread.sleep(500);
        leader.moveTo(leader.viewCentre());
        leaderRecords();
        Samples s = new Samples("scroll");
        Progress p = new Progress("scroll", warmup + samples);
        double y = follower.eval("window.scrollY").asDouble();
        site.clearMarks();
        long end = System.nanoTime() + Duration.ofSeconds(blockSeconds).toNanos();
        for (int i = 0; i < warmup + samples && System.nanoTime() < end; i++) {
            int dir = (i / 25) % 2 == 0 ? 1 : -1;
            double from = y;
            long t0 = leader.wheel(dir);
            JsonNode first = site.awaitMark(x -> "scroll".equals(x.path("kind").asText())
                    && (dir > 0 ? x.path("y").asDouble() > from : x.path("y").asDouble() < from), SAMPLE_TIMEOUT);
            JsonNode reached = null;
            if (first != null) {
                // the follower goes on moving while the leader's smooth scrolling goes on (a position
                // at most every 100 ms): collect positions until 200 ms pass without one
                List<JsonNode> seen = new ArrayList<>(List.of(first));
                JsonNode m;
                while ((m = site.nextMark(Duration.ofMillis(200))) != null) {
                    if ("scroll".equals(m.path("kind").asText())) {
                        seen.add(m);
                    }
                }
                double leaderY = leader.eval("window.scrollY").asDouble();
                reached = seen.stream().filter(x -> Math.abs(x.path("y").asDouble() - leaderY) < 1).findFirst().orElse(null);
                if (reached == null) {
                    reached = site.awaitMark(x -> "scroll".equals(x.path("kind").asText())
                            && Math.abs(x.path("y").asDouble() - leaderY) < 1, Duration.ofSeconds(1));
                }
                y = reached != null ? leaderY : follower.eval("window.scrollY").asDouble();
            } else {
                Thread.sleep(300);
                y = follower.eval("window.scrollY").asDouble();
            }
            if (i >= warmup) {
                s.add(t0, first);
                s.addFinal(t0, reached, y - from);
            }
            p.update(i + 1);
        }
        p.done();
        return s.toJson(leaderRecords());
    }

    // ---- helpers ---------------------------------------------------------------------------------

    /** A random pause of 20-50 ms between samples: the next input never meets a busy pipeline. */
    private static void pause() throws InterruptedException {
        Thread.sleep(20 + ThreadLocalRandom.current().nextInt(31)); // pacing between samples, not a wait for an event
    }

    private Point2D centreOf(String selector) {
        JsonNode r = leader.eval("(() => { const e = document.querySelector('" + selector + "');"
                + " const r = e.getBoundingClientRect(); return {x: r.left + r.width / 2, y: r.top + r.height / 2}; })()");
        return leader.toScreen(r.path("x").asDouble(), r.path("y").asDouble());
    }

    /** What the leader's page saw since the last call (and forgets it). */
    private List<JsonNode> leaderRecords() {
        List<JsonNode> list = new ArrayList<>();
        while (true) { // in chunks: the page answers through the message router, keep messages small
            JsonNode chunk = leader.eval("window.__benchLead.splice(0, 200)");
            if (chunk.isEmpty()) {
                return list;
            }
            chunk.forEach(list::add);
        }
    }

    /**
     * Checks that the follower's page clock and this JVM's clock agree: reads the page's
     * timeOrigin + now() and Date.now() between two readings of this JVM's clock, 20 times.
     */
    private ObjectNode calibrate() {
        List<Long> offsets = new ArrayList<>();
        List<Long> rtts = new ArrayList<>();
        List<Long> hrMinusWall = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long a = Clocks.epochMicros();
            JsonNode v = follower.eval("({hr: performance.timeOrigin + performance.now(), wall: Date.now()})");
            long b = Clocks.epochMicros();
            long hr = Clocks.pageMicros(v.path("hr").asDouble());
            offsets.add(hr - (a + b) / 2);
            rtts.add(b - a);
            hrMinusWall.add(hr - v.path("wall").asLong() * 1000);
        }
        ObjectNode o = JSON.createObjectNode();
        o.put("samples", offsets.size());
        o.put("offsetMicrosMedian", median(offsets));
        o.put("rttMicrosMedian", median(rtts));
        o.put("rttMicrosMin", rtts.stream().mapToLong(Long::longValue).min().orElse(0));
        o.put("pageHighResMinusDateNowMicrosMedian", median(hrMinusWall));
        return o;
    }

    private static long median(List<Long> v) {
        List<Long> s = new ArrayList<>(v);
        s.sort(null);
        return s.isEmpty() ? 0 : s.get(s.size() / 2);
    }

    static String resource(String name) throws IOException {
        try (InputStream in = FollowRun.class.getResourceAsStream("/dev/companion/bench/site/" + name)) {
            if (in == null) {
                throw new IOException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
