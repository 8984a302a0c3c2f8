package dev.companion.app.ui.group;

import dev.companion.p2p.protocol.Action;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Manual following: a step another member sent, waiting for this user's yes or no. Completing
 * decision lets the follow engine apply it (true) or answer it declined (false).
 */
public record PendingStep(String from, long seq, List<Action> actions, CompletableFuture<Boolean> decision) {
    public PendingStep {
        actions = List.copyOf(actions);
    }
}
