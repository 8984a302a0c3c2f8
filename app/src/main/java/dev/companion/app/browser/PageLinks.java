package dev.companion.app.browser;

import com.fasterxml.jackson.databind.JsonNode;
import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.Codec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The links of a view's top page ({@link BrowserView#links}), where the follow engine looks for this
 * terminal's own equivalent of another member's per-user URL. What the page answers is untrusted:
 * only http(s) URLs of at most {@link Action#MAX_URL} characters are kept, at most {@link #MAX}.
 */
final class PageLinks {
    static final int MAX = 2_000;
    /** Every {@code a[href]} and {@code area[href]} of the top document, resolved by the page (absolute). */
    static final String EXPRESSION = "Array.prototype.slice.call(document.querySelectorAll('a[href],area[href]'), 0, "
            + MAX + ").map(function (a) { return String(a.href); })";

    private PageLinks() {
    }

    static List<String> parse(String json) {
        JsonNode node;
        try {
            node = Codec.mapper().readTree(json == null ? "[]" : json);
        } catch (IOException e) {
            throw new UncheckedIOException("the page's links are not JSON", e);
        }
        List<String> out = new ArrayList<>();
        if (node != null && node.isArray()) {
            for (JsonNode n : node) {
                String url = n.isTextual() ? n.asText() : null;
                if (url != null && url.length() <= Action.MAX_URL && Action.isWebUrl(url) && out.size() < MAX) {
                    out.add(url);
                }
            }
        }
        return List.copyOf(out);
    }
}
