package dev.companion.fidelity;

import java.util.ArrayList;
import java.util.List;

/**
 * What the corpus pages report, per user, in order: each a key set to a value ("page" = "/shop",
 * "field:q" = "green tea", "cart:green" = "added"). A page reports what a press meant, never where
 * it was, so the report can tell the right press from the wrong one. Thread-safe.
 */
public final class Events {
    /** One report: seq counts all reports of all users, from 1. */
    public record Event(long seq, String user, String key, String value) {
    }

    static final int MAX_KEY = 200;
    static final int MAX_VALUE = 2000;

    private final List<Event> all = new ArrayList<>(); // guarded by this

    /** Records user's key = value; too long keys or values are cut. */
    public synchronized Event add(String user, String key, String value) {
        Event e = new Event(all.size() + 1, user, cut(key, MAX_KEY), cut(value, MAX_VALUE));
        all.add(e);
        return e;
    }

    /** The seq of the last report so far (0: none): reports after it are new. */
    public synchronized long mark() {
        return all.size();
    }

    /** user's reports after seq, in order. */
    public synchronized List<Event> since(String user, long seq) {
        List<Event> out = new ArrayList<>();
        for (int i = (int) Math.max(0, seq); i < all.size(); i++) {
            if (all.get(i).user().equals(user)) {
                out.add(all.get(i));
            }
        }
        return out;
    }

    /** The value user's key had at seq (its last report after from and up to seq), or null. */
    public synchronized String valueAt(String user, String key, long from, long seq) {
        for (int i = (int) Math.min(seq, all.size()) - 1; i >= Math.max(0, from); i--) {
            Event e = all.get(i);
            if (e.user().equals(user) && e.key().equals(key)) {
                return e.value();
            }
        }
        return null;
    }

    private static String cut(String s, int max) {
        String t = s == null ? "" : s;
        return t.length() <= max ? t : t.substring(0, max);
    }
}
