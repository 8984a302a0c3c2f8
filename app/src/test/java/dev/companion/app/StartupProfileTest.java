package dev.companion.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.companion.app.store.LocalStore.StoreException;
import dev.companion.p2p.files.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The profile opened off the JavaFX thread while Chromium starts: same result as opening it in place. */
class StartupProfileTest {
    @TempDir
    Path dir;

    @Test
    void opensStoreAndIdentityOnItsOwnThreadAndKeepsThemForTheNextStart() throws Exception {
        Path profile = dir.resolve("fresh");
        StartupProfile first = StartupProfile.await(StartupProfile.openAsync(profile).orTimeout(30, TimeUnit.SECONDS));
        String terminal = first.store().terminalId();
        String fingerprint = first.identity().fingerprint();
        first.store().close();
        assertThat(profile.resolve("identity.p12")).isRegularFile();
        assertThat(profile.resolve("companion.db")).isRegularFile();

        StartupProfile again = StartupProfile.open(profile);
        try {
            assertThat(again.store().terminalId()).isEqualTo(terminal);
            assertThat(again.identity().fingerprint()).isEqualTo(fingerprint);
        } finally {
            again.store().close();
        }
    }

    /** The profile holds the terminal's private key, its session and its cookies: its owner's only (POSIX). */
    @Test
    void theProfileIsItsOwnersOnlyAndLooserModesAreTightenedAtOpen() throws Exception {
        assumeTrue(PrivateFiles.posix(dir), "not a POSIX file system");
        Path profile = dir.resolve("mine");
        StartupProfile first = StartupProfile.open(profile);
        try {
            first.store().putSetting("k", "v"); // the WAL and its index exist while the store is open
            assertThat(mode(profile)).isEqualTo("rwx------");
            for (String f : new String[] {"companion.db", "companion.db-wal", "companion.db-shm", "identity.p12"}) {
                assertThat(mode(profile.resolve(f))).as(f).isEqualTo("rw-------");
            }
        } finally {
            first.store().close();
        }
        Files.setPosixFilePermissions(profile, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(profile.resolve("companion.db"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(profile.resolve("identity.p12"), PosixFilePermissions.fromString("rw-rw-rw-"));
        StartupProfile again = StartupProfile.open(profile);
        try {
            assertThat(again.store().setting("k")).contains("v");
            assertThat(mode(profile)).isEqualTo("rwx------");
            assertThat(mode(profile.resolve("companion.db"))).isEqualTo("rw-------");
            assertThat(mode(profile.resolve("identity.p12"))).isEqualTo("rw-------");
        } finally {
            again.store().close();
        }
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void failureIsRethrownAsItWasThrown() throws Exception {
        Path notADir = Files.writeString(dir.resolve("file"), "x");
        CompletableFuture<StartupProfile> opening = StartupProfile.openAsync(notADir);
        assertThatThrownBy(() -> StartupProfile.await(opening)).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> StartupProfile.await(CompletableFuture.failedFuture(new IOException("disk"))))
                .isInstanceOf(IOException.class).hasMessage("disk");
    }
}
