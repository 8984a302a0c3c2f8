package dev.companion.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** What building and trying the installers needs from this machine (.ci/run installs it on Debian). */
final class Preconditions {
    /** Commands the scripts run, and the Debian package that has each. */
    private static final List<String[]> COMMANDS = List.of(
            new String[] {"dpkg-deb", "dpkg"}, new String[] {"dpkg-shlibdeps", "dpkg-dev"},
            new String[] {"rpmbuild", "rpm"},
            new String[] {"unshare", "util-linux"}, new String[] {"Xvfb", "xvfb"},
            new String[] {"xwininfo", "x11-utils"}, new String[] {"xprop", "x11-utils"},
            new String[] {"xwd", "x11-apps"}, new String[] {"fc-list", "fontconfig"});

    private Preconditions() {
    }

    /** Null when everything is here, else what is missing. */
    static String missing() throws IOException, InterruptedException {
        if (!System.getProperty("os.name").startsWith("Linux")) {
            return "not Linux";
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return "not root (the packages are installed into a sandbox that needs mounts and chroot)";
        }
        for (String[] c : COMMANDS) {
            if (!onPath(c[0])) {
                return "no " + c[0] + " (Debian package " + c[1] + ")";
            }
        }
        for (String m : List.of("app", "scc-lite")) {
            if (!Files.isRegularFile(Scripts.ROOT.resolve(m).resolve("target/classpath.txt"))) {
                return m + " is not packaged by Maven (run mvn verify or package)";
            }
        }
        try {
            Scripts.run("sandbox-check", Duration.ofMinutes(1), "bash", "-c",
                    "source packaging/linux/sandbox/lib.sh && sandbox_check");
        } catch (IOException e) {
            return "no sandbox here: " + e.getMessage();
        }
        return null;
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", command)) || Files.isExecutable(Path.of("/sbin", command));
    }
}
