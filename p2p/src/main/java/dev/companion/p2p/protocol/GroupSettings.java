package dev.companion.p2p.protocol;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The group settings' checks ({@link Mode}, {@link Following}, {@link Scope}, the partial scope's
 * kinds and page patterns) and the partial-scope rule, shared by the control
 * center (which checks and stores them) and the follow engine (which applies them on both sides).
 *
 * <p>Page patterns are matched against a page's URL without its #fragment; {@code *} matches any run
 * of characters (including none) and everything else matches itself, case-insensitively for the
 * scheme and host. {@code https://shop.example/product/*} matches every product page of that shop.
 */
public final class GroupSettings {
    public static final int MAX_PATTERNS = 16;
    public static final int MAX_PATTERN = 512;

    private GroupSettings() {
    }

    static void check(Mode mode, Following following, Scope scope) {
        Require.present(mode, "mode");
        Require.present(following, "following");
        Require.present(scope, "scope");
    }

    /** The kinds without repeats, sorted by their names on the wire. */
    static List<ActionKind> kinds(List<ActionKind> kinds) {
        List<ActionKind> k = Require.list(kinds == null ? List.of() : kinds, "kinds");
        return k.stream().distinct().sorted(Comparator.comparing(ActionKind::wire)).toList();
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

    /**
     * Is action inside the group's scope? Never when it happens on, or goes to, a page on a local
     * address and the group does not allow those ({@link LocalAddresses}). Otherwise full scope:
     * always, except for opt-in kinds (keys), which only a partial scope that names them and names
     * pages lets in, on those pages;
     * partial: its kind and its page must match.
     */
    public static boolean inScope(Messages.GroupState g, Action action) {
        String target = action instanceof Action.Navigate n ? n.url() : action.page();
        if (!g.localAddresses() && target != null && LocalAddresses.isLocal(target)) {
            return false;
        }
        if (action.kind().optIn()) {
            // only where the partial scope names the kind, and only on pages it names
            if (g.scope() != Scope.PARTIAL || !g.kinds().contains(action.kind()) || g.pages().isEmpty()) {
                return false;
            }
        } else if (g.scope() != Scope.PARTIAL) {
            return true;
        } else if (!g.kinds().isEmpty() && !g.kinds().contains(action.kind())) {
            return false;
        }
        if (g.pages().isEmpty()) {
            return true;
        }
        String page = action instanceof Action.Navigate n ? n.url() : action.page();
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
