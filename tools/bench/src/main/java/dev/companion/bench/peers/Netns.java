package dev.companion.bench.peers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace of our own with only loopback (no route anywhere), for the browsers: when we
 * are root and {@code ip} exists. Otherwise {@link #none()} (the host's namespace; the SDP filter still
 * keeps every packet on 127.0.0.1). {@link #close()} deletes it; safe twice.
 */
final class Netns implements AutoCloseable {
    private final String name;
    private boolean closed;

    private Netns(String name) {
        this.name = name;
    }

    static Netns none() {
        return new Netns(null);
    }

    static Netns create() {
        if (!Files.isExecutable(Path.of("/usr/sbin/ip")) && !Files.isExecutable(Path.of("/sbin/ip"))
                && !Files.isExecutable(Path.of("/usr/bin/ip")) && !Files.isExecutable(Path.of("/bin/ip"))) {
            return none();
        }
        String name = "companion-dc-" + ProcessHandle.current().pid();
        if (run("ip", "netns", "add", name) && run("ip", "netns", "exec", name, "ip", "link", "set", "lo", "up")) {
            return new Netns(name);
        }
        run("ip", "netns", "del", name);
        return none();
    }

    /** The command prefix that runs something inside the namespace. */
    List<String> exec() {
        return name == null ? List.of() : List.of("ip", "netns", "exec", name);
    }

    String describe() {
        return name == null ? "host network namespace, only 127.0.0.1 UDP candidates signalled"
                : "both in network namespace " + "companion-dc-<pid> with only loopback";
    }

    private static boolean run(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public synchronized void close() {
        if (closed || name == null) {
            closed = true;
            return;
        }
        closed = true;
        run("ip", "netns", "del", name);
    }
}
