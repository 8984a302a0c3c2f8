package dev.companion.bench.peers;

import dev.companion.bench.link.EchoSystem;
import dev.companion.bench.link.LinkBench;
import dev.companion.bench.link.Measure.Config;
import dev.companion.bench.link.Plan;
import dev.companion.bench.report.Progress;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The peers our link is compared with, group of 2: checks what they need, starts and measures them. */
public final class Peers {
    public static final List<String> ALL = List.of("datachannel", "relay");

    private Peers() {
    }

    /** A peer cannot run here: the message says what is missing and how to get it. */
    public static final class Missing extends RuntimeException {
        public Missing(String message) {
            super(message);
        }
    }

    /** What the chosen peers need, checked. */
    public record Setup(List<String> names, Path chromium, Path peersDir) {
    }

    /** Checks chromium / node / the ws package for the chosen peers; installs ws with npm ci when absent. */
    public static Setup check(List<String> names, Path chromium, Path peersDir) {
        for (String n : names) {
            if (!ALL.contains(n)) {
                throw new Missing("unknown peer '" + n + "' (known: " + ALL + ")");
            }
        }
        Path dir = null;
        if (names.contains("datachannel") && (chromium == null || !Files.isExecutable(chromium))) {
            throw new Missing("the DataChannel peer needs Chromium, not found at " + chromium
                    + ": install it (apt-get install chromium), pass --chromium PATH, or leave the peer out (--peer relay / --no-peers)");
        }
        if (names.contains("relay")) {
            if (onPath("node") == null) {
                throw new Missing("the relay peer needs Node.js 18+ (node not found on PATH): install it (apt-get install nodejs npm),"
                        + " or leave the peer out (--peer datachannel / --no-peers)");
            }
            dir = peersDir != null ? peersDir : defaultPeersDir();
            if (dir == null || !Files.isRegularFile(dir.resolve("relay.js"))) {
                throw new Missing("relay.js not found (looked in tools/bench/peers and peers): pass --peers-dir");
            }
            if (!Files.isDirectory(dir.resolve("node_modules").resolve("ws"))) {
                npmCi(dir);
            }
        }
        return new Setup(List.copyOf(names), chromium, dir);
    }

    private static Path defaultPeersDir() {
        for (String d : List.of("tools/bench/peers", "peers")) {
            if (Files.isRegularFile(Path.of(d, "relay.js"))) {
                return Path.of(d);
            }
        }
        return null;
    }

    private static void npmCi(Path dir) {
        if (onPath("npm") == null) {
            throw new Missing("the relay peer needs the npm package ws: npm not found (apt-get install npm), then run npm ci in " + dir);
        }
        System.err.println("companion bench: installing the relay's npm package (npm ci in " + dir + ")");
        try {
            // npm never shares this JVM's standard streams: node puts an inherited stdin into non-blocking
            // mode, and under surefire that stdin is the test runner's command channel ("std/in stream
            // corrupted" once the tests had passed). Its output is copied through System.err instead.
            Process p = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).redirectErrorStream(true).start();
            Thread copy = Thread.ofVirtual().start(() -> {
                try {
                    p.getInputStream().transferTo(System.err);
                } catch (IOException e) {
                    // the process ended; its exit value says the rest
                }
            });
            boolean done = p.waitFor(180, TimeUnit.SECONDS);
            copy.join(2000);
            if (!done || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new Missing("npm ci failed in " + dir + ": run it by hand to see why");
            }
        } catch (IOException e) {
            throw new Missing("cannot run npm ci in " + dir + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Missing("interrupted while running npm ci");
        }
    }

    static Path onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            Path p = Path.of(d, program);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** The chosen peers, group of 2, every rate of the plan, their runs interleaved (same plan as the link). */
    public static List<Config> measure(Setup setup, Plan plan, Progress progress, long[] done, long deadline, Path logs,
                                       long ttlSeconds, Map<String, String> layouts, List<String> notes) throws Exception {
        List<EchoSystem> systems = new ArrayList<>();
        try {
            for (String name : setup.names()) {
                EchoSystem s = start(name, setup, plan, logs, ttlSeconds);
                systems.add(s);
                layouts.put(name + ", group of 2", s.layout());
            }
            return LinkBench.measureAll(systems, plan, progress, done, deadline, notes);
        } finally {
            systems.forEach(EchoSystem::close);
        }
    }

    /** Starts peer name (group of 2), ready to run. */
    public static EchoSystem start(String name, Setup setup, Plan plan, Path logs, long ttlSeconds) throws Exception {
        return switch (name) {
            case "datachannel" -> DataChannelPeer.start(setup.chromium(), logs);
            case "relay" -> RelayPeer.start(2, setup.peersDir(), plan.jvmOptions(), logs, ttlSeconds);
            default -> throw new Missing("unknown peer " + name);
        };
    }
}
