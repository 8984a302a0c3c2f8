package dev.companion.scc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.p2p.protocol.ContactState;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Messages.Contact;
import dev.companion.scc.cli.SccMain;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String stdin, String... args) {
        out.reset();
        err.reset();
        return SccMain.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void userAddAndContactLinkThenLoginWorks() throws Exception {
        Path data = dir.resolve("data");
        Path pwFile = dir.resolve("pw.txt");
        Files.writeString(pwFile, "s3cret pass\n");
        assertThat(run("", "user", "add", "erin", "--data", data.toString(), "--password-file", pwFile.toString())).isZero();
        assertThat(run("frank-pw\n", "user", "add", "frank", "--data", data.toString())).isZero();
        assertThat(run("", "user", "add", "erin", "--data", data.toString(), "--password-file", pwFile.toString()))
                .isEqualTo(SccMain.REFUSED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("user already exists: erin");
        for (String like : new String[] {"Erin", "ERIN", "ErIn"}) {
            assertThat(run("", "user", "add", like, "--data", data.toString(), "--password-file", pwFile.toString()))
                    .as(like).isEqualTo(SccMain.REFUSED);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("looks too much like the existing user erin");
        }
        assertThat(run("", "user", "add", "\u0435rin", "--data", data.toString(), "--password-file", pwFile.toString()))
                .as("Cyrillic е").isEqualTo(SccMain.REFUSED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("must not mix scripts");
        assertThat(run("", "user", "add", "bad name", "--data", data.toString())).isEqualTo(SccMain.REFUSED);
        assertThat(run("\n", "user", "add", "gina", "--data", data.toString())).isEqualTo(SccMain.REFUSED);
        assertThat(run("", "contact", "link", "erin", "nobody", "--data", data.toString())).isEqualTo(SccMain.REFUSED);
        assertThat(run("", "contact", "link", "erin", "frank", "--data", data.toString())).isZero();

        try (ControlCenter cc = ControlCenter.start(Config.of(data));
             TestClient erin = TestClient.connect(cc)) {
            erin.refused(r -> TestClient.login(r, "erin", "s3cret", "t"), dev.companion.p2p.protocol.ErrorCode.BAD_CREDENTIALS);
            Messages.LoginOk ok = erin.request(r -> TestClient.login(r, "erin", "s3cret pass", "t"), Messages.LoginOk.class);
            assertThat(ok.contacts()).containsExactly(new Contact("frank", false, ContactState.CONTACT));
            TestClient frank = TestClient.loggedIn(cc, "frank", "frank-pw");
            frank.close();
        }
    }

    @Test
    void helpAndUsageErrors() {
        assertThat(run("", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("serve", "user", "contact", "Exit codes");
        assertThat(run("", "user", "add", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--password-file");
        assertThat(run("", "serve", "--help")).isZero();
        assertThat(run("", "contact", "link", "--help")).isZero();
        assertThat(run("")).isEqualTo(SccMain.USAGE);
        assertThat(run("", "user", "add", "x")).isEqualTo(SccMain.USAGE); // --data missing
        assertThat(run("", "user", "add", "x", "--data", dir.toString(), "--password", "pw")).isEqualTo(SccMain.USAGE);
        assertThat(run("", "frobnicate")).isEqualTo(SccMain.USAGE);
    }

    /** serve runs in its own JVM until SIGTERM; clients can log in with the fingerprint it wrote. */
    @Test
    void aBadTurnAddressIsABadCommandLineWithItsReasonAndNoStackTrace() {
        for (String bad : new String[] {"relay.example", "relay.example:0", "relay.example:70000", "relay.example:x", ":3478"}) {
            assertThat(run("", "serve", "--data", dir.resolve("d").toString(), "--turn", "relay.example:3478," + bad))
                    .as(bad).isEqualTo(SccMain.USAGE);
            String e = err.toString(StandardCharsets.UTF_8);
            assertThat(e).as(bad).contains("Invalid value for option '--turn' (HOST:PORT): HOST:PORT expected, got \"" + bad + "\"")
                    .contains("Usage:").doesNotContain("Exception").doesNotContain("\tat ");
        }
        assertThat(dir.resolve("d")).as("nothing started").doesNotExist();
    }

    @Test
    void serveRunsUntilTerminated() throws Exception {
        Path data = dir.resolve("data");
        Files.writeString(dir.resolve("pw"), "pw1\n");
        assertThat(run("", "user", "add", "hana", "--data", data.toString(), "--password-file", dir.resolve("pw").toString())).isZero();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), SccMain.class.getName(),
                "serve", "--data", data.toString(), "--port", "0", "--stun-port", "0").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = r.readLine();
            assertThat(line).isNotNull();
            Matcher m = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+) fingerprint (\\S+)").matcher(line);
            assertThat(m.find()).as(line).isTrue();
            int port = Integer.parseInt(m.group(1));
            String fp = Files.readString(data.resolve("scc-fingerprint.txt")).trim();
            assertThat(m.group(2)).isEqualTo(fp);
            try (TestClient c = TestClient.at(port, fp)) {
                c.request(q -> TestClient.login(q, "hana", "pw1", "t"), Messages.LoginOk.class);
            }
            p.destroy(); // SIGTERM
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
    }
}
