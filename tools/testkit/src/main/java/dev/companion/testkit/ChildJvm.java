package dev.companion.testkit;

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
 * A child process (usually a JVM on this JVM's class path), optionally pinned to one core
 * ({@code taskset -c CORE}), spoken to by lines: commands on its stdin, answers on its stdout
 * ({@link #expect}, {@link #readLine}); stderr goes to a log file. Knows its CPU time and RSS (from
 * /proc) and runs jcmd on it. {@link #close()} asks it to quit (the line QUIT), then ends it and its
 * descendants; or, with {@link Launch#killOnClose()}, kills it at once (its data is scratch). Safe twice.
 * Start one with {@link #java} or {@link #command} (stdout read by lines, QUIT on close), or
 * {@link #launch} for the other choices.
 */
public final class ChildJvm implements AutoCloseable {
    /** What {@link #readLine} returns once the child's stdout ended. */
    public static final String EOF = "\u0000eof";
    /** The open-file limit a child with {@link Launch#raiseFileLimit()} asks for. */
    public static final int FILE_LIMIT = 200_000;

    private final String name;
    private final Process process;
    private final List<String> command;
    private final PrintStream in;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Path log;
    private final boolean killOnClose;
    private boolean closed;

    private ChildJvm(String name, Process process, List<String> command, Path log, boolean readStdout, boolean killOnClose) {
        this.name = name;
        this.process = process;
        this.command = command;
        this.log = log;
        this.killOnClose = killOnClose;
        this.in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        if (readStdout) {
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
    }

    /** How to start a child: see {@link #launch}. */
    public static final class Launch {
        private final String name;
        private final List<String> command;
        private Integer core;
        private Path log;
        private Path workDir;
        private boolean stdoutToLog;
        private boolean raiseFileLimit;
        private boolean killOnClose;

        private Launch(String name, List<String> command) {
            this.name = name;
            this.command = List.copyOf(command);
        }

        /** Pinned to this core (null or negative: not pinned; see {@link ChildJvm#pin}). */
        public Launch core(Integer core) {
            this.core = core;
            return this;
        }

        /** Its log file (stderr, and stdout with {@link #stdoutToLog()}); required. */
        public Launch log(Path log) {
            this.log = log;
            return this;
        }

        public Launch workDir(Path workDir) {
            this.workDir = workDir;
            return this;
        }

        /** stdout appended to the log instead of read by lines. */
        public Launch stdoutToLog() {
            this.stdoutToLog = true;
            return this;
        }

        /** Runs it with the open-file limit raised to {@link #FILE_LIMIT} (or the hard limit). */
        public Launch raiseFileLimit() {
            this.raiseFileLimit = true;
            return this;
        }

        /** close() kills it at once instead of asking it to QUIT first. */
        public Launch killOnClose() {
            this.killOnClose = true;
            return this;
        }

        public ChildJvm start() throws IOException {
            List<String> cmd = new ArrayList<>(pin(core));
            cmd.addAll(command);
            List<String> run = new ArrayList<>();
            if (raiseFileLimit) {
                run.addAll(List.of("bash", "-c", "ulimit -n " + FILE_LIMIT + " 2>/dev/null || ulimit -n $(ulimit -Hn); exec \"$@\"", "bash"));
            }
            run.addAll(cmd);
            Files.createDirectories(log.toAbsolutePath().getParent());
            ProcessBuilder pb = new ProcessBuilder(run).redirectError(log.toFile());
            if (stdoutToLog) {
                pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            }
            if (workDir != null) {
                pb.directory(workDir.toFile());
            }
            return new ChildJvm(name, pb.start(), cmd, log, !stdoutToLog, killOnClose);
        }
    }

    /** A child running command (see {@link #javaCommand}); name names its log and reader thread. */
    public static Launch launch(String name, List<String> command) {
        return new Launch(name, command);
    }

    /** java (this JVM's) with the given JVM options and this JVM's class path, running mainClass with args. */
    public static List<String> javaCommand(List<String> jvmOptions, String mainClass, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(args);
        return cmd;
    }

    /** java with the given JVM options running main with args, pinned to core (null: not pinned); log in logDir/NAME.log. */
    public static ChildJvm java(String name, Integer core, List<String> jvmOptions, Class<?> main, List<String> args, Path logDir)
            throws IOException {
        return launch(name, javaCommand(jvmOptions, main.getName(), args)).core(core).log(logDir.resolve(name + ".log")).start();
    }

    /** Any command, pinned to core (null: not pinned); log in logDir/NAME.log. */
    public static ChildJvm command(String name, Integer core, List<String> command, Path workDir, Path logDir) throws IOException {
        return launch(name, command).core(core).workDir(workDir).log(logDir.resolve(name + ".log")).start();
    }

    /**
     * taskset -c core, when taskset exists, core is given (not negative) and below the number of
     * cores here, and pinning is on (property companion.bench.pin).
     */
    public static List<String> pin(Integer core) {
        return core != null && core >= 0 && core < Runtime.getRuntime().availableProcessors() && pinning() && canPin()
                ? List.of("taskset", "-c", Integer.toString(core)) : List.of();
    }

    /** False when a benchmark runs with --no-pin (a diagnostic: let the scheduler place everything). */
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

    /** The open-file limit a child gets (after trying to raise it to FILE_LIMIT), or -1 when unknown. */
    public static long fileLimit() {
        try {
            Process p = new ProcessBuilder("bash", "-c",
                    "ulimit -n " + FILE_LIMIT + " 2>/dev/null || ulimit -n $(ulimit -Hn); ulimit -n").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor(10, TimeUnit.SECONDS);
            return "unlimited".equals(out) ? Long.MAX_VALUE : Long.parseLong(out);
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
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

    /** The next stdout line, {@link #EOF} once it ended, or null after timeout. */
    public String readLine(long timeoutMs) throws InterruptedException {
        String l = lines.poll(timeoutMs, TimeUnit.MILLISECONDS);
        if (EOF.equals(l)) {
            lines.add(EOF);
        }
        return l;
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

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** The command (with taskset, without the open-file wrapper) and its class path left out, for a report. */
    public String describe() {
        List<String> c = new ArrayList<>(command);
        int cp = c.indexOf("-cp");
        if (cp >= 0) {
            c.set(cp + 1, "<bench class path>");
        }
        return String.join(" ", c);
    }

    /** User + system CPU time of the whole process so far, in seconds (from /proc/PID/stat). */
    public double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid() + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // USER_HZ = 100
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Resident set size in KiB, or -1. */
    public long rssKb() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/" + pid() + "/status"))) {
                if (l.startsWith("VmRSS:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return -1;
    }

    /** Runs jcmd PID args... and returns its output. */
    public String jcmd(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        cmd.add(Long.toString(pid()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("jcmd " + String.join(" ", args) + " timed out");
        }
        return out;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (killOnClose) {
                if (process.isAlive()) {
                    process.destroyForcibly();
                    process.waitFor(20, TimeUnit.SECONDS);
                }
                return;
            }
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
