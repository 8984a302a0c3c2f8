package dev.companion.demo.shop;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Small helpers for writing HTML by hand: escaping, URL encoding, money. */
final class Html {
    private Html() {}

    /** Escapes text for use in element content and in double- or single-quoted attribute values. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (rep != null) {
                if (out == null) {
                    out = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                out.append(rep);
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }

    /** Encodes a value for use in a query string. */
    static String urlParam(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Formats a price in cents as dollars, e.g. {@code 1250 -> "$12.50"}. */
    static String money(long cents) {
        return String.format(Locale.ROOT, "$%d.%02d", cents / 100, cents % 100);
    }

    /** Five stars, {@code stars} of them filled. */
    static String stars(int stars) {
        return "★".repeat(stars) + "☆".repeat(Math.max(0, 5 - stars));
    }
}
