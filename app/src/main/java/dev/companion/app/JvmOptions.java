package dev.companion.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The app's JVM options as shipped, from {@value #RESOURCE} (source:
 * app/src/main/resources/dev/companion/app/jvm.options): one option per line, blank lines and
 * {@code #} comments skipped. The same file feeds ./companion app, the Linux package
 * (packaging/linux/package.sh) and, through this class, the app benchmark and the tests that start
 * app processes — so what is measured and tested is what ships. Why each option: app/README.md.
 */
public final class JvmOptions {
    public static final String RESOURCE = "/dev/companion/app/jvm.options";

    private JvmOptions() {
    }

    /** The options; empty when the app classes on the class path predate the file. */
    public static List<String> shipped() {
        try (InputStream in = JvmOptions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return List.of();
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
