package dev.companion.app.flow;

import dev.companion.p2p.protocol.Wildcard;

/**
 * A URL pattern of an expectation: the URL itself, where each {@code *} stands for any run of
 * characters (none too). No regular expressions: a flow file is untrusted input, and this matcher
 * takes at most pattern length × URL length steps, whatever the file says.
 */
public final class UrlPattern {
    public static final int MAX_STARS = 16;

    private UrlPattern() {
    }

    /**
     * The pattern a recording expects for url: the URL without its fragment, its query (when there
     * is one) as {@code ?*}, and each path segment that looks like a per-user id (8 or more hex
     * digits and dashes, with a digit) as {@code *}, so another person's page with their own ids
     * and parameters still matches.
     */
    public static String fromUrl(String url) {
        String u = url;
        int hash = u.indexOf('#');
        u = hash >= 0 ? u.substring(0, hash) : u;
        int q = u.indexOf('?');
        String query = q >= 0 ? "?*" : "";
        u = q >= 0 ? u.substring(0, q) : u;
        u = u.replace("*", "%2A");
        int pathStart = u.indexOf('/', u.indexOf("://") + 3);
        if (pathStart < 0) {
            return u + query;
        }
        StringBuilder out = new StringBuilder(u.substring(0, pathStart));
        for (String segment : u.substring(pathStart + 1).split("/", -1)) {
            boolean id = segment.length() >= 8 && segment.matches("[0-9a-fA-F-]+") && segment.matches(".*\\d.*");
            out.append('/').append(id ? "*" : segment);
        }
        return out.append(query).toString();
    }

    /** Throws {@link FlowError#BAD_FIELD} when pattern is not a usable http(s) URL pattern. */
    static String check(String pattern) {
        String p = pattern.toLowerCase(java.util.Locale.ROOT);
        if (!p.startsWith("http://") && !p.startsWith("https://")) {
            throw Check.bad("expect.url must start with http:// or https://");
        }
        if (Wildcard.stars(pattern) > MAX_STARS) {
            throw Check.bad("expect.url has more than " + MAX_STARS + " '*'");
        }
        return pattern;
    }

    /** True when url matches pattern whole ({@link Wildcard}: linear, no regular expressions). */
    public static boolean matches(String pattern, String url) {
        return Wildcard.matches(pattern, url);
    }
}
