package dev.companion.bench.jmh;

import dev.companion.bench.report.Summary;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.companion.bench.link.LinkReport;
import dev.companion.bench.report.SvgChart;
import dev.companion.p2p.protocol.Codec;
import dev.companion.testkit.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./companion bench jmh}: the hot paths under JMH with short settings (1 fork, 3 × 1 s warm-up,
 * 3 × 1 s measurement; the fork pinned to core 1 with a fixed heap): Codec and MINA frame encode /
 * decode of the 300-byte action, and the follow engine's routing. Writes tools/bench/results/jmh/summary.json
 * and a bar chart.
 */
@Command(name = "jmh", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"JMH hot paths: action encode/decode (Codec, MINA frames), follow engine routing.",
                "Wrap measurement runs in: flock /tmp/companion-bench.lock ./companion bench jmh"})
public final class JmhBench implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--include", defaultValue = "dev\\.companion\\.bench\\.jmh\\..*Bench\\..*",
            description = "Benchmarks to run, a regular expression (default: all of dev.companion.bench.jmh).")
    String include;

    @Option(names = "--warmup-iterations", defaultValue = "3")
    int warmups;

    @Option(names = "--iterations", defaultValue = "3")
    int iterations;

    @Option(names = "--seconds", defaultValue = "1", description = "Length of each iteration (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--forks", defaultValue = "1")
    int forks;

    @Option(names = "--out", defaultValue = "tools/bench/results/jmh")
    Path out;

    public static void main(String[] args) {
        System.exit(new picocli.CommandLine(new JmhBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<String> jvmArgs = List.of("-Xms512m", "-Xmx512m", "-XX:+UseG1GC", "--enable-native-access=ALL-UNNAMED",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        ChainedOptionsBuilder opts = new OptionsBuilder().include(include)
                .forks(forks).warmupIterations(warmups).warmupTime(TimeValue.seconds(seconds))
                .measurementIterations(iterations).measurementTime(TimeValue.seconds(seconds))
                .timeUnit(TimeUnit.NANOSECONDS).jvmArgs(jvmArgs.toArray(String[]::new))
                .addProfiler(GCProfiler.class).shouldFailOnError(true);
        String pinned = "not pinned (taskset missing)";
        if (forks > 0 && ChildJvm.canPin()) {
            Path wrapper = Files.createTempFile("companion-jmh-java-", ".sh",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            wrapper.toFile().deleteOnExit();
            Files.writeString(wrapper, "#!/bin/sh\nexec taskset -c 1 '" + Path.of(System.getProperty("java.home"), "bin", "java")
                    + "' \"$@\"\n");
            opts.jvm(wrapper.toString());
            pinned = "fork pinned to core 1 (taskset -c 1)";
        }
        Collection<RunResult> results = new Runner(opts.build()).run();
        write(results, jvmArgs, pinned);
        return 0;
    }

    private void write(Collection<RunResult> results, List<String> jvmArgs, String pinned) throws Exception {
        Files.createDirectories(out);
        ObjectNode root = Summary.start("jmh", LinkReport.command(spec, "jmh"));
        root.put("settings", String.format(Locale.ROOT, "%d fork(s), %d × %d s warm-up, %d × %d s measurement, %s; fork JVM: %s",
                forks, warmups, seconds, iterations, seconds, pinned, String.join(" ", jvmArgs)));
        ArrayNode list = root.putArray("results");
        List<String> names = new ArrayList<>();
        Map<String, double[]> bars = new LinkedHashMap<>();
        double[] values = new double[results.size()];
        int i = 0;
        System.out.println("\n| benchmark | ns/op | iterations min–max | B/op |\n|---|--:|--:|--:|");
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark().replaceFirst("^dev\\.companion\\.bench\\.jmh\\.", "");
            Result<?> primary = r.getPrimaryResult();
            Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
            ObjectNode o = list.addObject();
            o.put("benchmark", name).put("nsPerOp", round(primary.getScore()))
                    .put("iterationMin", round(primary.getStatistics().getMin()))
                    .put("iterationMax", round(primary.getStatistics().getMax()))
                    .put("error99_9", round(primary.getScoreError())).put("unit", primary.getScoreUnit());
            if (alloc != null) {
                o.put("bytesPerOp", Math.round(alloc.getScore()));
            }
            System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f–%.1f | %s |%n", name, primary.getScore(),
                    primary.getStatistics().getMin(), primary.getStatistics().getMax(),
                    alloc == null ? "–" : Long.toString(Math.round(alloc.getScore())));
            names.add(name);
            values[i++] = primary.getScore();
        }
        bars.put("ns/op", values);
        if (!names.isEmpty()) {
            SvgChart.bars(out.resolve("jmh.svg"), "Hot paths, ns per operation (JMH)", "ns",
                    names.stream().map(n -> n.substring(n.indexOf('.') + 1)).toList(), bars);
        }
        Files.writeString(out.resolve("summary.json"), Codec.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
        System.out.println("results: " + out.toAbsolutePath());
    }

    private static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 10) / 10.0 : 0;
    }
}
