package dev.companion.app.privacy;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The user's privacy choices per site, in memory: the {@link SitePolicy} of each site that is not
 * the default, and the fields the user chose to share on a site (by the page agent's selector).
 * Read on any thread (the browser reads it on Chromium's thread for every page it injects the page
 * agent into); changed by the UI, which hands the changes to {@link Store} (the profile's database,
 * written in the background) and to the listeners (the browser pushes the new rules into open pages).
 *
 * <p>A site's policy also covers the sites inside it: "nothing typed" on {@code bank.example}
 * holds on {@code login.bank.example} too, unless that site has a policy of its own.
 */
public final class SitePrivacy {
    /** Most fields shared per site (what is over it is refused). */
    public static final int MAX_SHARED_PER_SITE = 200;
    /** Longest selector (the page agent's limit, {@code Action.MAX_SELECTOR}). */
    public static final int MAX_SELECTOR = 1024;

    /** Where changes are kept. Called on the thread that made the change: hand it to a background thread. */
    public interface Store {
        void savePolicy(String site, SitePolicy policy);

        void saveShared(String site, String selector, boolean shared);
    }

    /** The choices, as loaded from the profile: the policies the user set per site, and shared selectors. */
    public record Rules(Map<String, SitePolicy> policies, Map<String, Set<String>> shared) {
        public static final Rules NONE = new Rules(Map.of(), Map.of());

        public Rules {
            policies = Map.copyOf(policies);
            Map<String, Set<String>> copy = new HashMap<>();
            shared.forEach((site, selectors) -> copy.put(site, Collections.unmodifiableSet(new LinkedHashSet<>(selectors))));
            shared = Map.copyOf(copy);
        }
    }

    private final Store store;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile Rules rules;

    public SitePrivacy(Rules initial, Store store) {
        this.rules = initial;
        this.store = store;
    }

    /** Rules kept in memory only (tests, and a browser before the profile is open). */
    public static SitePrivacy inMemory() {
        return new SitePrivacy(Rules.NONE, new Store() {
            @Override
            public void savePolicy(String site, SitePolicy policy) {
            }

            @Override
            public void saveShared(String site, String selector, boolean shared) {
            }
        });
    }

    /** The policy that holds on site: its own, else that of the nearest domain it is in, else the default. */
    public SitePolicy policy(String site) {
        if (site == null) {
            return SitePolicy.NOT_SENSITIVE;
        }
        Map<String, SitePolicy> policies = rules.policies();
        for (String s : Sites.withParents(site)) {
            SitePolicy p = policies.get(s);
            if (p != null) {
                return p;
            }
        }
        return SitePolicy.NOT_SENSITIVE;
    }

    /** The selectors of the fields the user shared on site (its own, not those of the domains around it). */
    public Set<String> sharedFields(String site) {
        return site == null ? Set.of() : rules.shared().getOrDefault(site, Set.of());
    }

    /** Sets site's own policy (which then holds there whatever the domains around it have). */
    public void setPolicy(String site, SitePolicy policy) {
        Sites.check(site);
        if (policy == null) {
            throw new IllegalArgumentException("a site's policy is one of " + java.util.Arrays.toString(SitePolicy.values()));
        }
        synchronized (this) {
            Map<String, SitePolicy> policies = new HashMap<>(rules.policies());
            policies.put(site, policy);
            rules = new Rules(policies, rules.shared());
            store.savePolicy(site, policy);
        }
        changed();
    }

    /** The user shares the field selector on site with the group (the page agent's selector for it). */
    public void share(String site, String selector) {
        setShared(site, selector, true);
    }

    /** The field is private again (if its evidence says so). */
    public void unshare(String site, String selector) {
        setShared(site, selector, false);
    }

    private void setShared(String site, String selector, boolean on) {
        Sites.check(site);
        if (selector == null || selector.isBlank() || selector.length() > MAX_SELECTOR) {
            throw new IllegalArgumentException("a field's selector is 1 to " + MAX_SELECTOR + " characters");
        }
        synchronized (this) {
            Map<String, Set<String>> shared = new HashMap<>(rules.shared());
            Set<String> fields = new LinkedHashSet<>(shared.getOrDefault(site, Set.of()));
            if (on && !fields.contains(selector) && fields.size() >= MAX_SHARED_PER_SITE) {
                throw new IllegalArgumentException("at most " + MAX_SHARED_PER_SITE + " shared fields per site");
            }
            boolean change = on ? fields.add(selector) : fields.remove(selector);
            if (!change) {
                return;
            }
            if (fields.isEmpty()) {
                shared.remove(site);
            } else {
                shared.put(site, fields);
            }
            rules = new Rules(rules.policies(), shared);
            store.saveShared(site, selector, on);
        }
        changed();
    }

    /** Called after every change, on the thread that made it. */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    private void changed() {
        listeners.forEach(Runnable::run);
    }
}
