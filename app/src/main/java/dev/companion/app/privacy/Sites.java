package dev.companion.app.privacy;

import java.util.Locale;

/**
 * Sites and origins of page URLs, as the page agent sees them. A <em>site</em> is the host name of
 * an http(s) URL ({@code shop.example.org}, {@code 127.0.0.1}, {@code [::1]}); an <em>origin</em> is
 * scheme, host and port as {@code location.origin} gives it ({@code https://shop.example.org},
 * {@code http://127.0.0.1:8080}). Chromium's URLs are canonical (lower-case host, no default port,
 * IDNs in punycode), so a few string steps give the same answers as the page.
 */
public final class Sites {
    /** Longest host name DNS allows. */
    public static final int MAX_SITE = 253;

    private Sites() {
    }

    /** The origin of an http(s) URL; null for anything else (about:blank, data:, file:...). */
    public static String originOf(String url) {
        if (url == null) {
            return null;
        }
        int colon = url.indexOf("://");
        if (colon < 0) {
            return null;
        }
        String scheme = url.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return null;
        }
        int start = colon + 3;
        int end = start;
        while (end < url.length() && "/?#\\".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        String authority = url.substring(start, end);
        authority = authority.substring(authority.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        String host = hostOf(authority);
        if (host.isEmpty()) {
            return null;
        }
        String port = authority.substring(host.length());
        if ((scheme.equals("http") && port.equals(":80")) || (scheme.equals("https") && port.equals(":443"))
                || port.equals(":")) {
            port = "";
        }
        return scheme + "://" + host + port;
    }

    /** The site (host name) of an http(s) URL; null for anything else. */
    public static String siteOf(String url) {
        String origin = originOf(url);
        return origin == null ? null : hostOf(origin.substring(origin.indexOf("://") + 3));
    }

    /** The host of "host[:port]" (an IPv6 host keeps its brackets). */
    private static String hostOf(String authority) {
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            return close < 0 ? "" : authority.substring(0, close + 1);
        }
        int colon = authority.indexOf(':');
        return colon < 0 ? authority : authority.substring(0, colon);
    }

    /**
     * The site itself, then the domains it is in, nearest first: {@code login.bank.example},
     * {@code bank.example}, {@code example}. An IP address is only itself.
     */
    static java.util.List<String> withParents(String site) {
        java.util.List<String> out = new java.util.ArrayList<>();
        out.add(site);
        if (site.startsWith("[") || site.chars().allMatch(c -> c == '.' || Character.isDigit(c))) {
            return out;
        }
        for (int dot = site.indexOf('.'); dot >= 0 && dot < site.length() - 1; dot = site.indexOf('.', dot + 1)) {
            out.add(site.substring(dot + 1));
        }
        return out;
    }

    /** Checks a site name (as {@link #siteOf} gives it); IllegalArgumentException with the reason. */
    public static String check(String site) {
        if (site == null || site.isEmpty() || site.length() > MAX_SITE) {
            throw new IllegalArgumentException("a site is a host name of 1 to " + MAX_SITE + " characters");
        }
        boolean ipv6 = site.startsWith("[") && site.endsWith("]");
        for (int i = 0; i < site.length(); i++) {
            char c = site.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_'
                    || (ipv6 && (c == ':' || c == '[' || c == ']'));
            if (!ok) {
                throw new IllegalArgumentException("not a site (lower-case host name): " + site);
            }
        }
        return site;
    }
}
