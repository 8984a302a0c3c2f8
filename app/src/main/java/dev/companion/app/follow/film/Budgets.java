package dev.companion.app.follow.film;

import java.util.HashMap;
import java.util.Map;

/**
 * One token bucket per sender: perSecond messages a second, bursts up to burst. Thread-safe. A
 * sender is only ever a member of the group (PeerRules comes first), so the map stays small. Film
 * night's messages and a bot's words ({@code MemberRate}) are each limited by one.
 */
public final class Budgets {
    private final double perNano;
    private final int burst;
    private final Map<String, Bucket> buckets = new HashMap<>();

    private static final class Bucket {
        double tokens;
        long last;

        Bucket(double tokens, long last) {
            this.tokens = tokens;
            this.last = last;
        }
    }

    public Budgets(int perSecond, int burst) {
        this.perNano = perSecond / 1e9;
        this.burst = burst;
    }

    /** True, and one token less, when sender may send one more message at now (System.nanoTime()). */
    public synchronized boolean take(String sender, long now) {
        Bucket b = buckets.computeIfAbsent(sender, s -> new Bucket(burst, now));
        b.tokens = Math.min(burst, b.tokens + (now - b.last) * perNano);
        b.last = now;
        if (b.tokens < 1) {
            return false;
        }
        b.tokens -= 1;
        return true;
    }
}
