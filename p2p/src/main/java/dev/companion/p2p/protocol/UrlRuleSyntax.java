package dev.companion.p2p.protocol;

import java.util.regex.Pattern;

/**
 * The grammar of a similar-action rule's site and value, checked when a rule is decoded (from a
 * member: untrusted) and when one is made here. No regular expression of a sender's is ever run:
 * values are plain names, tags and path patterns, matched segment by segment.
 */
final class UrlRuleSyntax {
    static final int MAX_VALUE = 200;
    private static final Pattern SITE = Pattern.compile("[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?");
    private static final Pattern PARAM = Pattern.compile("[A-Za-z0-9._\\-\\[\\]]{1,64}\\*?");
    private static final Pattern SEGMENT = Pattern.compile("\\*|[A-Za-z0-9._~!$&'()+,;=:@%\\-]{1,64}");
    private static final Pattern TAG = Pattern.compile("[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})?");
    private static final int MAX_SEGMENTS = 8;
    private static final int MAX_TAGS = 30;

    private UrlRuleSyntax() {
    }

    /** A site is a lower-case host name or IPv4 address: no scheme, port, path or wildcard. */
    static String site(String site) {
        Require.text(site, "site", 253);
        if (!SITE.matcher(site).matches() || site.contains("..")) {
            throw bad("site must be a lower-case host name (no scheme, port or path)");
        }
        return site;
    }

    static String value(UrlRuleKind kind, String value) {
        Require.text(value, "value", MAX_VALUE);
        switch (kind) {
            case PATH_TOKEN -> path(value);
            case QUERY_TOKEN, DROP_QUERY -> {
                if (!PARAM.matcher(value).matches()) {
                    throw bad("a " + kind + " value is a query parameter name (a trailing * for a prefix)");
                }
            }
            case LOCALE_PREFIX -> {
                String[] tags = value.split(",", -1);
                if (tags.length > MAX_TAGS) {
                    throw bad("at most " + MAX_TAGS + " languages in a locale_prefix");
                }
                for (String t : tags) {
                    if (!TAG.matcher(t).matches()) {
                        throw bad("a locale_prefix value lists language tags, comma-separated (en,de,zh-cn)");
                    }
                }
            }
        }
        return value;
    }

    private static void path(String value) {
        if (!value.startsWith("/") || value.endsWith("/") && value.length() > 1) {
            throw bad("a path_token value is a path pattern such as /cart/*");
        }
        String[] segs = value.substring(1).split("/", -1);
        boolean star = false;
        if (segs.length > MAX_SEGMENTS) {
            throw bad("a path_token pattern has at most " + MAX_SEGMENTS + " segments");
        }
        for (String s : segs) {
            if (!SEGMENT.matcher(s).matches()) {
                throw bad("a path_token segment is a literal or *");
            }
            star |= s.equals("*");
        }
        if (!star) {
            throw bad("a path_token pattern marks at least one segment * (the per-user one)");
        }
    }

    private static ProtocolException bad(String why) {
        return new ProtocolException(ErrorCode.MISSING_FIELD, why);
    }
}
