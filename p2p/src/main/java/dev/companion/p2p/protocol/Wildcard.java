package dev.companion.p2p.protocol;

/**
 * Matching a URL against a pattern where each {@code *} stands for any run of characters (none
 * too), everything else for itself. No regular expressions: a pattern can come from an untrusted
 * peer or file, and this matcher takes at most pattern length × URL length steps, whatever it says.
 * Used by a step's expectation ({@link Messages.Expect}) and by flows (the app's UrlPattern).
 */
public final class Wildcard {
    private Wildcard() {
    }

    /** True when url matches pattern whole (wildcard matching with one backtrack point). */
    public static boolean matches(String pattern, String url) {
        int p = 0;
        int u = 0;
        int star = -1;
        int mark = 0;
        while (u < url.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = u;
            } else if (p < pattern.length() && pattern.charAt(p) == url.charAt(u)) {
                p++;
                u++;
            } else if (star >= 0) {
                p = star + 1;
                u = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    /** How many {@code *} pattern has. */
    public static long stars(String pattern) {
        return pattern.chars().filter(c -> c == '*').count();
    }
}
