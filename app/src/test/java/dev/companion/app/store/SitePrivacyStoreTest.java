package dev.companion.app.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.app.privacy.SitePolicy;
import dev.companion.app.privacy.SitePrivacy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The privacy choices per site in a real SQLite file: kept across a restart, taken back for good. */
class SitePrivacyStoreTest {
    @TempDir
    Path dir;

    @Test
    void choicesSurviveARestart() {
        try (LocalStore store = LocalStore.open(dir)) {
            assertThat(store.sitePrivacyRules()).isEqualTo(SitePrivacy.Rules.NONE);
            SitePrivacy privacy = new SitePrivacy(store.sitePrivacyRules(), store.sitePrivacyStore());
            privacy.setPolicy("bank.example", SitePolicy.NOTHING_TYPED);
            privacy.setPolicy("news.bank.example", SitePolicy.NOT_SENSITIVE);
            privacy.setPolicy("bank.example", SitePolicy.NOTHING_TYPED);
            privacy.share("shop.example", "#member");
            privacy.share("shop.example", "#gift");
            privacy.share("shop.example", "input[name=\"o'neil\"]");
            privacy.unshare("shop.example", "#gift");
        }
        try (LocalStore store = LocalStore.open(dir)) {
            SitePrivacy.Rules rules = store.sitePrivacyRules();
            assertThat(rules.policies()).containsOnly(java.util.Map.entry("bank.example", SitePolicy.NOTHING_TYPED),
                    java.util.Map.entry("news.bank.example", SitePolicy.NOT_SENSITIVE));
            assertThat(rules.shared()).containsOnlyKeys("shop.example");
            assertThat(rules.shared().get("shop.example")).isEqualTo(Set.of("#member", "input[name=\"o'neil\"]"));
            SitePrivacy privacy = new SitePrivacy(rules, store.sitePrivacyStore());
            assertThat(privacy.policy("login.bank.example")).isEqualTo(SitePolicy.NOTHING_TYPED);
        }
        assertThat(Files.exists(dir.resolve("companion.db"))).isTrue();
    }
}
