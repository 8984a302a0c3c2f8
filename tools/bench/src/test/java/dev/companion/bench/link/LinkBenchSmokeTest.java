package dev.companion.bench.link;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.companion.p2p.protocol.Codec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs the link scenario with tiny counts (group of 2, one rate, no peers): it must produce a summary with samples. */
class LinkBenchSmokeTest {
    @Test
    @Timeout(60)
    void tinyRunWritesASummaryWithSamples(@TempDir Path out) throws Exception {
        int exit = new CommandLine(new LinkBench()).execute("--no-peers", "--no-ice", "--groups", "2", "--rates", "200", "--runs", "1",
                "--min-run-seconds", "1", "--max-run-seconds", "1", "--warmup-seconds", "0", "--jit-warmup-seconds", "0.5", "--retries", "0",
                "--heap", "64m", "--out", out.toString());

        assertThat(exit).isZero();
        JsonNode summary = Codec.mapper().readTree(Files.readString(out.resolve("summary.json")));
        assertThat(summary.get("scenario").asText()).isEqualTo("link");
        assertThat(summary.get("machine").get("cpus").asInt()).isPositive();
        JsonNode result = summary.get("results").get(0);
        assertThat(result.get("system").asText()).isEqualTo("link");
        assertThat(result.get("group").asInt()).isEqualTo(2);
        assertThat(result.get("samples").asLong()).isEqualTo(200);
        assertThat(result.get("lost").asLong()).isZero();
        assertThat(result.get("rttMedian").get("p50").asDouble()).isPositive();
        assertThat(out.resolve("rtt-200.svg")).isNotEmptyFile();
        assertThat(out.resolve("p99-by-rate.svg")).isNotEmptyFile();
    }
}
