package dev.companion.app.follow;

import dev.companion.p2p.protocol.Messages.GroupState;
import dev.companion.p2p.protocol.Messages.Result;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Where each other member is in following this terminal, from the results they sent. Under the engine's lock. */
final class MemberStatuses {
    private final Map<String, MemberStatus> byUser = new HashMap<>();

    /** Records r (already checked: from a member, addressed to this terminal); the member's status now. */
    MemberStatus onResult(String from, Result r) {
        MemberStatus s = byUser.computeIfAbsent(from, u -> new MemberStatus(u, 0, null, null, 0, null))
                .next(r.seq(), r.outcome(), r.reason(), r.page());
        byUser.put(from, s);
        return s;
    }

    /** Forgets members no longer in g. */
    void retain(GroupState g) {
        byUser.keySet().removeIf(u -> g.member(u) == null);
    }

    void clear() {
        byUser.clear();
    }

    List<MemberStatus> all() {
        return List.copyOf(byUser.values());
    }
}
