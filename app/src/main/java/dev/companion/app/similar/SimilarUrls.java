package dev.companion.app.similar;

import dev.companion.app.privacy.Sites;
import dev.companion.app.similar.UrlParts.Kind;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Similar actions for URLs (docs/protocol.md, "Similar actions"): which URLs are one page for two
 * users, and this terminal's own equivalent of another member's per-user URL. The follow engine
 * asks it whenever it compares the page it is on with an action's, and before it loads a URL for
 * someone else; it never loads a per-user URL of another member verbatim.
 *
 * <p>Two kinds of evidence: a part that is per-user <em>for sure</em> (a rule of the site, a
 * session-named parameter) is masked whenever pages are compared; a part that only <em>looks</em>
 * generated (a product id may look like a cart token) makes two URLs one page only when this
 * terminal reached its URL by repeating the leader's own action ({@link #learn}) — the evidence
 * scorer found its element — never by syntax alone.
 *
 * <p>Thread-safe. What it remembers (learned pages, own values) is bounded and in memory only.
 */
public final class SimilarUrls {
    /** The reason codes of a URL that has no own equivalent (ApplyResult-style: code, then words). */
    public static final String PER_USER_URL = "per-user-url";
    public static final String AMBIGUOUS_URL = "ambiguous-url";
    static final int MAX_REMEMBERED = 256;
    private static final Set<Kind> SURE = EnumSet.of(Kind.SURE, Kind.LOCALE);
    private static final Set<Kind> LOOSE = EnumSet.of(Kind.SURE, Kind.MAYBE, Kind.LOCALE);

    /** An own equivalent (url) or why there is none (url null; code and words). */
    public record Own(String url, String code, String reason) {
        static Own of(String url) {
            return new Own(url, null, null);
        }

        static Own none(String code, String reason) {
            return new Own(null, code, reason);
        }

        /** As a result reason carries it: "code: words"; null when there is an own URL. */
        public String describe() {
            return url != null ? null : code + ": " + reason;
        }
    }

    private final SiteRules rules;
    private final Map<String, String> learned = bounded(); // the leader's sure key -> own URL
    private final Map<String, String> ownValues = bounded(); // site + part key -> own value

    public SimilarUrls(SiteRules rules) {
        this.rules = rules;
    }

    /** With no rules of the user's: built-in detection only. */
    public static SimilarUrls builtIn() {
        return new SimilarUrls(SiteRules.inMemory());
    }

    public SiteRules rules() {
        return rules;
    }

    private UrlParts parts(String url) {
        return UrlParts.parse(url, rules.rules(Sites.siteOf(url)));
    }

    /** The page url is for every user: origin, path, query, per-user-for-sure parts masked; url itself if not http(s). */
    public String key(String url) {
        UrlParts p = parts(url);
        return p == null ? (url == null ? "" : url.trim()) : p.key(SURE);
    }

    /**
     * The page url is as this terminal knows it: the key of its own equivalent when it learned one
     * (url is another member's per-user page), else url's own key.
     */
    public String ownKey(String url) {
        String k = key(url);
        String own;
        synchronized (learned) {
            own = learned.get(k);
        }
        return own == null ? k : key(own);
    }

    /** True when a and b are one page (equal keys), or this terminal learned b as its own a. */
    public boolean samePage(String a, String b) {
        if (key(a).equals(key(b))) {
            return true;
        }
        String own;
        synchronized (learned) {
            own = learned.get(key(a));
        }
        return own != null && key(own).equals(key(b));
    }

    /** True when url has a part that is or may be per-user: then it is never loaded verbatim for someone else. */
    public boolean perUser(String url) {
        UrlParts p = parts(url);
        return p != null && (p.has(Kind.SURE) || p.has(Kind.MAYBE));
    }

    /**
     * This terminal arrived at own by repeating an action of the member whose page was theirs (its
     * own click on the element the evidence found): when the two differ only in per-user parts,
     * own is its equivalent of theirs from now on. Returns whether it was taken.
     */
    public boolean learn(String theirs, String own) {
        UrlParts t = parts(theirs);
        UrlParts o = parts(own);
        if (t == null || o == null || !t.key(LOOSE).equals(o.key(LOOSE))) {
            return false;
        }
        synchronized (learned) {
            learned.put(t.key(SURE), own);
        }
        return true;
    }

    /** This terminal's own top page is url: its per-user values there are its own (for later equivalents). */
    public void remember(String url) {
        UrlParts p = parts(url);
        if (p == null) {
            return;
        }
        Map<String, String> values = new HashMap<>(p.values(Kind.SURE));
        values.putAll(p.values(Kind.LOCALE));
        synchronized (ownValues) {
            values.forEach((k, v) -> ownValues.put(p.origin + "\n" + k, v));
        }
    }

    /**
     * This terminal's own equivalent of theirs (another member's URL), given the page it is on now
     * and that page's links: docs/protocol.md, "Similar actions", says in which order. Always a URL of
     * theirs' origin, or none with the reason.
     */
    public Own own(String theirs, String current, List<String> links) {
        UrlParts t = parts(theirs);
        if (t == null) {
            return Own.of(theirs); // not a web URL: nothing of a user's in it (the engine refuses it elsewhere)
        }
        Map<String, String> mine = own(t);
        if (!t.has(Kind.SURE) && !t.has(Kind.MAYBE)) {
            return sameOrigin(t, t.with(mine)); // tracking dropped, own locale
        }
        if (samePage(theirs, current)) {
            return Own.of(current);
        }
        String theirKey = t.key(SURE);
        Set<String> sameShape = new LinkedHashSet<>();
        for (String link : links) {
            UrlParts l = parts(link);
            if (l == null || !l.origin.equals(t.origin)) {
                continue;
            }
            if (l.key(EnumSet.noneOf(Kind.class)).equals(t.key(EnumSet.noneOf(Kind.class))) && !t.has(Kind.SURE)) {
                return Own.of(t.with(Map.of())); // its own page links to it: it is not theirs alone
            }
            if (!t.has(Kind.MAYBE) && l.key(SURE).equals(theirKey)) {
                sameShape.add(l.with(Map.of()));
            }
        }
        if (sameShape.size() == 1) {
            return sameOrigin(t, sameShape.iterator().next());
        }
        if (sameShape.size() > 1) {
            return Own.none(AMBIGUOUS_URL, sameShape.size() + " links of this page could be my own " + shown(t));
        }
        Map<String, String> needed = t.values(Kind.SURE);
        if (!t.has(Kind.MAYBE) && !t.matrix && mine.keySet().containsAll(needed.keySet())) {
            return sameOrigin(t, t.with(mine));
        }
        return Own.none(PER_USER_URL, "no own equivalent of " + shown(t) + " on this page");
    }

    private Map<String, String> own(UrlParts t) {
        Map<String, String> out = new HashMap<>();
        synchronized (ownValues) {
            for (Kind k : List.of(Kind.SURE, Kind.LOCALE)) {
                for (String key : t.values(k).keySet()) {
                    String v = ownValues.get(t.origin + "\n" + key);
                    if (v != null) {
                        out.put(key, v);
                    }
                }
            }
        }
        return out;
    }

    /** The last line of defence: whatever a rule or a link said, never another scheme, host or port. */
    private static Own sameOrigin(UrlParts t, String url) {
        String origin = Sites.originOf(url);
        return t.origin.equals(origin) ? Own.of(url)
                : Own.none(PER_USER_URL, "an equivalent on another site (" + origin + ") is never taken");
    }

    /** theirs as the reason shows it: the path with per-user parts as "…" (their tokens stay theirs). */
    private static String shown(UrlParts t) {
        StringBuilder b = new StringBuilder();
        for (UrlParts.Part p : t.path) {
            b.append('/').append(p.kind() == Kind.LITERAL ? p.raw() : "…");
        }
        return b.isEmpty() ? "/" : b.toString();
    }

    private static Map<String, String> bounded() {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> e) {
                return size() > MAX_REMEMBERED;
            }
        };
    }
}
