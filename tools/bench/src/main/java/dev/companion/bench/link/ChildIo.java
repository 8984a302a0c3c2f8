package dev.companion.bench.link;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The child side of {@link dev.companion.testkit.ChildJvm}'s line protocol: commands from stdin, answers on stdout
 * (logs go to stderr). A child also ends by itself after its time to live, should the parent vanish.
 */
public final class ChildIo {
    private static final PrintStream OUT = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
            StandardCharsets.UTF_8);
    private final BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

    public ChildIo(long ttlSeconds) {
        Thread ttl = new Thread(() -> {
            try {
                Thread.sleep(ttlSeconds * 1000);
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("time to live over: exiting");
            Runtime.getRuntime().halt(3);
        }, "child-ttl");
        ttl.setDaemon(true);
        ttl.start();
    }

    /** The next command, or null at end of input or QUIT. */
    public String next() throws IOException {
        String l = in.readLine();
        return l == null || l.equals("QUIT") ? null : l;
    }

    public static synchronized void reply(String line) {
        OUT.println(line);
    }

    /** Reports a failure to the parent (which fails the scenario with it). */
    public static void fail(Throwable e) {
        e.printStackTrace();
        reply("FAIL " + e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()).replace('\n', ' '));
    }
}
