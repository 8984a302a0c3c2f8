package dev.companion.app.follow;

import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.Messages.PageState;
import java.util.concurrent.CompletableFuture;

/**
 * The follow target of a terminal without a browser (the bot terminal, {@code BotTerminal}; the test
 * kit's headless terminals build on it). Leading, it never applies anything; what a leader sends is
 * answered not applied ({@link ApplyResult#NO_PAGE}), a member who joins is caught up without a page
 * state (there is none to share) and a page state received is not restored.
 */
public final class NoPage implements FollowTarget {
    @Override
    public void load(String url) {
        // no page to load
    }

    @Override
    public CompletableFuture<ApplyResult> apply(Action action) {
        return CompletableFuture.completedFuture(ApplyResult.failed(ApplyResult.NO_PAGE, "this terminal has no page"));
    }

    @Override
    public CompletableFuture<PageState> snapshot() {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<ApplyResult> restore(PageState state) {
        return CompletableFuture.completedFuture(ApplyResult.failed(ApplyResult.NO_PAGE));
    }
}
