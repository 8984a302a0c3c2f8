package dev.companion.app.follow;

import dev.companion.p2p.protocol.Action;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Mutual mode's agreement rule: per thing an action changes (a field, the page, a scroll position,
 * a media element), the change with the larger (Lamport clock, sender) wins on every member. A
 * received change older than the last one seen for the same thing is superseded, not applied.
 * Clicks and submits change no single thing: they are always applied, in each sender's order.
 * A field is one thing on one page as this terminal knows it (pageKey: per-user parts of the URL
 * masked, or the page this terminal learned as its own equivalent), so members on per-user pages
 * (a cart at /cart?sid=…) agree on the same field. Not thread-safe: the engine calls it under its lock.
 */
final class Registers {
    private record Stamp(long clock, String user) implements Comparable<Stamp> {
        @Override
        public int compareTo(Stamp o) {
            int c = Long.compare(clock, o.clock);
            return c != 0 ? c : user.compareTo(o.user);
        }
    }

    private final Map<String, Stamp> last = new HashMap<>();
    private final UnaryOperator<String> pageKey;

    /** pageKey: the page a URL is for this terminal (e.g. SimilarUrls::ownKey). */
    Registers(UnaryOperator<String> pageKey) {
        this.pageKey = Objects.requireNonNull(pageKey);
    }

    /** The thing action changes, or null when it changes no single thing. */
    private String key(Action a) {
        return switch (a) {
            case Action.Navigate n -> "page";
            case Action.Input i -> field(a, i.selector());
            case Action.Change c -> field(a, c.selector());
            case Action.Scroll s -> "scroll\n" + a.frame() + "\n" + (s.selector() == null ? "" : s.selector());
            case Action.Media m -> "media\n" + a.frame() + "\n" + m.selector();
            case Action.Click c -> null;
            case Action.Submit s -> null;
            case Action.Key k -> null; // every key in order, as pressed
        };
    }

    private String field(Action a, String selector) {
        return "field\n" + pageKey.apply(PageUrls.normalize(a.page())) + "\n" + a.frame() + "\n" + selector;
    }

    /** A local change: it is now the latest of its thing. */
    void claim(Action a, long clock, String user) {
        String k = key(a);
        if (k != null) {
            last.put(k, new Stamp(clock, user));
        }
    }

    /** A received change: true (and recorded) when it is the latest of its thing, false when superseded. */
    boolean offer(Action a, long clock, String user) {
        String k = key(a);
        if (k == null) {
            return true;
        }
        Stamp s = new Stamp(clock, user);
        Stamp cur = last.get(k);
        if (cur != null && cur.compareTo(s) > 0) {
            return false;
        }
        last.put(k, s);
        return true;
    }

    void clear() {
        last.clear();
    }
}
