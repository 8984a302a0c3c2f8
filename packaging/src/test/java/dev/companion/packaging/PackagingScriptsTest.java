package dev.companion.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaging scripts' own defences, each sent what it must catch: the leftover check of the
 * sandboxes (else "removal leaves nothing" would pass whatever is left) and package.sh's refusal to
 * ship development-only code.
 */
class PackagingScriptsTest {
    private static final Duration QUICK = Duration.ofMinutes(2);

    @Test
    void leftoverCheckListsWhatAPackageLeftAndNothingElse(@TempDir Path dir) throws Exception {
        Path upper = dir.resolve("upper");
        write(upper, "/opt/forgotten/lib/a.jar", "x");                  // a new folder: listed once
        write(upper, "/usr/share/doc/forgotten.txt", "x");              // a new file in a folder of this machine
        write(upper, "/etc/group", Files.readString(Path.of("/etc/group")));             // copied up unchanged: not listed
        write(upper, "/etc/hostname.new", "x");
        write(upper, "/var/lib/dpkg/status", "x");                      // the package manager's records: not listed
        write(upper, "/var/lib/scc-lite/scc.db", "x");                  // kept on purpose (KEEP)
        write(upper, "/etc/passwd", Files.readString(Path.of("/etc/passwd"))
                + "scc-lite:x:990:990::/var/lib/scc-lite:/usr/sbin/nologin\n"     // kept on purpose (ACCOUNT)
                + "intruder:x:991:991::/home/intruder:/bin/sh\n");
        boolean whiteout = "root".equals(System.getProperty("user.name"));
        if (whiteout) {   // an overlay whiteout: the package removed this machine's /etc/issue
            Scripts.run("mknod", QUICK, "mknod", upper.resolve("etc/issue").toString(), "c", "0", "0");
        }

        List<String> left = leftovers(dir, "^/var/lib/scc-lite(/|$)", "scc-lite");

        List<String> expected = new ArrayList<>(List.of("LEFT /etc/hostname.new", "LEFT /etc/passwd (lines: > intruder)",
                "LEFT /opt/forgotten/", "LEFT /usr/share/doc/forgotten.txt"));
        if (whiteout) {
            expected.add("LEFT removed /etc/issue");
        }
        assertThat(left).containsExactlyInAnyOrderElementsOf(expected);
        // without the allowances, the data folder and the user are leftovers too
        assertThat(leftovers(dir, "", "")).contains("LEFT /var/lib/scc-lite/", "LEFT /etc/passwd");
    }

    @Test
    void packagingRefusesDevelopmentOnlyCode(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(Scripts.ROOT.resolve("app/target/classpath.txt")), "the app is not built");
        // a module whose class path holds the test kit
        Path module = dir.resolve("fake");
        Path testkit = jar(dir.resolve("companion-testkit-0.1.0-SNAPSHOT.jar"), "dev/companion/testkit/hook/TestHook.class");
        jar(module.resolve("target/companion-fake-0.1.0-SNAPSHOT.jar"), "dev/companion/app/Main.class");
        Files.writeString(module.resolve("target/classpath.txt"), testkit.toString());
        assertThatThrownBy(() -> stage(module, dir.resolve("staged1")))
                .hasMessageContaining("development-only code would ship").hasMessageContaining("companion-testkit");
        // a module whose own jar holds the sample shop's classes
        Files.writeString(module.resolve("target/classpath.txt"), "");
        jar(module.resolve("target/companion-fake-0.1.0-SNAPSHOT.jar"), "dev/companion/demo/shop/ShopServer.class");
        assertThatThrownBy(() -> stage(module, dir.resolve("staged2")))
                .hasMessageContaining("development-only code would ship").hasMessageContaining("dev/companion/demo/shop");
        // what ships passes
        jar(module.resolve("target/companion-fake-0.1.0-SNAPSHOT.jar"), "dev/companion/app/Main.class");
        assertThat(stage(module, dir.resolve("staged3"))).contains("companion-fake-0.1.0-SNAPSHOT.jar");
    }

    private static List<String> leftovers(Path sandbox, String keep, String account) throws Exception {
        String out = Scripts.run("leftovers", QUICK, "bash", "-c",
                "source packaging/linux/sandbox/lib.sh && sandbox_leftovers \"$1\" \"$2\" \"$3\"", "_",
                sandbox.toString(), keep.isEmpty() ? "^$" : keep, account);
        return out.lines().toList();
    }

    private static String stage(Path module, Path into) throws Exception {
        return Scripts.run("stage", QUICK, "bash", "-c", "source packaging/linux/common.sh --no-build && stage_jars \"$1\" \"$2\"", "_",
                module.toString(), into.toString());
    }

    private static void write(Path upper, String path, String content) throws IOException {
        Path f = upper.resolve(path.substring(1));
        Files.createDirectories(f.getParent());
        Files.writeString(f, content);
    }

    private static Path jar(Path file, String entry) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream j = new JarOutputStream(out)) {
            j.putNextEntry(new JarEntry(entry));
            j.write(new byte[] {(byte) 0xca, (byte) 0xfe});
            j.closeEntry();
        }
        return file;
    }
}
