package dev.companion.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class data sharing archive: the recorded class list covers the start (JavaFX, Chromium's
 * bindings, the app's own classes), and an archive dumped from it with the shipped JVM options is
 * one the JVM maps (-Xshare:on fails the start otherwise) and loads the listed classes from.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ClassDataArchiveTest {
    @TempDir
    Path dir;

    @Test
    void theClassListCoversTheStart() throws Exception {
        String list;
        try (InputStream in = ClassDataArchive.class.getResourceAsStream(ClassDataArchive.CLASS_LIST)) {
            assertThat(in).as(ClassDataArchive.CLASS_LIST).isNotNull();
            list = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> names = list.lines().filter(l -> !l.startsWith("#")).toList();
        assertThat(names).hasSizeGreaterThan(3000)
                .contains("dev/companion/app/Main", "dev/companion/app/follow/FollowEngine", "javafx/scene/Scene",
                        "org/cef/CefApp", "com/fasterxml/jackson/databind/ObjectMapper", "org/sqlite/JDBC")
                .allMatch(n -> !n.isBlank() && !n.contains(" "), "one class name per line");
    }

    @Test
    void anArchiveDumpedWithTheShippedOptionsIsMappedAndUsed() throws Exception {
        // jars only (the JVM archives no classes from folders): the libraries on this test's class path
        String jars = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> e.endsWith(".jar")).collect(Collectors.joining(File.pathSeparator));
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
        Path archive = dir.resolve("companion.jsa");
        String option = ClassDataArchive.build(java, JvmOptions.shipped(), jars, archive);
        assertThat(option).isEqualTo("-XX:SharedArchiveFile=" + archive);
        assertThat(Files.size(archive)).isGreaterThan(10_000_000L);

        List<String> cmd = new ArrayList<>(List.of(java.toString()));
        cmd.addAll(JvmOptions.shipped());
        cmd.addAll(List.of(option, "-Xshare:on", "-Xlog:class+load=info", "-cp", jars,
                "picocli.AutoComplete", "--help")); // a main in a library jar: loads picocli's classes
        Path out = dir.resolve("run.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String log = Files.readString(out);
        assertThat(log).as("the JVM mapped the archive (-Xshare:on)").doesNotContain("Unable to use shared archive");
        assertThat(log.lines().filter(l -> l.contains("picocli.CommandLine ")).findFirst())
                .as("a library class comes from the archive").hasValueSatisfying(l -> assertThat(l).contains("shared objects file"));
    }
}
