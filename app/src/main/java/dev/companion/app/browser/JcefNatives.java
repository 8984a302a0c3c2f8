package dev.companion.app.browser;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import me.friwi.jcefmaven.CefAppBuilder;
import me.friwi.jcefmaven.CefBuildInfo;
import me.friwi.jcefmaven.UnsupportedPlatformException;

/**
 * Where the Chromium natives live: unpacked once per user and JCEF build from the
 * {@code jcef-natives-*} jar on the classpath (no network download) into
 * {@code $XDG_CACHE_HOME/companion/jcef/<build tag>} (default {@code ~/.cache/...}), independent of
 * the profile. A file lock keeps two processes from unpacking into the same directory at once.
 */
final class JcefNatives {
    private JcefNatives() {
    }

    static Path installDir() throws IOException {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        String tag = CefBuildInfo.fromClasspath().getReleaseTag().replaceAll("[^A-Za-z0-9._+-]", "_");
        return cache.resolve("companion").resolve("jcef").resolve(tag);
    }

    /** Unpacks the natives into the builder's install dir unless they are already there. */
    static void install(CefAppBuilder builder, Path dir) throws IOException {
        Files.createDirectories(dir.getParent());
        Path lockFile = dir.getParent().resolve(dir.getFileName() + ".lock");
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = ch.lock(); // released when the channel closes
            try {
                builder.install();
            } finally {
                lock.release();
            }
        } catch (UnsupportedPlatformException e) {
            throw new IOException("Chromium is not available for this platform", e);
        }
    }
}
