package dev.companion.app.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The privacy choices in memory: what holds where, what is kept, what is refused. */
class SitePrivacyTest {
    private final RecordingStore store = new RecordingStore();
    private final List<String> saved = store.saved;
    private final SitePrivacy privacy = new SitePrivacy(SitePrivacy.Rules.NONE, store);

    @Test
    void theDefaultSharesWhatIsClearlyNotSensitive() {
        assertThat(privacy.policy("shop.example")).isEqualTo(SitePolicy.NOT_SENSITIVE);
        assertThat(privacy.policy(null)).isEqualTo(SitePolicy.NOT_SENSITIVE);
        assertThat(privacy.sharedFields("shop.example")).isEmpty();
    }

    @Test
    void aSitesChoiceHoldsOnTheSitesInsideItUnlessTheyChoseOtherwise() {
        privacy.setPolicy("bank.example", SitePolicy.NOTHING_TYPED);
        assertThat(privacy.policy("bank.example")).isEqualTo(SitePolicy.NOTHING_TYPED);
        assertThat(privacy.policy("login.bank.example")).isEqualTo(SitePolicy.NOTHING_TYPED);
        assertThat(privacy.policy("notbank.example")).isEqualTo(SitePolicy.NOT_SENSITIVE);
        assertThat(privacy.policy("example")).isEqualTo(SitePolicy.NOT_SENSITIVE);
        privacy.setPolicy("news.bank.example", SitePolicy.NOT_SENSITIVE);
        assertThat(privacy.policy("news.bank.example")).isEqualTo(SitePolicy.NOT_SENSITIVE);
        assertThat(privacy.policy("www.news.bank.example")).isEqualTo(SitePolicy.NOT_SENSITIVE);
        assertThat(saved).containsExactly("bank.example=nothing", "news.bank.example=clear");
    }

    @Test
    void sharedFieldsBelongToOneSiteAndCanBeTakenBack() {
        int[] changes = {0};
        privacy.onChange(() -> changes[0]++);
        privacy.share("shop.example", "#member");
        privacy.share("shop.example", "#member"); // again: no change
        privacy.share("shop.example", "form#pay input[name=\"note\"]");
        assertThat(privacy.sharedFields("shop.example")).containsExactly("#member", "form#pay input[name=\"note\"]");
        assertThat(privacy.sharedFields("www.shop.example")).isEmpty();
        privacy.unshare("shop.example", "#member");
        privacy.unshare("shop.example", "#never-shared");
        assertThat(privacy.sharedFields("shop.example")).containsExactly("form#pay input[name=\"note\"]");
        assertThat(changes[0]).isEqualTo(3);
        assertThat(saved).containsExactly("shop.example+#member", "shop.example+form#pay input[name=\"note\"]",
                "shop.example-#member");
    }

    @Test
    void badChoicesAreRefusedAndChangeNothing() {
        assertThatThrownBy(() -> privacy.setPolicy("Not A Host", SitePolicy.NOTHING_TYPED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("site");
        assertThatThrownBy(() -> privacy.setPolicy("shop.example", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("policy");
        assertThatThrownBy(() -> privacy.share("shop.example", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("selector");
        assertThatThrownBy(() -> privacy.share("shop.example", "#x" + "y".repeat(SitePrivacy.MAX_SELECTOR)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("selector");
        for (int i = 0; i < SitePrivacy.MAX_SHARED_PER_SITE; i++) {
            privacy.share("shop.example", "#f" + i);
        }
        assertThatThrownBy(() -> privacy.share("shop.example", "#one-too-many"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most");
        assertThat(privacy.sharedFields("shop.example")).hasSize(SitePrivacy.MAX_SHARED_PER_SITE)
                .doesNotContain("#one-too-many");
        assertThat(privacy.policy("shop.example")).isEqualTo(SitePolicy.NOT_SENSITIVE);
        assertThat(saved).noneMatch(s -> s.contains("Not A Host") || s.contains("one-too-many"));
    }

    @Test
    void rulesLoadedFromTheProfileAreCopied() {
        Map<String, Set<String>> shared = new java.util.HashMap<>(Map.of("a.example", new java.util.HashSet<>(Set.of("#x"))));
        SitePrivacy.Rules rules = new SitePrivacy.Rules(Map.of("a.example", SitePolicy.NOTHING_TYPED), shared);
        shared.get("a.example").add("#y");
        SitePrivacy loaded = new SitePrivacy(rules, null);
        assertThat(loaded.sharedFields("a.example")).containsExactly("#x");
        assertThat(loaded.policy("b.a.example")).isEqualTo(SitePolicy.NOTHING_TYPED);
        assertThatThrownBy(() -> SitePolicy.fromWire("everything")).isInstanceOf(IllegalArgumentException.class);
    }
}
