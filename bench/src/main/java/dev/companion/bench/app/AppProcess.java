package dev.companion.bench.app;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Companion app ({@code dev.companion.app.Main}) in its own JVM with its own Chromium and profile,
 * optionally pinned to one core with taskset (taskset execs java: the pid is the JVM's), with the
 * test hook on a free loopback port. Owns the process; close() quits it (kills the tree after 15 s)
 * and is safe to call twice.
 */
public final class AppProcess implements AutoCloseable {
    static final String JVM_OPTIONS_RESOURCE = dev.companion.app.JvmOptions.RESOURCE;
    /**
     * The app's JVM options as shipped: read from the same file that ./companion app and the Linux
     * package (packaging/linux/package.sh) read, so the benchmark measures what ships. Empty when the
     * app jar on the class path predates that file; {@link #start} then refuses to run with it.
     */
    public static final List<String> SHIPPED_JVM_OPTIONS = dev.companion.app.JvmOptions.shipped();

    private final Process process;
    private final int hookPort;
    private final String token;
    private final Path log;
    private final long startedMicros;
    private Hook hook;
    private boolean closed;

    private AppProcess(Process process, int hookPort, String token, Path log, long startedMicros) {
        this.process = process;
        this.hookPort = hookPort;
        this.token = token;
        this.log = log;
        this.startedMicros = startedMicros;
    }

    /** What to start. core: "0", "1", "0,1" or null (no taskset); env: extra environment (e.g. XDG_CACHE_HOME). */
    public record Spec(String user, Path profile, int sccPort, String sccFingerprint, String startUrl,
                       String core, List<String> jvmOptions, String windowSide, Map<String, String> env) {
    }

    public static AppProcess start(Spec s) throws IOException {
        if (s.jvmOptions().isEmpty() && SHIPPED_JVM_OPTIONS.isEmpty()) { // the shipped options, but none found
            throw new IllegalStateException("the app jar on the class path has no " + JVM_OPTIONS_RESOURCE
                    + " (an older build): rebuild with mvn -o -pl app,bench package -DskipTests");
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
        cmd.addAll(List.of("-cp", appClassPath(), "dev.companion.app.Main",
                "--profile", s.profile().toString(), "--user", s.user(), "--title", s.user(),
                "--scc", "127.0.0.1:" + s.sccPort(), "--scc-fingerprint", s.sccFingerprint(), "--bind", "127.0.0.1",
                "--start-url", s.startUrl(), "--lang", "en", "--test-hook-port", Integer.toString(port)));
        if (s.windowSide() != null) {
            cmd.addAll(List.of("--window-side", s.windowSide()));
        }
        Files.createDirectories(s.profile());
        Path log = s.profile().resolveSibling(s.profile().getFileName() + ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("COMPANION_TEST_HOOK_TOKEN", token);
        pb.environment().putAll(s.env());
        long t0 = Clocks.epochMicros();
        Process p = pb.start();
        return new AppProcess(p, port, token, log, t0);
    }

    /**
     * The app's class path: the jars on this JVM's class path (the app jar and every library), without
     * class folders -- as the installed app runs, and so that class data sharing can archive it.
     */
    static String appClassPath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(e -> e.endsWith(".jar"))
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
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
    public synchronized Hook hook(Duration timeout) throws InterruptedException {
        if (hook != null) {
            return hook;
        }
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                hook = new Hook(hookPort, token);
                return hook;
            } catch (IOException e) {
                if (!process.isAlive() || System.nanoTime() > end) {
                    throw new IllegalStateException("the app did not open its test hook; log " + log + ":\n" + logTail(), e);
                }
                Thread.sleep(50); // the process has no other way to say it is listening
            }
        }
    }

    public Hook hook() {
        if (hook == null) {
            throw new IllegalStateException("hook not connected");
        }
        return hook;
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
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
