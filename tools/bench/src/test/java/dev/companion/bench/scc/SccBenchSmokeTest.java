package dev.companion.bench.scc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Runs the control-center benchmark with tiny counts (50 terminals, phases of a second or two, no
 * bare-MINA comparison, no profile) and checks that it produced a complete summary and its charts.
 * Not a benchmark: nothing here asserts a time or a rate.
 */
class SccBenchSmokeTest {
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void tinyRunWritesSummaryAndCharts(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        // a 1 s presence gap: a dropped terminal's close must reach the control center before it logs in
        // again, also on a busy machine (else the relogin replaces the connection with no presence change)
        int code = new CommandLine(new SccBench()).execute(
                "--terminals", "50", "--ramp-seconds", "20", "--inflight", "16",
                "--settle-seconds", "0", "--hold-seconds", "0.5",
                "--presence-rate", "10", "--presence-seconds", "1", "--presence-gap-ms", "1000",
                "--reconnect-seconds", "0.5", "--reconnect-concurrency", "4",
                "--password-seconds", "1", "--password-concurrency", "1", "--password-users", "2",
                "--runs", "1", "--no-bare", "--no-profile", "--cc-probe", "0", "--hash-samples", "0",
                "--server-heap", "256m", "--loadgen-heap", "256m", "--source-addresses", "2",
                "--out", out.toString(), "--work", dir.resolve("work").toString());

        assertThat(code).isZero();
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(s.at("/command").asText()).startsWith("./companion bench scc");
        assertThat(s.at("/machine/cpus").asText()).isNotEmpty();
        assertThat(s.at("/derived/terminalsReached").asInt()).isEqualTo(50);
        assertThat(s.at("/scc/memory/serverHeapBytesPerTerminal").asLong()).isPositive();
        assertThat(s.at("/scc/presence/expectedReceipts").asLong()).isPositive();
        assertThat(s.at("/scc/presence/missingReceipts").asLong()).isZero();
        assertThat(s.at("/scc/reconnect/0/completed").asLong()).isPositive();
        assertThat(s.at("/scc/password/0/completed").asLong()).isPositive();
        assertThat(out.resolve("presence-latency.svg")).isNotEmptyFile();
        assertThat(out.resolve("memory-per-terminal.svg")).isNotEmptyFile();
        assertThat(out.resolve("token-reconnects.svg")).isNotEmptyFile();
        assertThat(out.resolve("password-logins.svg")).isNotEmptyFile();
    }
}
