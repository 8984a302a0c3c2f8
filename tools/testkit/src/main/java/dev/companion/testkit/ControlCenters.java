package dev.companion.testkit;

import dev.companion.scc.Config;
import dev.companion.scc.ControlCenter;
import dev.companion.scc.cli.SccMain;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real control center in this JVM for tests and benchmarks, on 127.0.0.1 and a free port, with
 * users made through its own command line (each user's password is NAME-pass) and every pair of
 * them friends. Its groups follow pages on local addresses: the tests' and benchmarks' pages (the
 * sample shop) are served on 127.0.0.1.
 */
public final class ControlCenters {
    private ControlCenters() {
    }

    public static ControlCenter startWithFriends(Path dir, String... users) throws IOException {
        return ControlCenter.start(Config.of(friends(dir, users)).withLocalAddresses(true));
    }

    /** A control center's data folder (dir/scc) with these users, all friends; returns it. */
    public static Path friends(Path dir, String... users) throws IOException {
        Files.createDirectories(dir);
        Path data = dir.resolve("scc");
        for (String u : users) {
            Path pw = dir.resolve(u + ".pw");
            Files.writeString(pw, u + "-pass\n");
            cli("user", "add", u, "--data", data.toString(), "--password-file", pw.toString());
            Files.delete(pw);
        }
        for (int i = 0; i < users.length; i++) {
            for (int j = i + 1; j < users.length; j++) {
                cli("contact", "link", users[i], users[j], "--data", data.toString());
            }
        }
        return data;
    }

    /**
     * The control center of {@link #startWithFriends}'s dir again, on port (a restart: same data,
     * same identity, same address); tweak changes its config (a clock, an away grace).
     */
    public static ControlCenter restart(Path dir, int port, java.util.function.UnaryOperator<Config> tweak) throws IOException {
        return ControlCenter.start(tweak.apply(Config.of(dir.resolve("scc")).withLocalAddresses(true)
                .withBind(Config.DEFAULT_BIND, port)));
    }

    private static void cli(String... args) throws IOException {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SccMain.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        if (code != 0) {
            throw new IOException("scc-lite " + String.join(" ", args) + ": " + err.toString(StandardCharsets.UTF_8));
        }
    }
}
