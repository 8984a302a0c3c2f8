package dev.companion.bench.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.companion.p2p.protocol.Codec;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import picocli.CommandLine;

/**
 * Runs the connect scenario with tiny counts and checks that it produced a complete summary and
 * well-formed charts. Not a benchmark: nothing here asserts a time. Our link and the control-center
 * sign-in need nothing but Java; the DataChannel and relay run only where Chromium and node are
 * installed (as in {@code LinkBenchSmokeTest}, CI may not have them).
 */
class ConnectBenchSmokeTest {
    @Test
    @Timeout(90)
    void linkAndSignInWriteASummaryAndCharts(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        int exit = new CommandLine(new ConnectBench()).execute("--paths", "link,signin", "--connects", "3", "--runs", "1", "--retries", "0",
                "--gap-ms", "20", "--settle-ms", "0", "--signin-warmup", "2", "--heap", "64m",
                "--out", out.toString(), "--work", dir.resolve("work").toString());

        assertThat(exit).isZero();
        JsonNode summary = Codec.mapper().readTree(Files.readString(out.resolve("summary.json")));
        assertThat(summary.get("scenario").asText()).isEqualTo("connect");
        assertThat(summary.get("command").asText()).startsWith("./companion bench connect");
        assertThat(summary.get("machine").get("cpus").asInt()).isPositive();
        Map<String, JsonNode> rows = rows(summary);
        assertThat(rows).containsKeys("link", "link-redial", "signin-password", "signin-password-pinned", "signin-token");
        for (String id : List.of("link", "signin-password")) {
            assertThat(rows.get(id).get("measured").asBoolean()).isTrue();
            assertThat(rows.get(id).get("failedConnects").asLong()).isZero();
            assertThat(rows.get(id).at("/cold/samples").asInt()).isEqualTo(1);
            assertThat(rows.get(id).at("/cold/median").asDouble()).isPositive();
            assertThat(rows.get(id).at("/warm/p50").asDouble()).isPositive();
            assertThat(rows.get(id).get("clockStarts").asText()).isNotBlank();
            assertThat(rows.get(id).get("clockStops").asText()).isNotBlank();
        }
        assertThat(rows.get("link").at("/warm/samples").asLong()).isEqualTo(2);
        assertThat(rows.get("link").at("/warm/marksP50Pooled/tls").asDouble()).isPositive();
        assertThat(rows.get("signin-password").at("/warm/samples").asLong()).isEqualTo(2);
        assertThat(rows.get("signin-token").at("/warm/samples").asLong()).isEqualTo(3);
        assertThat(rows.get("signin-token").at("/cold/samples").asInt()).isZero();
        // every row makes the TLS handshake it is about: first links and first sign-ins full, the others resumed
        assertThat(rows.get("link-redial").at("/warm/samples").asLong()).isEqualTo(3);
        assertThat(rows.get("link-redial").at("/cold/samples").asInt()).isZero();
        assertThat(rows.get("signin-password-pinned").at("/warm/samples").asLong()).isEqualTo(3);
        assertHandshakes(rows.get("link"), 3, 0);
        assertHandshakes(rows.get("link-redial"), 0, 3);
        assertHandshakes(rows.get("signin-password"), 3, 0);
        assertHandshakes(rows.get("signin-password-pinned"), 0, 3);
        assertHandshakes(rows.get("signin-token"), 0, 3);
        assertThat(summary.get("ratios")).isEmpty(); // no DataChannel or relay to compare with
        assertThat(summary.get("runs")).hasSize(2);
        assertThat(summary.get("runs").get(0).get("disturbed").isBoolean()).isTrue();
        assertWellFormedSvg(out.resolve("connect-times.svg"));
        assertWellFormedSvg(out.resolve("warm-percentiles.svg"));
    }

    @Test
    @Timeout(120)
    void iceAndTurnBetweenTwoHomes(@TempDir Path dir) throws Exception {
        String why = dev.companion.bench.ice.IceLab.unavailable();
        assumeTrue(why == null, "no network namespaces here: " + why);
        Path out = dir.resolve("out");
        int exit = new CommandLine(new ConnectBench()).execute("--paths", "ice,turn", "--connects", "2", "--runs", "1",
                "--retries", "0", "--gap-ms", "20", "--settle-ms", "0", "--heap", "128m",
                "--out", out.toString(), "--work", dir.resolve("work").toString());

        assertThat(exit).isZero();
        Map<String, JsonNode> rows = rows(Codec.mapper().readTree(Files.readString(out.resolve("summary.json"))));
        for (String id : List.of("ice", "turn")) {
            assertThat(rows.get(id).get("measured").asBoolean()).as(id).isTrue();
            assertThat(rows.get(id).get("failedConnects").asLong()).as(id + ": every connect on its path").isZero();
            assertThat(rows.get(id).at("/warm/p50").asDouble()).isPositive();
        }
    }

    @Test
    @Timeout(120)
    void peersToo(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/chromium")), "no /usr/bin/chromium");
        assumeTrue(onPath("node"), "no node");
        // the scenario installs ws itself (npm ci in tools/bench/peers) when it is missing, as on a fresh clone
        assumeTrue(Files.isDirectory(Path.of("peers/node_modules/ws")) || Files.isDirectory(Path.of("tools/bench/peers/node_modules/ws"))
                || onPath("npm"), "neither the npm package ws in tools/bench/peers nor npm to install it");
        Path out = dir.resolve("out");
        int exit = new CommandLine(new ConnectBench()).execute("--paths", "datachannel,relay", "--connects", "2", "--runs", "1",
                "--retries", "0", "--gap-ms", "20", "--settle-ms", "0", "--heap", "64m",
                "--out", out.toString(), "--work", dir.resolve("work").toString());

        assertThat(exit).isZero();
        JsonNode summary = Codec.mapper().readTree(Files.readString(out.resolve("summary.json")));
        Map<String, JsonNode> rows = rows(summary);
        for (String id : List.of("datachannel", "datachannel-full", "relay")) {
            assertThat(rows.get(id).get("measured").asBoolean()).as(id).isTrue();
            assertThat(rows.get(id).get("failedConnects").asLong()).as(id).isZero();
        }
        assertThat(rows.get("datachannel").at("/cold/samples").asInt()).isEqualTo(1);
        assertThat(rows.get("relay").at("/warm/samples").asLong()).isEqualTo(1);
        assertWellFormedSvg(out.resolve("connect-times.svg"));
        assertWellFormedSvg(out.resolve("warm-percentiles.svg"));
    }

    private static void assertHandshakes(JsonNode row, long full, long resumed) {
        String id = row.get("id").asText();
        assertThat(row.at("/tlsHandshakes/full").asLong()).as(id + " full handshakes").isEqualTo(full);
        assertThat(row.at("/tlsHandshakes/resumed").asLong()).as(id + " resumed sessions").isEqualTo(resumed);
        assertThat(row.at("/tlsHandshakes/unknown").asLong()).as(id + " handshakes not seen").isZero();
    }

    private static Map<String, JsonNode> rows(JsonNode summary) {
        Map<String, JsonNode> m = new java.util.LinkedHashMap<>();
        summary.get("rows").forEach(r -> {
            if (r.has("id")) {
                m.put(r.get("id").asText(), r);
            }
        });
        return m;
    }

    private static void assertWellFormedSvg(Path svg) throws Exception {
        assertThat(svg).isNotEmptyFile();
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
        assertThat(d.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(d.getElementsByTagName("text").getLength()).isPositive();
    }

    private static boolean onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        return false;
    }
}
