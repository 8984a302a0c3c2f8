package dev.companion.app.follow;

import java.net.URI;
import java.net.URISyntaxException;

/** URL comparison for "is the follower on the page this action happened on". */
final class PageUrls {
    private PageUrls() {
    }

    /** scheme://host:port/path?query, without the fragment; the input itself when it does not parse. */
    static String normalize(String url) {
        if (url == null) {
            return "";
        }
        try {
            URI u = new URI(url.trim());
            String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
            String query = u.getRawQuery() == null ? "" : "?" + u.getRawQuery();
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
            String host = u.getHost() == null ? "" : u.getHost().toLowerCase(java.util.Locale.ROOT);
            int port = u.getPort();
            if (port == -1) {
                port = "https".equals(scheme) ? 443 : "http".equals(scheme) ? 80 : -1;
            }
            return scheme + "://" + host + ":" + port + path + query;
        } catch (URISyntaxException e) {
            return url.trim();
        }
    }

    static boolean samePage(String a, String b) {
        return normalize(a).equals(normalize(b));
    }
}
