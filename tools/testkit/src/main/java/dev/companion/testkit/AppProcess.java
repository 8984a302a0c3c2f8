package dev.companion.testkit;

import dev.companion.app.JvmOptions;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A Companion app ({@code dev.companion.app.Main}) in its own process: own JVM, own Chromium, own
 * profile, driven through its test hook on a free loopback port (this module must be on its class
 * path: the app finds the hook there). Optionally pinned to cores with taskset (taskset execs java:
 * the pid is the JVM's). Owns the process; close() quits it through the hook (kills the tree after
 * 15 s) and is safe to call twice. The system tests and the app benchmarks start apps with it.
 */
public final class AppProcess implements AutoCloseable {
    static final String JVM_OPTIONS_RESOURCE = JvmOptions.RESOURCE;
    /**
     * The app's JVM options as shipped: read from the same file that ./companion app and the Linux
     * package (packaging/linux/package.sh) read, so the tests and benchmarks run what ships. Empty when
     * the app jar on the class path predates that file; {@link #start} then refuses to run with it.
     */
    public static final List<String> SHIPPED_JVM_OPTIONS = JvmOptions.shipped();

    private final Process process;
    private final String user;
    private final int hookPort;
    private final String token;
    private final Path log;
    private final long startedMicros;
    private HookClient hook;
    private boolean closed;

    private AppProcess(Process process, String user, int hookPort, String token, Path log, long startedMicros) {
        this.process = process;
        this.user = user;
        this.hookPort = hookPort;
        this.token = token;
        this.log = log;
        this.startedMicros = startedMicros;
    }

    /**
     * What to start. core: "0", "1", "0,1" or null (no taskset); windowSide: "left", "right" or null;
     * env: extra environment (e.g. XDG_CACHE_HOME); classPath: the app's class path.
     */
    public record Spec(String user, Path profile, int sccPort, String sccFingerprint, String startUrl,
                       String core, List<String> jvmOptions, String windowSide, Map<String, String> env, String classPath) {
        /** With the jars of this JVM's class path ({@link #appClassPath()}), as the benchmarks start the app. */
        public Spec(String user, Path profile, int sccPort, String sccFingerprint, String startUrl,
                    String core, List<String> jvmOptions, String windowSide, Map<String, String> env) {
            this(user, profile, sccPort, sccFingerprint, startUrl, core, jvmOptions, windowSide, env, appClassPath());
        }
    }

    /**
     * As the system tests start an app: the shipped JVM options, this JVM's whole class path (class
     * folders too), English; returns once its test hook answers (at most 60 s).
     */
    public static AppProcess start(String user, Path profile, int sccPort, String sccFingerprint, String startUrl) throws Exception {
        AppProcess p = start(new Spec(user, profile, sccPort, sccFingerprint, startUrl, null, SHIPPED_JVM_OPTIONS, null, Map.of(),
                System.getProperty("java.class.path")));
        try {
            p.hook(Duration.ofSeconds(60));
            return p;
        } catch (RuntimeException | InterruptedException e) {
            p.close();
            throw e;
        }
    }

    /** Starts the process; {@link #hook(Duration)} connects to its test hook once the window is up. */
    public static AppProcess start(Spec s) throws IOException {
        if (s.jvmOptions().isEmpty() && SHIPPED_JVM_OPTIONS.isEmpty()) { // the shipped options, but none found
            throw new IllegalStateException("the app jar on the class path has no " + JVM_OPTIONS_RESOURCE
                    + " (an older build): rebuild with mvn -o -pl app,tools/testkit,tools/bench package -DskipTests");
        }
        int port;
        try (ServerSocket ss = new ServerSocket(0)) {
            port = ss.getLocalPort();
        }
        byte[] t = new byte[16];
        new SecureRandom().nextBytes(t);
        String token = HexFormat.of().formatHex(t);
        List<String> cmd = new ArrayList<>();
        if (s.core() != null) {
            cmd.addAll(List.of("taskset", "-c", s.core()));
        }
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(s.jvmOptions());
        cmd.addAll(List.of("-cp", s.classPath(), "dev.companion.app.Main",
                "--profile", s.profile().toString(), "--user", s.user(), "--title", s.user(),
                "--control-center", "127.0.0.1:" + s.sccPort(), "--scc-fingerprint", s.sccFingerprint(), "--bind", "127.0.0.1",
                "--start-url", s.startUrl(), "--lang", "en", "--test-hook-port", Integer.toString(port)));
        if (s.windowSide() != null) {
            cmd.addAll(List.of("--window-side", s.windowSide()));
        }
        Files.createDirectories(s.profile());
        Path log = s.profile().resolveSibling(s.profile().getFileName() + ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("COMPANION_TEST_HOOK_TOKEN", token);
        pb.environment().putAll(s.env());
        long t0 = epochMicros();
        Process p = pb.start();
        return new AppProcess(p, s.user(), port, token, log, t0);
    }

    /**
     * The app's class path: the jars on this JVM's class path (the app jar and every library), without
     * class folders -- as the installed app runs, and so that class data sharing can archive it.
     */
    public static String appClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> e.endsWith(".jar"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** Wall-clock epoch microseconds (the system clock, which every process here reads). */
    private static long epochMicros() {
        Instant i = Clock.systemUTC().instant();
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000;
    }

    /** Epoch µs just before the process was started. */
    public long startedMicros() {
        return startedMicros;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Connects to the test hook, retrying until it listens (the window is up) or timeout. */
    public synchronized HookClient hook(Duration timeout) throws InterruptedException {
        if (hook != null) {
            return hook;
        }
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                hook = new HookClient(hookPort, token);
                return hook;
            } catch (IOException e) {
                if (!process.isAlive() || System.nanoTime() > end) {
                    throw new IllegalStateException("app " + user + " did not open its test hook; log " + log + ":\n" + logTail(), e);
                }
                Thread.sleep(50); // the process has no other way to say it is listening
            }
        }
    }

    /** The connected test hook (see {@link #hook(Duration)}). */
    public synchronized HookClient hook() {
        if (hook == null) {
            throw new IllegalStateException("hook not connected");
        }
        return hook;
    }

    /** The last 60 lines of the app's output. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<ProcessHandle> tree = process.descendants().toList(); // Chromium's processes, before the JVM goes
        if (hook != null) {
            hook.quit();
            try {
                hook.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        try {
            if (!process.waitFor(hook != null ? 15 : 0, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        for (ProcessHandle h : tree) {
            if (h.isAlive()) {
                h.destroyForcibly();
            }
        }
    }
}
