package dev.companion.fidelity;

import dev.companion.fidelity.Events.Event;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Tells one step's verdict from what the two pages reported during it. The leader's reports say
 * what the step meant: each key it set, and every value it went through (typing goes through
 * "g", "gr", "gre"...). The follower pressed the wrong thing when its page reported a key the leader's
 * did not, or a value the leader's never had (and the follower's did not have before). It reached
 * the step when each of the leader's keys ends with the leader's last value on the follower's page.
 */
public final class Classifier {
    private Classifier() {
    }

    /**
     * @param leader the leader's reports during the step
     * @param follower the follower's reports during the step (and any that came late from it)
     * @param followerBefore the value a key had on the follower's page before the step (null: none)
     * @param refusals how many of the step's actions the follower refused (not applied, with a reason)
     */
    public static Verdict classify(List<Event> leader, List<Event> follower, Function<String, String> followerBefore,
                                   int refusals) {
        Map<String, Set<String>> meant = new HashMap<>();
        Map<String, String> last = new HashMap<>();
        for (Event e : leader) {
            meant.computeIfAbsent(e.key(), k -> new HashSet<>()).add(e.value());
            last.put(e.key(), e.value());
        }
        Map<String, String> now = new HashMap<>();
        for (Event e : follower) {
            Set<String> values = meant.get(e.key());
            boolean expected = values != null && values.contains(e.value());
            if (!expected && !e.value().equals(followerBefore.apply(e.key()))) {
                return Verdict.WRONG;
            }
            now.put(e.key(), e.value());
        }
        boolean reached = !last.isEmpty() || refusals == 0; // a step the leader's page did not report: nothing to miss
        for (Map.Entry<String, String> want : last.entrySet()) {
            String have = now.containsKey(want.getKey()) ? now.get(want.getKey()) : followerBefore.apply(want.getKey());
            reached &= want.getValue().equals(have);
        }
        if (reached) {
            return Verdict.REACHED;
        }
        return refusals > 0 ? Verdict.REFUSED : Verdict.MISSED;
    }
}
