package dev.companion.bench.link;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A child process pinned to one core ({@code taskset -c CORE}) spoken to by lines: commands on its
 * stdin, answers on its stdout; stderr goes to a log file. {@link #close()} asks it to quit, then
 * ends it (only this process and its descendants); safe twice.
 */
public final class ChildJvm implements AutoCloseable {
    private static final String EOF = "\u0000eof";

    private final String name;
    private final Process process;
    private final PrintStream in;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Path log;
    private boolean closed;

    private ChildJvm(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) {
                    lines.add(l);
                }
            } catch (IOException e) {
                // process gone
            } finally {
                lines.add(EOF);
            }
        }, "child-out-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** java with the given JVM options running main with args, pinned to core (null: not pinned). */
    public static ChildJvm java(String name, Integer core, List<String> jvmOptions, Class<?> main, List<String> args, Path logDir)
            throws IOException {
        List<String> cmd = new ArrayList<>(pin(core));
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(args);
        return start(name, cmd, logDir);
    }

    /** Any command, pinned to core (null: not pinned). */
    public static ChildJvm command(String name, Integer core, List<String> command, Path workDir, Path logDir) throws IOException {
        List<String> cmd = new ArrayList<>(pin(core));
        cmd.addAll(command);
        return start(name, cmd, logDir, workDir);
    }

    private static ChildJvm start(String name, List<String> cmd, Path logDir) throws IOException {
        return start(name, cmd, logDir, null);
    }

    private static ChildJvm start(String name, List<String> cmd, Path logDir, Path workDir) throws IOException {
        Files.createDirectories(logDir);
        Path log = logDir.resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(log.toFile());
        if (workDir != null) {
            pb.directory(workDir.toFile());
        }
        return new ChildJvm(name, pb.start(), log);
    }

    /** taskset -c core, when taskset exists, core is given and pinning is on (property companion.bench.pin). */
    public static List<String> pin(Integer core) {
        return core != null && pinning() && canPin() ? List.of("taskset", "-c", Integer.toString(core)) : List.of();
    }

    /** False when the scenario runs with --no-pin (a diagnostic: let the scheduler place everything). */
    public static boolean pinning() {
        return !"false".equals(System.getProperty("companion.bench.pin"));
    }

    /** A system's layout as its summary states it, marked when nothing was pinned (a diagnostic run). */
    public static String layout(String description) {
        return (pinning() ? "" : "NOT PINNED (layout as if): ") + description;
    }

    public static boolean canPin() {
        return Files.isExecutable(Path.of("/usr/bin/taskset")) || Files.isExecutable(Path.of("/bin/taskset"));
    }

    public void send(String line) {
        in.println(line);
        if (in.checkError()) {
            throw new IllegalStateException(name + " is gone; see " + log);
        }
    }

    /** The next line that starts with prefix (other lines are skipped); fails on FAIL lines, exit or timeout. */
    public String expect(String prefix, Duration timeout) throws IOException, TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String l = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (l == null) {
                throw new TimeoutException(name + ": no '" + prefix + "' within " + timeout + "; see " + log);
            }
            if (l.equals(EOF)) {
                lines.add(EOF);
                throw new IOException(name + " ended (exit " + waitExit() + "); see " + log);
            }
            if (l.startsWith("FAIL")) {
                throw new IOException(name + ": " + l + "; see " + log);
            }
            if (l.startsWith(prefix)) {
                return l.substring(prefix.length()).trim();
            }
        }
    }

    private String waitExit() {
        try {
            return process.waitFor(2, TimeUnit.SECONDS) ? Integer.toString(process.exitValue()) : "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    public Path log() {
        return log;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            in.println("QUIT");
            in.close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroy);
                process.destroy();
                if (!process.waitFor(3, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
