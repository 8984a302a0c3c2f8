package dev.companion.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.ProtocolException;
import dev.companion.p2p.tls.Identity;
import dev.companion.scc.client.ControlCenterClient;
import dev.companion.testkit.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Linux installers as a person gets them: the .deb and .rpm of the app and of the control center,
 * built from the jars Maven just built (packaging/linux/package.sh, scc-lite/package.sh), each
 * installed into a sandbox copy of this machine (packaging/linux/sandbox/), used, removed, and what
 * is left listed. Needs root, dpkg, rpm and Xvfb: .ci/run installs them; elsewhere the test is
 * skipped with the reason (under CI it fails instead).
 */
class InstallersTest {
    private static final Path DIST = Scripts.ROOT.resolve("packaging/target/dist");
    private static final Duration BUILD = Duration.ofMinutes(15);
    private static final Duration TRY = Duration.ofMinutes(8);
    private static final ControlCenterClient.Listener QUIET = new ControlCenterClient.Listener() {
        @Override
        public void onPush(Message m) {
        }

        @Override
        public void onClosed(String reason) {
        }
    };

    @BeforeAll
    static void buildPackages() throws Exception {
        String missing = Preconditions.missing();
        if (missing != null) {
            if ("true".equals(System.getenv("CI"))) {
                fail("the installers cannot be tried here: " + missing + " (.ci/run installs what they need)");
            }
            // said on the console too: surefire reports an aborted class only as "Skipped: 5"
            System.out.println("InstallersTest skipped: installers not tried: " + missing);
            Assumptions.abort("installers not tried: " + missing);
        }
        Scripts.run("package-app", BUILD, script("linux/package.sh"), "--no-build", "deb", "rpm");
        Scripts.run("package-scc-lite", BUILD, script("linux/scc-lite/package.sh"), "--no-build", "deb", "rpm");
        try (var files = Files.list(DIST)) {
            files.sorted().forEach(f -> System.out.printf("  %s %,d bytes%n", f.getFileName(), f.toFile().length()));
        }
    }

    @Test
    void appDebInstallsStartsToItsSignInWindowAndLeavesNothing() throws Exception {
        tryApp("companion_*.deb", "deb");
    }

    @Test
    void appRpmInstallsStartsToItsSignInWindowAndLeavesNothing() throws Exception {
        tryApp("companion-*.rpm", "rpm");
    }

    @Test
    void sccLiteDebRunsAsItsServiceUserAnswersATlsLoginAndLeavesOnlyItsData() throws Exception {
        trySccLite("scc-lite_*.deb", "deb");
    }

    @Test
    void sccLiteRpmRunsAsItsServiceUserAnswersATlsLoginAndLeavesOnlyItsData() throws Exception {
        trySccLite("scc-lite-*.rpm", "rpm");
    }

    @Test
    void packagesNeedAChineseFontAndWhatChromiumNeedsAndShipNoDevelopmentCode() throws Exception {
        String debDepends = Scripts.run("deb-depends", Duration.ofMinutes(1), "dpkg-deb", "-f", pkg("companion_*.deb").toString(), "Depends");
        assertThat(debDepends).contains("fonts-noto-cjk | fonts-wqy-microhei", "libgtk-3-0", "libnss3", "libgbm1", "libxtst6");
        String rpmRequires = Scripts.run("rpm-requires", Duration.ofMinutes(1), "rpm", "-qp", "--requires", pkg("companion-*.rpm").toString());
        assertThat(rpmRequires).contains("(google-noto-sans-cjk-fonts or google-noto-sans-cjk-vf-fonts or google-noto-sans-cjk-ttc-fonts)",
                "libgtk-3.so.0()(64bit)", "libnss3.so()(64bit)", "libXtst.so.6()(64bit)");
        // the library names asked for are real: each is a library this machine has (Debian ships the same sonames)
        String have = Scripts.run("ldconfig", Duration.ofMinutes(1), "ldconfig", "-p");
        List<String> unknown = rpmRequires.lines().filter(l -> l.endsWith("()(64bit)"))
                .map(l -> l.substring(0, l.indexOf('('))).filter(lib -> !have.contains(lib + " ")).toList();
        assertThat(unknown).as("libraries required by the .rpm that no package here provides").isEmpty();

        assertThat(Scripts.run("scc-deb-conffiles", Duration.ofMinutes(1), "dpkg-deb", "-I", pkg("scc-lite_*.deb").toString(), "conffiles"))
                .contains("/etc/scc-lite/env");
        assertThat(Scripts.run("scc-rpm-config", Duration.ofMinutes(1), "rpm", "-qpc", pkg("scc-lite-*.rpm").toString()))
                .contains("/etc/scc-lite/env");
        for (String[] p : List.of(new String[] {"companion_*.deb", "app"}, new String[] {"scc-lite_*.deb", "scc-lite"})) {
            String contents = Scripts.run("contents", Duration.ofMinutes(1), "dpkg-deb", "-c", pkg(p[0]).toString());
            assertThat(contents).doesNotContain("companion-testkit", "companion-shop", "companion-bench");
            // every jar of the module's class path ships (the last one of classpath.txt was once left out)
            List<String> jars = Arrays.stream(Files.readString(Scripts.ROOT.resolve(p[1]).resolve("target/classpath.txt")).trim().split(":"))
                    .map(j -> "/lib/app/" + Path.of(j).getFileName()).toList();
            assertThat(contents).contains(jars);
        }
    }

    private static void tryApp(String glob, String kind) throws Exception {
        Path work = Scripts.OUT.resolve("app-" + kind);
        try (ChildJvm script = Scripts.start("try-app-" + kind,
                List.of(script("linux/sandbox/try-app.sh"), pkg(glob).toString(), work.toString()))) {
            List<String> lines = Scripts.linesUntil(script, "done", TRY);
            assertThat(lines).filteredOn(l -> l.startsWith("LEFT")).as("left after removal").isEmpty();
            Path xwd = Path.of(lines.stream().filter(l -> l.startsWith("window ")).findFirst().orElseThrow().substring(7));
            XwdImage shot = XwdImage.read(xwd);
            shot.savePng(Scripts.OUT.resolve("app-" + kind + "-sign-in.png"));
            assertThat(shot.width()).as("window width").isGreaterThanOrEqualTo(800);
            assertThat(shot.height()).as("window height").isGreaterThanOrEqualTo(600);
            assertThat(shot.distinctColours()).as("colours in the sign-in window").isGreaterThanOrEqualTo(32);
        }
    }

    private static void trySccLite(String glob, String kind) throws Exception {
        Files.createDirectories(Scripts.OUT);
        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        String password = HexFormat.of().formatHex(random);
        Path passwordFile = Scripts.OUT.resolve("scc-lite-" + kind + ".password");
        Files.writeString(passwordFile, password + "\n");
        try (ChildJvm script = Scripts.start("try-scc-lite-" + kind, List.of(script("linux/sandbox/try-scc-lite.sh"),
                pkg(glob).toString(), passwordFile.toString(), Scripts.OUT.resolve("scc-lite-" + kind).toString()))) {
            List<String> lines = new ArrayList<>(Scripts.linesUntil(script, "ready", TRY));
            String[] ready = lines.getLast().split(" ");
            int port = Integer.parseInt(ready[1]);
            String pin = ready[2];
            String terminalFingerprint = Identity.create("packaging-test").fingerprint();

            try (ControlCenterClient c = new ControlCenterClient("127.0.0.1", port, pin, QUIET)) {
                assertThat(await(c.connect("tester", password, "t-packaging", List.of(), terminalFingerprint)).user())
                        .isEqualTo("tester");
            }
            try (ControlCenterClient c = new ControlCenterClient("127.0.0.1", port, pin, QUIET)) {
                Throwable refused = failure(c.connect("tester", password + "x", "t-packaging", List.of(), terminalFingerprint));
                assertThat(refused).isInstanceOf(ProtocolException.class);
                assertThat(((ProtocolException) refused).code()).isEqualTo(ErrorCode.BAD_CREDENTIALS);
            }
            String otherPin = Identity.create("not-the-control-center").fingerprint();
            try (ControlCenterClient c = new ControlCenterClient("127.0.0.1", port, otherPin, QUIET)) {
                assertThat(failure(c.connect("tester", password, "t-packaging", List.of(), terminalFingerprint)))
                        .as("a client pinned to another fingerprint").isInstanceOf(SSLHandshakeException.class);
            }

            script.send("signed in");
            lines.addAll(Scripts.linesUntil(script, "done", TRY));
            assertThat(lines).filteredOn(l -> l.startsWith("LEFT")).as("left after removal, besides the data and the user").isEmpty();
            lines.stream().filter(l -> l.matches("exposure [0-9.]+")).findFirst().ifPresent(l -> {
                // systemd-analyze security's scale: below 2 is "OK" (10 is a unit without any hardening)
                assertThat(Double.parseDouble(l.substring(9))).as("the unit's exposure level").isLessThan(2.0);
            });
        } finally {
            Files.deleteIfExists(passwordFile);
        }
    }

    private static <T> T await(CompletableFuture<T> f) throws Exception {
        return f.get(30, TimeUnit.SECONDS);
    }

    private static Throwable failure(CompletableFuture<?> f) throws Exception {
        try {
            f.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected a refusal");
    }

    /** A script of packaging/, by its absolute path. */
    private static String script(String path) {
        return Scripts.ROOT.resolve("packaging").resolve(path).toString();
    }

    /** The one package in packaging/target/dist matching glob. */
    private static Path pkg(String glob) throws IOException {
        try (var files = Files.newDirectoryStream(DIST, glob)) {
            List<Path> found = new ArrayList<>();
            files.forEach(found::add);
            if (found.size() != 1) {
                throw new IOException("expected one " + glob + " in " + DIST + ", found " + Arrays.toString(found.toArray()));
            }
            return found.getFirst();
        }
    }
}
