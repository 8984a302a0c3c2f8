package dev.companion.scc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.p2p.protocol.Messages;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A terminal id is the client's to choose: one carrying BEL, ESC sequences, a right-to-left override
 * and a line break reaches the control center's log escaped, so it can neither ring, recolour or
 * clear the operator's terminal, reverse the line, nor forge a log line. (slf4j-simple writes to
 * System.err, looked up at each line.)
 */
class LogLinesTest {
    @TempDir
    Path dir;

    @Test
    void aTerminalIdWithControlCharactersReachesTheLogEscaped() throws Exception {
        String evil = "t\u0007\u001b[2J\u001b[31m\u202eevil\nFAKE forged line";
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (Fixture f = Fixture.start(dir, List.of("alice"))) {
            TestClient c = f.connect();
            c.request(r -> TestClient.login(r, "alice", "alice-pw", evil), Messages.LoginOk.class);
            c.close();
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        original.print(log);
        assertThat(log).contains("(alice/t\\u0007\\u001b[2J\\u001b[31m\\u202eevil\\u000aFAKE forged line) logged in");
        assertThat(log).doesNotContain("\u0007", "\u001b", "\u202e");
        assertThat(log.lines()).noneMatch(line -> line.startsWith("FAKE"));
    }
}
