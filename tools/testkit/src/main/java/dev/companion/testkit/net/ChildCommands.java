package dev.companion.testkit.net;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The line protocol between a lab test and its child processes: the test writes one command per line
 * on the child's stdin (until {@code QUIT} or the end of input), the child answers in lines on its
 * stdout; a command that throws is answered {@code FAIL <command>: <what>}.
 */
public final class ChildCommands {
    /** What a child does with one command (its words, split on spaces). */
    public interface Handler {
        void run(String[] command) throws Exception;
    }

    private final boolean log;

    /** log: every answer is also written to stderr, the child's log. */
    public ChildCommands(boolean log) {
        this.log = log;
    }

    public synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
        if (log) {
            System.err.println("> " + line); // the log tells the whole story
        }
    }

    /** Runs each command read from stdin until QUIT or the end of input. */
    public void serve(Handler handler) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null && !line.equals("QUIT"); ) {
            try {
                handler.run(line.trim().split(" "));
            } catch (Exception | AssertionError e) {
                say("FAIL " + line + ": " + e);
            }
        }
    }
}
