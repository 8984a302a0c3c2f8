package dev.companion.app.similar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.companion.app.privacy.Sites;
import dev.companion.p2p.protocol.Messages.UrlRule;
import dev.companion.p2p.protocol.UrlRuleKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which URLs are one page for two users, and a terminal's own equivalent of another's per-user URL. */
class SimilarUrlsTest {
    private static final String ALICE_CART = "http://shop.test/cart/9f3a1c0e5b7d2c4a6e8f0a1b?sid=a1";
    private static final String BOB_CART = "http://shop.test/cart/0c4d2e8a9b1f3e5d7c6a4b2e?sid=b2";

    private static SimilarUrls with(String site, UrlRule... rules) {
        SiteRules r = SiteRules.inMemory();
        r.set(site, List.of(rules));
        return new SimilarUrls(r);
    }

    private static UrlRule rule(UrlRuleKind k, String v) {
        return new UrlRule(k, v);
    }

    @Test
    void generatedLookingSegmentsAndValuesAreTold() {
        assertThat(UrlParts.looksGenerated("9f3a1c0e5b7d2c4a")).isTrue();
        assertThat(UrlParts.looksGenerated("123e4567-e89b-12d3-a456-426614174000")).isTrue();
        assertThat(UrlParts.looksGenerated("k3v9Qx7ZpL2m")).isTrue();
        assertThat(UrlParts.looksGenerated("iphone-15-pro-max-256gb")).isFalse();
        assertThat(UrlParts.looksGenerated("green-tea")).isFalse();
        assertThat(UrlParts.looksGenerated("2026")).isFalse();
    }

    @Test
    void sessionIdsAndTrackingDoNotMakeAnotherPage() {
        SimilarUrls s = SimilarUrls.builtIn();
        assertThat(s.samePage("http://shop.test/orders?sid=a1&page=2", "http://shop.test/orders?page=2&sid=b2")).isTrue();
        assertThat(s.samePage("http://shop.test/p?utm_source=mail&utm_medium=x&fbclid=1", "http://shop.test/p#top")).isTrue();
        assertThat(s.samePage("http://shop.test/orders?page=2", "http://shop.test/orders?page=3")).isFalse();
        assertThat(s.samePage("http://shop.test:80/a", "http://shop.test/a")).isTrue();
        assertThat(s.samePage("http://shop.test/a", "https://shop.test/a")).isFalse();
    }

    @Test
    void aSegmentThatOnlyLooksGeneratedIsNotMaskedBySyntaxAlone() {
        SimilarUrls s = SimilarUrls.builtIn();
        // a product id may look like a cart token: two products are two pages
        assertThat(s.samePage("http://shop.test/p/5f3a9c1e2b7d4a6e8f0a1b2c", "http://shop.test/p/6a0b1c2d3e4f5a6b7c8d9e0f")).isFalse();
        assertThat(s.perUser("http://shop.test/p/5f3a9c1e2b7d4a6e8f0a1b2c")).isTrue();
        // ... unless this terminal reached its own by repeating the leader's action
        assertThat(s.learn(ALICE_CART, BOB_CART)).isTrue();
        assertThat(s.samePage(ALICE_CART, BOB_CART)).isTrue();
        assertThat(s.learn(ALICE_CART, "http://shop.test/account/0c4d2e8a9b1f3e5d7c6a4b2e?sid=b2")).isFalse();
    }

    @Test
    void aPathRuleMakesTheTokenPerUserForSure() {
        SimilarUrls s = with("shop.test", rule(UrlRuleKind.PATH_TOKEN, "/u/*/orders"));
        assertThat(s.samePage("http://shop.test/u/ann/orders", "http://shop.test/u/bob/orders")).isTrue();
        assertThat(s.samePage("http://shop.test/u/ann/orders/7", "http://shop.test/u/bob/orders/7")).isTrue();
        assertThat(s.samePage("http://shop.test/u/ann/orders/7", "http://shop.test/u/bob/orders/8")).isFalse();
        assertThat(s.samePage("http://shop.test/u/ann/wishes", "http://shop.test/u/bob/wishes")).isFalse();
        assertThat(s.samePage("http://other.test/u/ann/orders", "http://other.test/u/bob/orders")).isFalse();
    }

    @Test
    void ownEquivalentIsTheOneLinkOfTheSameShape() {
        SimilarUrls s = with("shop.test", rule(UrlRuleKind.PATH_TOKEN, "/cart/*"));
        SimilarUrls.Own own = s.own(ALICE_CART, "http://shop.test/", List.of("http://shop.test/search",
                BOB_CART + "#lines", "http://shop.test/product/green-tea"));
        assertThat(own.url()).isEqualTo(BOB_CART);
    }

    @Test
    void twoDifferentLinksOfTheSameShapeAreAmbiguous() {
        SimilarUrls s = with("shop.test", rule(UrlRuleKind.PATH_TOKEN, "/cart/*"));
        SimilarUrls.Own own = s.own(ALICE_CART, "http://shop.test/", List.of(BOB_CART,
                "http://shop.test/cart/1111222233334444aaaa?sid=b2"));
        assertThat(own.url()).isNull();
        assertThat(own.describe()).startsWith("ambiguous-url: 2 links");
        assertThat(own.describe()).doesNotContain("9f3a1c0e"); // the leader's token is not repeated
    }

    @Test
    void withoutALinkItsOwnRememberedValuesRebuildIt() {
        SimilarUrls s = with("shop.test", rule(UrlRuleKind.PATH_TOKEN, "/cart/*"));
        s.remember("http://shop.test/cart/0c4d2e8a9b1f3e5d7c6a4b2e/lines?sid=b2");
        assertThat(s.own(ALICE_CART, "http://shop.test/", List.of()).url()).isEqualTo(BOB_CART);
    }

    @Test
    void aPerUserUrlWithNoOwnEquivalentIsRefusedNeverTakenVerbatim() {
        SimilarUrls s = SimilarUrls.builtIn();
        SimilarUrls.Own own = s.own(ALICE_CART, "http://shop.test/", List.of(BOB_CART));
        // the cart token only looks generated: a link of the same shape is not enough without a rule
        assertThat(own.url()).isNull();
        assertThat(own.code()).isEqualTo(SimilarUrls.PER_USER_URL);
        assertThat(own.reason()).isEqualTo("no own equivalent of /cart/… on this page");
        assertThat(s.own("http://shop.test/orders?sid=a1", "http://shop.test/", List.of()).code())
                .isEqualTo(SimilarUrls.PER_USER_URL);
    }

    @Test
    void aUrlItsOwnPageLinksToIsNotTheLeadersAlone() {
        SimilarUrls s = SimilarUrls.builtIn();
        String product = "http://shop.test/p/5f3a9c1e2b7d4a6e8f0a1b2c?utm_source=x";
        assertThat(s.own(product, "http://shop.test/", List.of("http://shop.test/p/5f3a9c1e2b7d4a6e8f0a1b2c")).url())
                .isEqualTo("http://shop.test/p/5f3a9c1e2b7d4a6e8f0a1b2c");
    }

    @Test
    void trackingIsDroppedAndTheLocaleIsTheFollowersOwn() {
        SimilarUrls s = with("shop.test", rule(UrlRuleKind.LOCALE_PREFIX, "en,de"),
                rule(UrlRuleKind.DROP_QUERY, "ref"));
        assertThat(s.own("http://shop.test/en/tea?utm_campaign=x&ref=mail&q=1", "", List.of()).url())
                .isEqualTo("http://shop.test/en/tea?q=1");
        s.remember("http://shop.test/de/start");
        assertThat(s.own("http://shop.test/en/tea?q=1", "", List.of()).url()).isEqualTo("http://shop.test/de/tea?q=1");
        assertThat(s.samePage("http://shop.test/en/tea", "http://shop.test/de/tea")).isTrue();
    }

    @Test
    void whateverTheRulesAndLinksSayTheOwnUrlIsOnTheLeadersOrigin() {
        SimilarUrls s = with("shop.test", rule(UrlRuleKind.PATH_TOKEN, "/cart/*"), rule(UrlRuleKind.QUERY_TOKEN, "next"),
                rule(UrlRuleKind.DROP_QUERY, "u"));
        List<String> hostile = List.of("http://evil.test/cart/0c4d2e8a9b1f3e5d7c6a4b2e?sid=b2",
                "https://shop.test/cart/0c4d2e8a9b1f3e5d7c6a4b2e?sid=b2", "http://shop.test:8080/cart/x?sid=b2",
                "javascript:alert(1)", "http://shop.test@evil.test/cart/x?sid=b2");
        s.remember("http://shop.test/x?next=http://evil.test/");
        for (String theirs : List.of(ALICE_CART, "http://shop.test/login?next=/cart&u=http://evil.test/",
                "http://shop.test/cart/abc?sid=1")) {
            SimilarUrls.Own own = s.own(theirs, "http://shop.test/", hostile);
            if (own.url() != null) {
                assertThat(Sites.originOf(own.url())).as(theirs).isEqualTo("http://shop.test");
            }
        }
        assertThat(s.own(ALICE_CART, "http://shop.test/", hostile).url()).isNull();
    }

    @Test
    void siteRulesAreBoundedAndOffersWaitForConsent() {
        SiteRules r = SiteRules.inMemory();
        List<UrlRule> many = new java.util.ArrayList<>();
        for (int i = 0; i < 33; i++) {
            many.add(rule(UrlRuleKind.QUERY_TOKEN, "p" + i));
        }
        assertThatThrownBy(() -> r.set("shop.test", many)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 to 32 rules");
        assertThatThrownBy(() -> r.set("Shop.Test/x", List.of(rule(UrlRuleKind.QUERY_TOKEN, "sid"))))
                .isInstanceOf(IllegalArgumentException.class);
        r.offer(new dev.companion.p2p.protocol.Messages.SimilarRules("g", "alice", "shop.test",
                List.of(rule(UrlRuleKind.PATH_TOKEN, "/cart/*"))));
        assertThat(r.rules("shop.test")).isEmpty();
        assertThat(r.offers()).hasSize(1);
        r.decide(r.offers().getFirst(), true);
        assertThat(r.rules("shop.test")).containsExactly(rule(UrlRuleKind.PATH_TOKEN, "/cart/*"));
        assertThat(r.offers()).isEmpty();
        assertThat(r.all()).isEqualTo(Map.of("shop.test", List.of(rule(UrlRuleKind.PATH_TOKEN, "/cart/*"))));
    }
}
