package dev.companion.app.follow;

import dev.companion.p2p.protocol.Action;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Manual following: asks this terminal's user whether to do a step another member sent (the app
 * shows a preview; a bot decides by its own rule). Completes true to apply, false to decline.
 */
@FunctionalInterface
public interface StepDecider {
    StepDecider ACCEPT_ALL = (from, seq, actions) -> CompletableFuture.completedFuture(true);

    CompletableFuture<Boolean> decide(String from, long seq, List<Action> actions);
}
