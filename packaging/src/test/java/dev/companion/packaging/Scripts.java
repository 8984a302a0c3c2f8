package dev.companion.packaging;

import dev.companion.testkit.ChildJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The repository's packaging scripts, run from the repository's root as child processes. */
final class Scripts {
    /** The repository (Maven runs this module's tests in packaging/). */
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    /** Where the tests keep logs, screenshots and the sandboxes' work folders. */
    static final Path OUT = ROOT.resolve("packaging/target/installers");

    private Scripts() {
    }

    /** Runs command to its end (output in OUT/NAME.log); fails unless it exits 0 within timeout. */
    static String run(String name, Duration timeout, String... command) throws IOException, InterruptedException {
        Files.createDirectories(OUT);
        Path log = OUT.resolve(name + ".log");
        Process p = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            throw new IOException(name + ": not done within " + timeout + "; see " + log);
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(name + " exited with " + p.exitValue() + ":\n" + tail(out) + "\n(see " + log + ")");
        }
        return out;
    }

    /** A sandbox script (packaging/linux/sandbox/), spoken to by lines; its log is OUT/NAME.log. */
    static ChildJvm start(String name, List<String> command) throws IOException {
        return ChildJvm.launch(name, command).workDir(ROOT).log(OUT.resolve(name + ".log")).killOnClose().start();
    }

    /**
     * The lines a sandbox script prints until the line that starts with until (returned last); fails
     * on a FAIL line (with the lines before it), on its end, or when timeout passes.
     */
    static List<String> linesUntil(ChildJvm script, String until, Duration timeout)
            throws IOException, TimeoutException, InterruptedException {
        List<String> lines = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String l = script.readLine(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            if (l == null) {
                throw new TimeoutException("no '" + until + "' within " + timeout + " after:\n" + String.join("\n", lines));
            }
            if (l.equals(ChildJvm.EOF)) {
                throw new IOException("the script ended before '" + until + "' after:\n" + String.join("\n", lines)
                        + "\n(see " + script.log() + ")");
            }
            System.out.println("  " + l);
            lines.add(l);
            if (l.startsWith("FAIL")) {
                throw new AssertionError(String.join("\n", lines) + "\n(see " + script.log() + " and its folder)");
            }
            if (l.startsWith(until)) {
                return lines;
            }
        }
    }

    private static String tail(String out) {
        String[] lines = out.split("\n");
        return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 30), lines.length));
    }
}
