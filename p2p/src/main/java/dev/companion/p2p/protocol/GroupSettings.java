package dev.companion.p2p.protocol;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The group settings (mode, following, scope) and the partial-scope rule, shared by the control
 * center (which checks and stores them) and the follow engine (which applies them on both sides).
 *
 * <p>Page patterns are matched against a page's URL without its #fragment; {@code *} matches any run
 * of characters (including none) and everything else matches itself, case-insensitively for the
 * scheme and host. {@code https://shop.example/product/*} matches every product page of that shop.
 */
public final class GroupSettings {
    public static final String LEADER_FOLLOWER = "leader-follower";
    public static final String MUTUAL = "mutual";
    public static final String AUTO = "auto";
    public static final String MANUAL = "manual";
    public static final String FULL = "full";
    public static final String PARTIAL = "partial";
    public static final Set<String> MODES = Set.of(LEADER_FOLLOWER, MUTUAL);
    public static final Set<String> FOLLOWING = Set.of(AUTO, MANUAL);
    public static final Set<String> SCOPES = Set.of(FULL, PARTIAL);
    public static final int MAX_PATTERNS = 16;
    public static final int MAX_PATTERN = 512;

    private GroupSettings() {
    }

    static void check(String mode, String following, String scope) {
        if (!MODES.contains(mode)) {
            throw new ProtocolException(ErrorCode.MISSING_FIELD, "mode must be one of " + MODES);
        }
        if (!FOLLOWING.contains(following)) {
            throw new ProtocolException(ErrorCode.MISSING_FIELD, "following must be one of " + FOLLOWING);
        }
        if (!SCOPES.contains(scope)) {
            throw new ProtocolException(ErrorCode.MISSING_FIELD, "scope must be one of " + SCOPES);
        }
    }

    static List<String> kinds(List<String> kinds) {
        List<String> k = Require.list(kinds == null ? List.of() : kinds, "kinds");
        for (String kind : k) {
            if (!Action.KINDS.contains(kind)) {
                throw new ProtocolException(ErrorCode.MISSING_FIELD, "unknown action kind in kinds: " + kind);
            }
        }
        return List.copyOf(new java.util.TreeSet<>(k));
    }

    static List<String> pages(List<String> pages) {
        List<String> p = Require.list(pages == null ? List.of() : pages, "pages");
        if (p.size() > MAX_PATTERNS) {
            throw new ProtocolException(ErrorCode.MISSING_FIELD, "at most " + MAX_PATTERNS + " page patterns");
        }
        for (String pattern : p) {
            Require.text(pattern, "pages", MAX_PATTERN);
        }
        return p;
    }

    /** Is action inside the group's scope? Full scope: always. Partial: its kind and its page must match. */
    public static boolean inScope(Messages.GroupState g, Action action) {
        if (!PARTIAL.equals(g.scope())) {
            return true;
        }
        if (!g.kinds().isEmpty() && !g.kinds().contains(action.kind())) {
            return false;
        }
        if (g.pages().isEmpty()) {
            return true;
        }
        String page = "navigate".equals(action.kind()) ? action.url() : action.page();
        return page != null && g.pages().stream().anyMatch(p -> matches(p, page));
    }

    /** Does url (its #fragment ignored) match the page pattern? */
    public static boolean matches(String pattern, String url) {
        int hash = url.indexOf('#');
        String u = hash < 0 ? url : url.substring(0, hash);
        StringBuilder re = new StringBuilder();
        for (String part : pattern.split("\\*", -1)) {
            if (!re.isEmpty()) {
                re.append(".*");
            }
            re.append(Pattern.quote(part));
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL).matcher(u).matches()
                || Pattern.compile(re.toString(), Pattern.DOTALL).matcher(u.toLowerCase(Locale.ROOT)).matches();
    }
}
