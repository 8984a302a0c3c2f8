package dev.companion.app.browser;

import dev.companion.app.privacy.SitePrivacy;
import dev.companion.app.store.LocalStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real profile (its SQLite store in a temporary folder) whose per-site privacy rules are given to
 * a fixture's browser engine, as the app does: for tests of what travels under the privacy choices.
 */
final class PrivacyProfile implements AutoCloseable {
    final Path folder;
    final LocalStore store;
    final SitePrivacy privacy;

    private PrivacyProfile(Path folder, LocalStore store) {
        this.folder = folder;
        this.store = store;
        this.privacy = new SitePrivacy(store.sitePrivacyRules(), store.sitePrivacyStore());
    }

    static PrivacyProfile on(BrowserFixture fx, String name) throws Exception {
        Path folder = Files.createTempDirectory(name);
        PrivacyProfile p = new PrivacyProfile(folder, LocalStore.open(folder));
        fx.engine.setPrivacy(p.privacy);
        return p;
    }

    @Override
    public void close() throws Exception {
        store.close();
    }
}
