package dev.companion.bench.soak;

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
 * Runs the soak with tiny counts (30 clients, a 3 s idle run, two 3 s windows under a twentieth of
 * the attack mix) and checks that every part ran and reported: the floods reached the control
 * center and were answered or closed, the clients' presence was measured, the charts exist.
 * Not a benchmark: nothing here asserts a time, a rate or a verdict.
 */
class SoakBenchSmokeTest {
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void tinyRunWritesSummaryAndCharts(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        int code = new CommandLine(new SoakBench()).execute(
                "--clients", "30", "--warmup-seconds", "0", "--idle-seconds", "3", "--minutes", "0.1", "--window-seconds", "3",
                "--after-seconds", "2", "--attack-ramp-seconds", "1",
                "--presence-rate", "4", "--attack-scale", "0.05", "--attack-accounts", "1", "--source-addresses", "3",
                "--out", out.toString(), "--work", dir.resolve("work").toString());

        assertThat(code).isZero();
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(s.at("/command").asText()).startsWith("./companion bench soak");
        assertThat(s.at("/ramp/reached").asInt()).isEqualTo(30);
        assertThat(s.at("/presence/idle/expectedReceipts").asLong()).isPositive();
        assertThat(s.at("/presence/underAttackByWindow")).hasSize(2);
        assertThat(s.at("/memory/rssMibMaxUnderAttack").asDouble()).isPositive();
        assertThat(s.at("/attack/counts/pingFlood.opened").asLong()).isPositive();
        assertThat(s.at("/attack/counts/trickle.opened").asLong()).isPositive();
        assertThat(s.at("/attack/counts/requestFlood.answer.LoginOk").asLong()).isPositive();
        assertThat(s.at("/verdict/rssUnderBound").isBoolean()).isTrue();
        assertThat(s.at("/presence/afterAttack/expectedReceipts").asLong()).isPositive();
        assertThat(s.at("/presence/attackRamp/expectedReceipts").asLong()).isPositive();
        assertThat(s.at("/phases/attack/serverCores").isNumber()).isTrue();
        assertThat(s.at("/memory/liveHeapMibAfterFullGc/underAttack").asDouble()).isPositive();
        assertThat(out.resolve("rss.svg")).isNotEmptyFile();
        assertThat(out.resolve("presence-p99.svg")).isNotEmptyFile();
        assertThat(out.resolve("presence-percentiles.svg")).isNotEmptyFile();
    }
}
