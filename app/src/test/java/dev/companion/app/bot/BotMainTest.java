package dev.companion.app.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ./companion bot}: its help, and bad input refused before anything signs in -- a bad flow
 * file (exit 3, with the reader's line, step and reason), a bad control-center address (exit 2), a
 * missing option (exit 2).
 */
class BotMainTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        PrintStream oldErr = System.err;
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
        try {
            CommandLine cl = new CommandLine(new BotMain(new PrintStream(out, true, StandardCharsets.UTF_8)));
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            int code = cl.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err + errBytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(oldErr);
        }
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(BotMainTest.class.getResource("/flows/" + name).toURI());
    }

    @Test
    void helpListsEveryOption() {
        Run r = run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("--flow", "--user", "--password-file", "--control-center", "--manual", "--invite",
                "Exit codes");
    }

    @Test
    void aBadFlowFileIsRefusedWithItsLineStepAndReasonBeforeSigningIn() throws Exception {
        Path password = Files.writeString(dir.resolve("pw"), "bot-pass\n");
        Run r = run("--flow", resource("bad/javascript-url.json").toString(), "--user", "bot",
                "--password-file", password.toString(), "--control-center", "127.0.0.1:9", "--profile", dir.toString());
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("the flow file was refused: BAD_FIELD at line 32, step 3: only http and https URLs");
        Run newer = run("--flow", resource("bad/newer-version.json").toString(), "--user", "bot",
                "--password-file", password.toString(), "--profile", dir.toString());
        assertThat(newer.code()).isEqualTo(3);
        assertThat(newer.err()).contains("NEWER_VERSION");
        assertThat(dir.resolve("companion.db")).as("nothing opened").doesNotExist();
    }

    @Test
    void aBadControlCenterAddressOrAMissingOptionIsABadCommandLine() throws Exception {
        for (String bad : new String[] {"nocolon", "cc.example:0", "cc.example:70000", "cc.example:port", ":7700", ""}) {
            Run r = run("--flow", resource("golden/minimal.json").toString(), "--user", "bot", "--control-center", bad);
            assertThat(r.code()).as(bad).isEqualTo(2);
            assertThat(r.err()).as(bad)
                    .contains("Invalid value for option '--control-center': HOST:PORT expected, got \"" + bad + "\": ")
                    .contains("Usage: companion bot").doesNotContain("Exception").doesNotContain("\tat ");
        }
        assertThat(dir.resolve("companion.db")).as("nothing opened").doesNotExist();
        assertThat(run("--user", "bot").code()).isEqualTo(2);
    }
}
