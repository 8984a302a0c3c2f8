package dev.companion.app.follow;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * A URL as a key (mutual mode's registers). Whether the follower is on an action's page is
 * {@link dev.companion.app.similar.SimilarUrls}' question: per-user parts aside.
 */
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
}
