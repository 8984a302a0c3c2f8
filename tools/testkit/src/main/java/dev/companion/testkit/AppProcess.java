package dev.companion.testkit;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A Companion app in its own process (own JVM, own Chromium, own profile), driven through its test hook. */
public final class AppProcess implements AutoCloseable {
    private final Process process;
    private final HookClient hook;
    private final Path log;

    private AppProcess(Process process, HookClient hook, Path log) {
        this.process = process;
        this.hook = hook;
        this.log = log;
    }

    public static AppProcess start(String user, Path profile, int sccPort, String sccFingerprint, String startUrl) throws Exception {
        int hookPort;
        try (ServerSocket s = new ServerSocket(0)) {
            hookPort = s.getLocalPort();
        }
        byte[] t = new byte[16];
        new SecureRandom().nextBytes(t);
        String token = HexFormat.of().formatHex(t);
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(javaBin));
        cmd.addAll(dev.companion.app.JvmOptions.shipped()); // as the launcher and the package start the app
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"),
                "dev.companion.app.Main", "--profile", profile.toString(), "--user", user, "--title", user,
                "--scc", "127.0.0.1:" + sccPort, "--scc-fingerprint", sccFingerprint, "--bind", "127.0.0.1",
                "--start-url", startUrl, "--lang", "en", "--test-hook-port", Integer.toString(hookPort)));
        Path log = profile.resolveSibling(user + ".log");
        java.nio.file.Files.createDirectories(profile);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("COMPANION_TEST_HOOK_TOKEN", token);
        Process p = pb.start();
        Instant end = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            try {
                return new AppProcess(p, new HookClient(hookPort, token), log);
            } catch (IOException e) {
                if (!p.isAlive() || Instant.now().isAfter(end)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("app " + user + " did not start; log:\n" + tail(log), e);
                }
                Thread.sleep(200); // the process has no other way to say it is listening
            }
        }
    }

    public HookClient hook() {
        return hook;
    }

    public String logTail() {
        return tail(log);
    }

    private static String tail(Path log) {
        try {
            List<String> lines = java.nio.file.Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() throws Exception {
        hook.quit();
        hook.close();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
