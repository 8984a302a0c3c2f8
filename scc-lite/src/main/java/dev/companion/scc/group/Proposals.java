package dev.companion.scc.group;

import dev.companion.p2p.protocol.ProposalKind;
import java.util.HashMap;
import java.util.Map;

/**
 * The open lead proposals, in memory only (a restart forgets them; members ask again): at most one
 * per group, a newer one replacing the older. Logic thread only.
 */
final class Proposals {
    /**
     * A hand-over waiting for to's answer. kind ask: from wants the lead from to (the leader); kind
     * offer: from (the leader) gives it to to. leader: the group's leader when it was proposed.
     */
    record Proposal(String id, String group, ProposalKind kind, String from, String to, String leader, long expiresAt) {
        /** The member who leads if it is accepted. */
        String newLeader() {
            return kind == ProposalKind.ASK ? from : to;
        }
    }

    private final Map<String, Proposal> byGroup = new HashMap<>();

    /** Keeps p as its group's proposal (replacing any older one) and forgets expired ones. */
    void put(Proposal p, long now) {
        byGroup.values().removeIf(old -> now >= old.expiresAt());
        byGroup.put(p.group(), p);
    }

    /** The open proposal id of group, or null. */
    Proposal get(String group, String id) {
        Proposal p = byGroup.get(group);
        return p != null && p.id().equals(id) ? p : null;
    }

    void remove(Proposal p) {
        byGroup.remove(p.group(), p);
    }
}
