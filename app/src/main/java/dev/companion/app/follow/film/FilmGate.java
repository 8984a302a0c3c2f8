package dev.companion.app.follow.film;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The leader's view of who can play: a member who said its film is not ready (it loads, seeks or
 * buffers) holds the group's film, for at most the hold timeout counted from when it stopped being
 * ready; after that the others go on without it (it catches up by seeking once it can play). A
 * member who never said anything holds nothing. Not thread-safe: {@link FilmNight} calls it under its
 * lock. Times are System.nanoTime() values.
 */
final class FilmGate {
    private final Map<String, Long> notReadySince = new HashMap<>();

    /** member says its film can play (ready) or not, at now. */
    void onReady(String member, boolean ready, long now) {
        if (ready) {
            notReadySince.remove(member);
        } else {
            notReadySince.putIfAbsent(member, now);
        }
    }

    /** Forgets members not in members (left the group). */
    void retain(Set<String> members) {
        notReadySince.keySet().retainAll(members);
    }

    void clear() {
        notReadySince.clear();
    }

    /** The members the film waits for at now: not ready for less than timeout (ns), in name order. */
    List<String> waitingFor(long now, long timeout) {
        return notReadySince.entrySet().stream().filter(e -> now - e.getValue() < timeout)
                .map(Map.Entry::getKey).sorted().toList();
    }
}
