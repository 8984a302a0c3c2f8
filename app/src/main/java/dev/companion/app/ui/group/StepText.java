package dev.companion.app.ui.group;

import dev.companion.app.ui.Texts;
import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.KeyPhase;
import dev.companion.p2p.protocol.Target;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says in words what a step will do ("open shop.example/product/green-tea · choose “250g” for size ·
 * tick gift wrap"). Built here from the actions themselves, never from text a sender provides: every
 * piece of a received action is untrusted, so it is cleaned of control and direction-changing
 * characters and shortened before it is shown.
 */
public final class StepText {
    static final int MAX_ITEMS = 8;
    static final int MAX_VALUE = 40;
    static final int MAX_TARGET = 40;
    static final int MAX_PLACE = 60;
    private static final java.util.regex.Pattern ADDRESS = java.util.regex.Pattern.compile("\\b[a-zA-Z][a-zA-Z0-9+.-]*://\\S+");
    private static final String SEPARATOR = " · ";
    private static final Pattern NAME = Pattern.compile("\\[name=\"((?:[^\"\\\\]|\\\\.)*)\"]");
    private static final Pattern VALUE = Pattern.compile("\\[value=\"((?:[^\"\\\\]|\\\\.)*)\"]");
    private static final Pattern TEST_ID = Pattern.compile("\\[data-testid=\"((?:[^\"\\\\]|\\\\.)*)\"]");
    private static final Pattern ID = Pattern.compile("^#((?:[^\\s.#\\[:>+~\\\\]|\\\\.)+)");

    private StepText() {
    }

    /** "alice wants you to: open … · choose … · …" for the step preview. */
    public static String preview(Texts t, String from, List<Action> actions) {
        return t.get("group.step.preview", clean(from, MAX_TARGET), describeAll(t, actions));
    }

    /**
     * The actions in words, joined with " · ". Repeats that only the last one matters for (typing
     * into one field, scrolling) are shown once; after MAX_ITEMS the rest are counted.
     */
    public static String describeAll(Texts t, List<Action> actions) {
        List<Action> merged = new ArrayList<>();
        for (Action a : actions) {
            if (!merged.isEmpty() && supersedes(merged.get(merged.size() - 1), a)) {
                merged.set(merged.size() - 1, a);
            } else {
                merged.add(a);
            }
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < merged.size() && i < MAX_ITEMS; i++) {
            parts.add(describe(t, merged.get(i)));
        }
        if (merged.size() > MAX_ITEMS) {
            parts.add(t.get("group.step.more", merged.size() - MAX_ITEMS));
        }
        return String.join(SEPARATOR, parts);
    }

    /** Does next make prev pointless to show (same field typed again, scrolled again)? */
    private static boolean supersedes(Action prev, Action next) {
        if (!prev.frame().equals(next.frame())) {
            return false;
        }
        return switch (next) {
            case Action.Input n -> prev instanceof Action.Input p && sameElement(p, n);
            case Action.Scroll n -> prev instanceof Action.Scroll p && sameElement(p, n);
            case Action.Change n -> prev instanceof Action.Change p && sameElement(p, n)
                    && p.value() != null && n.value() != null;
            default -> false;
        };
    }

    /** Both actions are on the same element: the same selector (hint) and the same evidence. */
    private static boolean sameElement(Action a, Action b) {
        return Objects.equals(selector(a), selector(b)) && Objects.equals(a.target(), b.target());
    }

    private static String selector(Action a) {
        return switch (a) {
            case Action.Click c -> c.selector();
            case Action.Input i -> i.selector();
            case Action.Change c -> c.selector();
            case Action.Submit s -> s.selector();
            case Action.Scroll s -> s.selector();
            case Action.Media m -> m.selector();
            case Action.Key k -> k.selector();
            case Action.Navigate n -> null;
        };
    }

    /** One action in words. */
    public static String describe(Texts t, Action a) {
        return switch (a) {
            case Action.Navigate n -> t.get("group.step.navigate", place(n.url()));
            case Action.Click c -> t.get("group.step.click", target(t, c));
            case Action.Input i -> t.get("group.step.input", clean(i.value(), MAX_VALUE), target(t, i));
            case Action.Change c -> change(t, c, target(t, c));
            case Action.Submit s -> t.get("group.step.submit", target(t, s));
            case Action.Scroll s -> t.get("group.step.scroll", Math.round(s.y()));
            case Action.Media m -> media(t, m, target(t, m));
            case Action.Key k -> key(t, k);
        };
    }

    /**
     * The element an action is on, in words: its evidence's name ("“Add to cart” near “Green Tea”"
     * when the evidence says where it sits), else words from its selector.
     */
    static String target(Texts t, Action a) {
        Target e = a.target();
        String name = e == null ? null : e.name() != null ? e.name() : e.text();
        if (name == null || name.isBlank()) {
            return target(selector(a));
        }
        String quoted = t.get("group.step.target", clean(name, MAX_TARGET));
        String where = !e.headings().isEmpty() ? e.headings().get(0) : e.context();
        return where == null || where.isBlank() ? quoted : t.get("group.step.target.near", quoted, clean(where, MAX_TARGET));
    }

    private static String change(Texts t, Action.Change a, String target) {
        if (a.value() != null) {
            String chosen = a.label() != null && !a.label().isBlank() ? a.label() : a.value();
            if (a.optionGroup() != null && !a.optionGroup().isBlank()) {
                // "choose “Large” (Tea) for “Size”": the group says which Large when two groups have one
                return t.get("group.step.change.value.group", clean(chosen, MAX_VALUE), clean(a.optionGroup(), MAX_VALUE),
                        target);
            }
            return t.get("group.step.change.value", clean(chosen, MAX_VALUE), target);
        }
        Matcher radio = a.selector() == null ? null : VALUE.matcher(lastCompound(a.selector()));
        if (Boolean.TRUE.equals(a.checked()) && radio != null && radio.find()) {
            // a radio button (or a checkbox with a value): "choose 250g for size"
            Matcher name = NAME.matcher(lastCompound(a.selector()));
            String of = name.find() ? words(name.group(1)) : target;
            return t.get("group.step.change.value", clean(unescape(radio.group(1)), MAX_VALUE), clean(of, MAX_TARGET));
        }
        return t.get(Boolean.TRUE.equals(a.checked()) ? "group.step.change.on" : "group.step.change.off", target);
    }

    private static String media(Texts t, Action.Media a, String target) {
        return switch (a.op()) {
            case PLAY -> t.get("group.step.media.play", target);
            case PAUSE -> t.get("group.step.media.pause", target);
            case SEEK -> t.get("group.step.media.seek", target, clock(a.time()));
            case RATE -> t.get("group.step.media.rate", target, a.rate() == null ? "1" : String.format(Locale.ROOT, "%.4g",
                    a.rate()).replaceAll("\\.?0+$", ""));
        };
    }

    /** "press ← on “Game”" / "release Space on the page". */
    private static String key(Texts t, Action.Key a) {
        String name = switch (a.key()) {
            case " " -> t.get("group.step.key.space");
            case "ArrowLeft" -> "←";
            case "ArrowRight" -> "→";
            case "ArrowUp" -> "↑";
            case "ArrowDown" -> "↓";
            default -> clean(a.key(), Action.Key.MAX_KEY);
        };
        if (Boolean.TRUE.equals(a.shift()) && a.key().length() > 1) {
            name = t.get("group.step.key.shift", name);
        }
        String on = a.selector() == null && a.target() == null ? t.get("group.step.key.page") : target(t, a);
        return t.get(a.phase() == KeyPhase.DOWN ? "group.step.key.down" : "group.step.key.up", name, on);
    }

    /** Seconds as m:ss (h:mm:ss from an hour on). */
    static String clock(Double seconds) {
        long s = seconds == null ? 0 : Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /**
     * The thing an action works on, in words taken from its selector: the field's name, its test id
     * or its id ("gift-wrap" becomes "gift wrap"), else the selector itself, shortened.
     */
    static String target(String selector) {
        if (selector == null || selector.isBlank()) {
            return "…";
        }
        String last = lastCompound(selector);
        for (Pattern p : new Pattern[] {NAME, TEST_ID, ID}) {
            Matcher m = p.matcher(last);
            if (m.find()) {
                String w = words(unescape(m.group(1)));
                if (!w.isBlank()) {
                    return clean(w, MAX_TARGET);
                }
            }
        }
        return clean(selector, MAX_TARGET);
    }

    /** The last compound of a selector ("#cart input[name="qty"]" gives input[name="qty"]), quotes respected. */
    private static String lastCompound(String selector) {
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < selector.length(); i++) {
            char c = selector.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == ' ' || c == '>' || c == '+' || c == '~')) {
                start = i + 1;
            }
        }
        String s = selector.substring(Math.min(start, selector.length())).trim();
        return s.isEmpty() ? selector : s;
    }

    private static String unescape(String css) {
        return css.replaceAll("\\\\(.)", "$1");
    }

    private static String words(String name) {
        return name.replace('-', ' ').replace('_', ' ').trim();
    }

    /** Where a URL goes, as host and path ("shop.example/product/green-tea"), shortened in the middle. */
    public static String place(String url) {
        if (url == null) {
            return "…";
        }
        String shown;
        try {
            URI u = URI.create(url.trim());
            String host = u.getHost() == null ? "" : u.getHost();
            String path = u.getRawPath() == null || "/".equals(u.getRawPath()) ? "" : u.getRawPath();
            String query = u.getRawQuery() == null ? "" : "?" + u.getRawQuery();
            shown = host.isEmpty() ? url : host + (u.getPort() > 0 ? ":" + u.getPort() : "") + path + query;
        } catch (IllegalArgumentException e) {
            shown = url;
        }
        shown = clean(shown, Integer.MAX_VALUE);
        if (shown.length() <= MAX_PLACE) {
            return shown;
        }
        // keep the host (where it goes matters most) and the end of the path (what it is)
        int slash = shown.indexOf('/');
        int head = slash > 0 && slash < MAX_PLACE / 2 ? slash : MAX_PLACE / 2;
        int tail = MAX_PLACE - head - 1;
        return shown.substring(0, head) + "…" + shown.substring(shown.length() - tail);
    }

    /** text with every address in it ("https://…") shown as {@link #place(String)} does, so it never fills lines. */
    public static String shortenAddresses(String text) {
        return ADDRESS.matcher(text).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(place(m.group())));
    }

    /**
     * Untrusted text made safe to show: control and format characters (new lines, direction
     * overrides, zero-width marks) become spaces, runs of space collapse, and it is cut to max.
     */
    public static String clean(String s, int max) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), 256));
        boolean space = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            boolean blank = Character.isWhitespace(cp) || Character.isSpaceChar(cp) || type == Character.CONTROL
                    || type == Character.FORMAT || type == Character.UNASSIGNED || type == Character.PRIVATE_USE
                    || type == Character.SURROGATE;
            if (blank) {
                space = b.length() > 0;
                continue;
            }
            if (space) {
                b.append(' ');
                space = false;
            }
            b.appendCodePoint(cp);
            if (b.length() > max) {
                break;
            }
        }
        if (b.length() > max) {
            int cut = max - 1;
            if (cut > 0 && Character.isHighSurrogate(b.charAt(cut - 1))) {
                cut--;
            }
            return b.substring(0, Math.max(cut, 0)) + "…";
        }
        return b.toString();
    }
}
