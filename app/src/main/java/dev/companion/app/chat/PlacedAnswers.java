package dev.companion.app.chat;

import dev.companion.p2p.protocol.PlaceKind;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The chat room's bookkeeping of {@code not_placed} (docs/protocol.md, "Not placed"): which members
 * may still answer about each of this terminal's last {@link #OWN_SENT} points and drawings (each
 * once), and which received ones this terminal answered (each once). Not thread-safe: the chat room
 * holds its lock.
 */
final class PlacedAnswers {
    /** How many of this terminal's own points and drawings a member may still answer about. */
    static final int OWN_SENT = 32;
    /** How many received points and drawings this terminal remembers having answered. */
    static final int ANSWERED = 256;

    /** Own points and drawings ("point:at", "draw:at") → the members who may still answer about it. */
    private final Map<String, Set<String>> ownSent = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Set<String>> eldest) {
            return size() > OWN_SENT;
        }
    };
    /** Received points and drawings answered ("sender:kind:at"). */
    private final Set<String> answered = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > ANSWERED;
        }
    });

    /** An own point or drawing went out to audience: each may answer once. */
    void sent(PlaceKind kind, long at, Collection<String> audience) {
        ownSent.put(kind + ":" + at, new HashSet<>(audience));
    }

    /** Whether member may answer about the own point or drawing kind/at now (then not again). */
    boolean take(String member, PlaceKind kind, long at) {
        Set<String> mayAnswer = ownSent.get(kind + ":" + at);
        return mayAnswer != null && mayAnswer.remove(member);
    }

    /** Whether this terminal may answer about sender's kind/at now (the first time only). */
    boolean answer(String sender, PlaceKind kind, long at) {
        return answered.add(sender + ":" + kind + ":" + at);
    }
}
