package dev.companion.bench.connect;

import dev.companion.bench.report.Trees;
import dev.companion.testkit.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The control center of the sign-in rows: {@link SccServerChild} in its own JVM on core 1, started
 * once for the whole scenario (a control center is a long-running server) in a fresh data directory.
 */
final class SccServer implements AutoCloseable {
    static final String USER = "signin";
    static final String PASSWORD = "bench-sign-in-password";

    final ChildJvm process;
    final int port;
    final String fingerprint;
    final Path data;

    private SccServer(ChildJvm process, int port, String fingerprint, Path data) {
        this.process = process;
        this.port = port;
        this.fingerprint = fingerprint;
        this.data = data;
    }

    static SccServer start(Path work, List<String> jvmOptions, Path logs, long ttlSeconds) throws Exception {
        Path data = work.resolve("scc-data");
        Trees.delete(data);
        Files.createDirectories(data);
        ChildJvm p = ChildJvm.java("connect-scc-server", 1, jvmOptions, SccServerChild.class,
                List.of(data.toAbsolutePath().toString(), USER, PASSWORD, Long.toString(ttlSeconds)), logs);
        try {
            String[] l = p.expect("LISTENING", Duration.ofSeconds(60)).split(" ");
            return new SccServer(p, Integer.parseInt(l[0]), l[1], data);
        } catch (Exception | Error e) {
            p.close();
            throw e;
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
