package dev.companion.app.similar;

import dev.companion.app.privacy.Sites;
import dev.companion.p2p.protocol.Messages.UrlRule;
import dev.companion.p2p.protocol.UrlRuleKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One http(s) URL split into what similar actions reason about (docs/protocol.md, "Similar
 * actions"): its origin, path segments and query parameters, each literal, per-user for sure (a
 * rule of the site says so, or a session-named parameter), per-user maybe (it only looks
 * generated), or a locale prefix; tracking parameters and the fragment are left out.
 */
final class UrlParts {
    enum Kind { LITERAL, SURE, MAYBE, LOCALE }

    /** A path segment or query parameter: raw text as in the URL, its kind, and its own-value key. */
    record Part(String name, String raw, Kind kind, String key) {
    }

    static final Set<String> SESSION_NAMES = Set.of("sid", "sessionid", "session_id", "session", "jsessionid",
            "phpsessid", "sessid", "token", "access_token", "auth", "auth_token", "authtoken");
    static final Set<String> TRACKING_NAMES = Set.of("fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid",
            "mc_cid", "mc_eid", "yclid", "igshid", "_ga", "_gl");
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{16,}");
    private static final Pattern ALNUM = Pattern.compile("[A-Za-z0-9]{12,}");

    final String origin;
    final List<Part> path;
    final boolean trailingSlash;
    final List<Part> query;
    /** A matrix parameter (;jsessionid=...) was in the path: left out, per-user for sure. */
    final boolean matrix;

    private UrlParts(String origin, List<Part> path, boolean trailingSlash, List<Part> query, boolean matrix) {
        this.origin = origin;
        this.path = path;
        this.trailingSlash = trailingSlash;
        this.query = query;
        this.matrix = matrix;
    }

    /** The parts of url under rules (the site's); null when url is not an http(s) URL. */
    static UrlParts parse(String url, List<UrlRule> rules) {
        String origin = url == null ? null : Sites.originOf(url.trim());
        if (origin == null) {
            return null;
        }
        String u = url.trim();
        int hash = u.indexOf('#');
        u = hash < 0 ? u : u.substring(0, hash);
        int start = u.indexOf('/', u.indexOf("://") + 3);
        String rest = start < 0 ? "/" : u.substring(start);
        int q = rest.indexOf('?');
        String rawPath = q < 0 ? rest : rest.substring(0, q);
        String rawQuery = q < 0 ? "" : rest.substring(q + 1);
        boolean matrix = false;
        List<String> segs = new ArrayList<>();
        for (String s : rawPath.substring(rawPath.startsWith("/") ? 1 : 0).split("/", -1)) {
            int semi = s.indexOf(';');
            if (semi >= 0) {
                matrix = true;
                s = s.substring(0, semi);
            }
            segs.add(s);
        }
        boolean trailing = segs.size() > 1 && segs.getLast().isEmpty();
        if (trailing || segs.size() == 1 && segs.getFirst().isEmpty()) {
            segs.removeLast();
        }
        return new UrlParts(origin, pathParts(segs, rules), trailing, queryParts(rawQuery, rules), matrix);
    }

    private static List<Part> pathParts(List<String> segs, List<UrlRule> rules) {
        Kind[] kinds = new Kind[segs.size()];
        int from = 0;
        for (UrlRule r : rules) {
            if (r.kind() == UrlRuleKind.LOCALE_PREFIX && !segs.isEmpty()
                    && List.of(r.value().toLowerCase(Locale.ROOT).replace('_', '-').split(","))
                    .contains(segs.getFirst().toLowerCase(Locale.ROOT).replace('_', '-'))) {
                kinds[0] = Kind.LOCALE;
                from = 1;
            }
        }
        for (UrlRule r : rules) {
            if (r.kind() == UrlRuleKind.PATH_TOKEN) {
                String[] pat = r.value().substring(1).split("/", -1);
                if (matches(pat, segs, from)) {
                    for (int i = 0; i < pat.length; i++) {
                        if (pat[i].equals("*")) {
                            kinds[from + i] = Kind.SURE;
                        }
                    }
                }
            }
        }
        List<Part> out = new ArrayList<>();
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < segs.size(); i++) {
            String s = segs.get(i);
            Kind k = kinds[i] != null ? kinds[i] : looksGenerated(s) ? Kind.MAYBE : Kind.LITERAL;
            prefix.append('/').append(k == Kind.LITERAL ? s : k == Kind.LOCALE ? "{lang}" : "*");
            out.add(new Part(null, s, k, k == Kind.LOCALE ? "lang" : "path:" + prefix));
        }
        return List.copyOf(out);
    }

    private static boolean matches(String[] pat, List<String> segs, int from) {
        if (segs.size() - from < pat.length) {
            return false;
        }
        for (int i = 0; i < pat.length; i++) {
            if (!pat[i].equals("*") && !pat[i].equals(segs.get(from + i))) {
                return false;
            }
        }
        return true;
    }

    private static List<Part> queryParts(String rawQuery, List<UrlRule> rules) {
        List<Part> out = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("utm_") || TRACKING_NAMES.contains(lower) || named(rules, UrlRuleKind.DROP_QUERY, name)) {
                continue;
            }
            Kind k = SESSION_NAMES.contains(lower) || named(rules, UrlRuleKind.QUERY_TOKEN, name) ? Kind.SURE
                    : looksGenerated(value) ? Kind.MAYBE : Kind.LITERAL;
            out.add(new Part(name, pair, k, "query:" + name));
        }
        out.sort(Comparator.comparing(Part::raw));
        return List.copyOf(out);
    }

    private static boolean named(List<UrlRule> rules, UrlRuleKind kind, String name) {
        for (UrlRule r : rules) {
            if (r.kind() == kind && (r.value().endsWith("*")
                    ? name.startsWith(r.value().substring(0, r.value().length() - 1)) : name.equals(r.value()))) {
                return true;
            }
        }
        return false;
    }

    /** A UUID, 16+ hex digits, or 12+ letters and digits mixed between separators: made by a machine. */
    static boolean looksGenerated(String s) {
        if (UUID.matcher(s).matches() || HEX.matcher(s).matches()) {
            return true;
        }
        for (String part : s.split("[-_.]")) {
            if (ALNUM.matcher(part).matches() && part.chars().anyMatch(Character::isDigit)
                    && part.chars().anyMatch(Character::isLetter)) {
                return true;
            }
        }
        return false;
    }

    boolean has(Kind k) {
        return path.stream().anyMatch(p -> p.kind == k) || query.stream().anyMatch(p -> p.kind == k)
                || k == Kind.SURE && matrix;
    }

    /** The page this URL is, with the parts of the kinds in masked replaced by a mark. */
    String key(Set<Kind> masked) {
        StringBuilder b = new StringBuilder(origin);
        for (Part p : path) {
            b.append('/').append(masked.contains(p.kind) ? (p.kind == Kind.LOCALE ? "{lang}" : "*") : p.raw);
        }
        b.append(trailingSlash || path.isEmpty() ? "/" : "");
        String sep = "?";
        for (Part p : query) {
            b.append(sep).append(masked.contains(p.kind) ? p.name + "=*" : p.raw);
            sep = "&";
        }
        return b.toString();
    }

    /** This URL with the parts whose key is in own replaced by those values; tracking and matrix left out. */
    String with(Map<String, String> own) {
        StringBuilder b = new StringBuilder(origin);
        for (Part p : path) {
            b.append('/').append(own.getOrDefault(p.key, p.raw));
        }
        b.append(trailingSlash || path.isEmpty() ? "/" : "");
        String sep = "?";
        for (Part p : query) {
            String v = own.get(p.key);
            b.append(sep).append(v == null ? p.raw : p.name + "=" + v);
            sep = "&";
        }
        return b.toString();
    }

    /** The values of this URL's parts of kind k, by key (a query part's value without its name). */
    Map<String, String> values(Kind k) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (Part p : path) {
            if (p.kind == k) {
                out.put(p.key, p.raw);
            }
        }
        for (Part p : query) {
            if (p.kind == k) {
                int eq = p.raw.indexOf('=');
                out.put(p.key, eq < 0 ? "" : p.raw.substring(eq + 1));
            }
        }
        return out;
    }
}
