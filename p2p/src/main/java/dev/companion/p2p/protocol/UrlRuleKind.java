package dev.companion.p2p.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a similar-action rule says about a site's URLs (docs/protocol.md, "Similar-action rules"):
 * path_token (the path segments at a pattern's {@code *} are per-user), query_token (that query
 * parameter's value is per-user), drop_query (that parameter is tracking: dropped), locale_prefix
 * (the first path segment is a language, one of those listed). A rule only says which parts of a URL
 * are whose: it never names a host, a scheme or a replacement text.
 */
public enum UrlRuleKind {
    PATH_TOKEN("path_token"),
    QUERY_TOKEN("query_token"),
    DROP_QUERY("drop_query"),
    LOCALE_PREFIX("locale_prefix");

    private final String wire;

    UrlRuleKind(String wire) {
        this.wire = wire;
    }

    /** The name on the wire. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** The value named wire; anything else is refused with MISSING_FIELD. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static UrlRuleKind of(String wire) {
        return Require.oneOf(values(), UrlRuleKind::wire, wire, "kind");
    }

    @Override
    public String toString() {
        return wire;
    }
}
