package dev.companion.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The app ships no test hook (it is in tools/testkit): asked for one without it, it says so and starts nothing. */
class TestHookFactoryTest {
    @TempDir
    Path dir;

    @Test
    void theAppHasNoTestHookOfItsOwn() {
        assertThat(TestHookFactory.find()).isEmpty();
    }

    @Test
    void aTestHookPortWithoutTheTestKitIsRefusedBeforeChromiumStarts() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream was = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = new CommandLine(new Main()).execute("--profile", dir.resolve("p").toString(), "--test-hook-port", "1");
        } finally {
            System.setErr(was);
        }
        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(TestHookFactory.MISSING);
        assertThat(dir.resolve("p")).doesNotExist();
    }
}
