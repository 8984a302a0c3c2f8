package dev.companion.app.flow;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.companion.p2p.protocol.Messages;

/**
 * What the page should show after a step: a URL pattern ({@link UrlPattern}), an element (a CSS
 * selector that must match something visible) and a text the page must contain. Each is optional;
 * at least one is given.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Expectation(String url, String element, String text) {
    public static final int MAX_URL = 4 * 1024;
    public static final int MAX_ELEMENT = 1024;
    public static final int MAX_TEXT = 500;

    public Expectation {
        Check.optional(url, "expect.url", MAX_URL);
        Check.optional(element, "expect.element", MAX_ELEMENT);
        Check.readable(text, "expect.text", MAX_TEXT);
        if (blank(url) && blank(element) && blank(text)) {
            throw Check.bad("expect needs url, element or text");
        }
        url = blank(url) ? null : UrlPattern.check(url);
        element = blank(element) ? null : element;
        text = blank(text) ? null : text;
    }

    /** True when url matches this expectation's URL pattern (or there is none). */
    public boolean urlMatches(String pageUrl) {
        return url == null || (pageUrl != null && UrlPattern.matches(url, pageUrl));
    }

    /** This expectation as a step carries it on the wire (docs/protocol.md, "Expectations"). */
    public Messages.Expect toWire() {
        return new Messages.Expect(url, element, text);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
