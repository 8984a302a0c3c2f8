package dev.companion.app;

import dev.companion.app.privacy.SitePrivacy;
import dev.companion.app.store.LocalStore;
import dev.companion.app.thread.Threads;
import dev.companion.app.ui.UiSettings;
import dev.companion.p2p.protocol.Messages.UrlRule;
import dev.companion.p2p.tls.Identity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The profile's database and identity, opened on a thread of their own while Chromium starts.
 *
 * <p>Why: on a fresh profile, opening the store (Flyway's migrations, the SQLite driver) and creating
 * the identity (an EC key and a self-signed certificate) take a few hundred ms of mostly class
 * loading; done on the JavaFX thread they delayed the first page request by that much. Neither needs
 * Chromium or JavaFX, so {@link Main} starts them before Chromium and {@link CompanionApp#start}
 * only waits for the result. Also keeps this I/O off the JavaFX thread.
 */
record StartupProfile(LocalStore store, Identity identity, Optional<String> language, boolean largeText,
                      SitePrivacy.Rules privacy, Map<String, List<UrlRule>> siteRules, Optional<String> controlCenter) {


    /** Opens the store, then loads or creates the identity (same order as before), on a daemon thread. */
    static CompletableFuture<StartupProfile> openAsync(Path profileDir) {
        CompletableFuture<StartupProfile> out = new CompletableFuture<>();
        Threads.start("profile-open", () -> {
            try {
                out.complete(open(profileDir));
            } catch (Throwable e) {
                out.completeExceptionally(e);
            }
        });
        return out;
    }

    /**
     * Opens the store, then loads or creates the identity and reads the window's settings and the
     * privacy choices and similar-action rules per site, on the calling thread.
     */
    static StartupProfile open(Path profileDir) throws IOException {
        LocalStore store = LocalStore.open(profileDir);
        try {
            Identity identity = Identity.loadOrCreate(profileDir.resolve("identity.p12"), "companion-terminal");
            // the window's settings are read here too: the FX thread never reads SQLite
            return new StartupProfile(store, identity, store.setting(UiSettings.LANGUAGE),
                    store.setting(UiSettings.LARGE_TEXT).map(Boolean::parseBoolean).orElse(false),
                    store.sitePrivacyRules(), store.siteRules(), store.setting(UiSettings.CONTROL_CENTER));
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** Waits for {@link #openAsync}; rethrows its failure as it was thrown (IOException or unchecked). */
    static StartupProfile await(CompletableFuture<StartupProfile> pending) throws IOException {
        try {
            return pending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while opening the profile", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new UncheckedIOException(new IOException(cause));
        }
    }

    /** Closes the store of a profile that was opened but will not be used (Chromium failed to start). */
    static void discard(CompletableFuture<StartupProfile> pending) {
        pending.thenAccept(p -> p.store().close());
    }
}
