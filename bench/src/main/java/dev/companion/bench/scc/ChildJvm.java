package dev.companion.bench.scc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A JVM started by the benchmark: pinned to one core with taskset (when available), with a raised
 * open-file limit, its own heap and GC. Knows its CPU time and RSS (from /proc) and runs jcmd on it.
 * {@link #close()} kills it (the data it leaves is scratch) and is safe to call twice.
 */
final class ChildJvm implements AutoCloseable {
    static final int FILE_LIMIT = 200_000;

    private final Process process;
    private final List<String> command;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final PrintStream stdin;

    private ChildJvm(Process process, List<String> command, boolean pipeStdout) {
        this.process = process;
        this.command = command;
        this.stdin = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        if (pipeStdout) {
            Thread t = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    // process ended
                }
                lines.add("EOF");
            }, "child-stdout");
            t.setDaemon(true);
            t.start();
        }
    }

    static boolean tasksetAvailable() {
        return Files.isExecutable(Path.of("/usr/bin/taskset")) || Files.isExecutable(Path.of("/bin/taskset"));
    }

    /**
     * Starts java [jvmArgs] -cp CLASSPATH mainClass [args] on core (negative: not pinned). stderr goes
     * to log; stdout to log too unless pipeStdout (then read it with {@link #readLine}).
     */
    static ChildJvm start(int core, List<String> jvmArgs, String mainClass, List<String> args, Path log, boolean pipeStdout)
            throws IOException {
        List<String> cmd = new ArrayList<>(List.of("bash", "-c",
                "ulimit -n " + FILE_LIMIT + " 2>/dev/null || ulimit -n $(ulimit -Hn); exec \"$@\"", "bash"));
        if (core >= 0 && core < Runtime.getRuntime().availableProcessors() && tasksetAvailable()) {
            cmd.addAll(List.of("taskset", "-c", Integer.toString(core)));
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(args);
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(log.toFile());
        if (!pipeStdout) {
            pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        }
        return new ChildJvm(pb.start(), cmd, pipeStdout);
    }

    /** The open-file limit a child gets (after trying to raise it to FILE_LIMIT), or -1 when unknown. */
    static long fileLimit() {
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

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** The command without the class path (for the report). */
    String describe() {
        List<String> c = new ArrayList<>(command);
        int cp = c.indexOf("-cp");
        if (cp >= 0) {
            c.set(cp + 1, "<bench class path>");
        }
        return String.join(" ", c.subList(4, c.size()));
    }

    void send(String line) {
        stdin.println(line);
    }

    /** The next stdout line, or null after timeout. */
    String readLine(long timeoutMs) throws InterruptedException {
        return lines.poll(timeoutMs, TimeUnit.MILLISECONDS);
    }

    /** User + system CPU time of the whole process so far, in seconds (from /proc/PID/stat). */
    double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid() + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // USER_HZ = 100
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Resident set size in KiB, or -1. */
    long rssKb() {
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
    String jcmd(String... args) throws IOException, InterruptedException {
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
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
