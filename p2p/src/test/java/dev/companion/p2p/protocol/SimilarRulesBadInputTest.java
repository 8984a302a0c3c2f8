package dev.companion.p2p.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Collections;
import org.junit.jupiter.api.Test;

/**
 * A member's similar_rules is untrusted: what it may say is bounded by grammar (no host, scheme,
 * replacement text or regular expression), count and length; anything else is MISSING_FIELD.
 */
class SimilarRulesBadInputTest {
    private static String msg(String site, String rules) {
        return "{\"type\":\"similar_rules\",\"group\":\"g\",\"from\":\"a\",\"site\":\"" + site + "\",\"rules\":" + rules + "}";
    }

    private static String rule(String kind, String value) {
        return "[{\"kind\":\"" + kind + "\",\"value\":\"" + value + "\"}]";
    }

    private static void refused(String json, String why) {
        ProtocolException e = catchThrowableOfType(ProtocolException.class, () -> Codec.decode(json));
        assertThat(e).as(json).isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.MISSING_FIELD);
        assertThat(e.getMessage()).as(json).contains(why);
    }

    @Test
    void wellFormedRulesDecode() {
        Messages.SimilarRules r = (Messages.SimilarRules) Codec.decode(msg("shop.example", "[{\"kind\":\"path_token\","
                + "\"value\":\"/u/*/orders\"},{\"kind\":\"query_token\",\"value\":\"sid\"}]"));
        assertThat(r.rules()).extracting(Messages.UrlRule::kind)
                .containsExactly(UrlRuleKind.PATH_TOKEN, UrlRuleKind.QUERY_TOKEN);
    }

    @Test
    void aSiteIsAPlainHostName() {
        for (String site : new String[] {"https://shop.example", "shop.example:8080", "shop.example/cart", "*.example",
            "Shop.Example", "", "a..b"}) {
            refused(msg(site, rule("query_token", "sid")), "site");
        }
    }

    @Test
    void valuesFollowTheirKindsGrammar() {
        refused(msg("s.example", rule("path_token", "/cart/x")), "at least one segment *");
        refused(msg("s.example", rule("path_token", "cart/*")), "path pattern");
        refused(msg("s.example", rule("path_token", "/cart/**")), "literal or *");
        refused(msg("s.example", rule("path_token", "//evil.example/*")), "literal or *");
        refused(msg("s.example", rule("path_token", "/a/b/c/d/e/f/g/h/*")), "at most 8 segments");
        refused(msg("s.example", rule("query_token", "s(i)d")), "query parameter name");
        refused(msg("s.example", rule("drop_query", "*")), "query parameter name");
        refused(msg("s.example", rule("locale_prefix", "en,(de)")), "language tags");
        refused(msg("s.example", rule("rewrite_host", "x")), "kind must be one of");
        refused(msg("s.example", rule("query_token", "s".repeat(201))), "field too long: value");
    }

    @Test
    void countIsBounded() {
        String one = "{\"kind\":\"query_token\",\"value\":\"sid\"}";
        refused(msg("s.example", "[]"), "1 to 32 rules");
        refused(msg("s.example", "[" + String.join(",", Collections.nCopies(33, one)) + "]"), "1 to 32 rules");
    }
}
