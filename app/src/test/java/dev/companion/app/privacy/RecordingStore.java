package dev.companion.app.privacy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link SitePrivacy.Store} for tests: records each write as "site=policy", "site+selector" or "site-selector". */
public final class RecordingStore implements SitePrivacy.Store {
    public final List<String> saved = new CopyOnWriteArrayList<>();

    @Override
    public void savePolicy(String site, SitePolicy policy) {
        saved.add(site + "=" + policy.wire());
    }

    @Override
    public void saveShared(String site, String selector, boolean shared) {
        saved.add(site + (shared ? "+" : "-") + selector);
    }
}
