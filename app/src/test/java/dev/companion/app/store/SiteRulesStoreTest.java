package dev.companion.app.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.app.similar.SiteRules;
import dev.companion.p2p.protocol.Messages.UrlRule;
import dev.companion.p2p.protocol.UrlRuleKind;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The similar-action rules per site in a real SQLite file: kept in order across a restart; a bad row is left out. */
class SiteRulesStoreTest {
    @TempDir
    Path dir;

    @Test
    void rulesSurviveARestartInTheirOrder() {
        List<UrlRule> shop = List.of(new UrlRule(UrlRuleKind.PATH_TOKEN, "/cart/*"),
                new UrlRule(UrlRuleKind.QUERY_TOKEN, "sid"), new UrlRule(UrlRuleKind.DROP_QUERY, "utm_*"));
        try (LocalStore store = LocalStore.open(dir)) {
            assertThat(store.siteRules()).isEmpty();
            SiteRules rules = new SiteRules(store.siteRules(), store.siteRulesStore());
            rules.set("shop.example", shop);
            rules.set("news.example", List.of(new UrlRule(UrlRuleKind.LOCALE_PREFIX, "en,de")));
            rules.set("news.example", List.of());
        }
        try (LocalStore store = LocalStore.open(dir)) {
            assertThat(store.siteRules()).isEqualTo(Map.of("shop.example", shop));
        }
    }

    @Test
    void aRowThatNoLongerPassesTheGrammarIsLeftOut() throws Exception {
        try (LocalStore store = LocalStore.open(dir)) {
            new SiteRules(Map.of(), store.siteRulesStore()).set("shop.example",
                    List.of(new UrlRule(UrlRuleKind.QUERY_TOKEN, "sid")));
            synchronized (store) {
                try (Statement s = store.db().createStatement()) {
                    s.execute("INSERT INTO similar_rules(site, kind, value, position) VALUES('shop.example', 'path_token', '/no-star', 1)");
                }
            }
            assertThat(store.siteRules()).isEqualTo(Map.of("shop.example", List.of(new UrlRule(UrlRuleKind.QUERY_TOKEN, "sid"))));
        }
    }
}
