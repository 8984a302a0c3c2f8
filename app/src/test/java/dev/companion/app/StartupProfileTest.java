package dev.companion.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.companion.app.store.LocalStore.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    @Test
    void failureIsRethrownAsItWasThrown() throws Exception {
        Path notADir = Files.writeString(dir.resolve("file"), "x");
        CompletableFuture<StartupProfile> opening = StartupProfile.openAsync(notADir);
        assertThatThrownBy(() -> StartupProfile.await(opening)).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> StartupProfile.await(CompletableFuture.failedFuture(new IOException("disk"))))
                .isInstanceOf(IOException.class).hasMessage("disk");
    }
}
