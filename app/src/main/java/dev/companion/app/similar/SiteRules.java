package dev.companion.app.similar;

import dev.companion.p2p.protocol.Messages.SimilarRules;
import dev.companion.p2p.protocol.Messages.UrlRule;
import dev.companion.p2p.protocol.Protocol;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The user's similar-action rules per site, in memory, and the rules members offered that wait for
 * the user's consent. Read on any thread (the follow engine, for every URL it compares or loads);
 * changed by the UI, which hands changes to {@link Store} (the profile's database, written in the
 * background) and to the listeners. Rules are the protocol's {@link UrlRule}s, checked when made or
 * decoded; a site keeps at most {@link Protocol#MAX_SITE_RULES} (what is over is refused).
 */
public final class SiteRules {
    /** Most offers waiting for consent; the oldest goes when a new one comes. */
    public static final int MAX_OFFERS = 16;

    /** Where changes are kept. Called on the thread that made the change: hand it to a background thread. */
    public interface Store {
        void save(String site, List<UrlRule> rules);
    }

    /** A member's rules for one site, waiting for this user's yes or no. */
    public record Offer(String from, String site, List<UrlRule> rules) {
        public Offer {
            rules = List.copyOf(rules);
        }
    }

    private final Store store;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private volatile Map<String, List<UrlRule>> bySite;
    private final LinkedHashMap<String, Offer> offers = new LinkedHashMap<>(); // under lock, by from + site

    public SiteRules(Map<String, List<UrlRule>> initial, Store store) {
        Map<String, List<UrlRule>> copy = new TreeMap<>();
        initial.forEach((site, rules) -> copy.put(site, List.copyOf(rules)));
        this.bySite = Map.copyOf(copy);
        this.store = store;
    }

    /** Rules kept in memory only (tests, and before the profile is open). */
    public static SiteRules inMemory() {
        return new SiteRules(Map.of(), (site, rules) -> { });
    }

    /** The rules of site (none: empty). */
    public List<UrlRule> rules(String site) {
        return site == null ? List.of() : bySite.getOrDefault(site, List.of());
    }

    /** Every site with rules, sorted, and its rules. */
    public Map<String, List<UrlRule>> all() {
        return new TreeMap<>(bySite);
    }

    /**
     * Makes rules site's rules (empty: none), duplicates dropped. IllegalArgumentException when site
     * is not a site or there are more than {@link Protocol#MAX_SITE_RULES}.
     */
    public void set(String site, List<UrlRule> rules) {
        List<UrlRule> unique = List.copyOf(new LinkedHashSet<>(rules));
        // the wire record checks the site's grammar and the count: one set of limits for rules from anywhere
        if (!unique.isEmpty()) {
            check(site, unique);
        }
        synchronized (lock) {
            Map<String, List<UrlRule>> next = new TreeMap<>(bySite);
            if (unique.isEmpty()) {
                next.remove(site);
            } else {
                next.put(site, unique);
            }
            bySite = Map.copyOf(next);
        }
        store.save(site, unique);
        listeners.forEach(Runnable::run);
    }

    /** site's rules as the message that shares them with group from me; null when it has none. */
    public SimilarRules share(String group, String me, String site) {
        List<UrlRule> rules = rules(site);
        return rules.isEmpty() ? null : new SimilarRules(group, me, site, rules);
    }

    /**
     * A member's rules (already checked by the wire record): kept until the user decides; a newer
     * offer of that member for that site replaces the older; over {@link #MAX_OFFERS} the oldest goes.
     */
    public void offer(SimilarRules m) {
        synchronized (lock) {
            String key = m.from() + "\n" + m.site();
            offers.remove(key);
            offers.put(key, new Offer(m.from(), m.site(), m.rules()));
            while (offers.size() > MAX_OFFERS) {
                offers.remove(offers.keySet().iterator().next());
            }
        }
        listeners.forEach(Runnable::run);
    }

    /** The offers waiting for the user, oldest first. */
    public List<Offer> offers() {
        synchronized (lock) {
            return List.copyOf(offers.values());
        }
    }

    /**
     * The user's answer: yes adds the offer's rules to the site's (within the limit: IllegalArgumentException,
     * and the offer stays, when they would be too many); either way the offer is gone.
     */
    public void decide(Offer o, boolean accept) {
        if (accept) {
            List<UrlRule> merged = new ArrayList<>(rules(o.site()));
            merged.addAll(o.rules());
            set(o.site(), merged);
        }
        synchronized (lock) {
            offers.remove(o.from() + "\n" + o.site());
        }
        listeners.forEach(Runnable::run);
    }

    /** r runs (on the changing thread) after every change of rules or offers. */
    public void addListener(Runnable r) {
        listeners.add(r);
    }

    private static void check(String site, List<UrlRule> rules) {
        try {
            new SimilarRules("check", "check", site, rules);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
