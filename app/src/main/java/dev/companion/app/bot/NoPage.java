package dev.companion.app.bot;

import dev.companion.app.follow.ApplyResult;
import dev.companion.app.follow.FollowTarget;
import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.Messages.PageState;
import java.util.concurrent.CompletableFuture;

/**
 * The bot terminal's follow target: a bot has no browser. Leading, it never applies anything; when
 * a person leads (hand-off) what they send is answered not applied ({@code no-page}), and a member
 * who joins is caught up without a page state (there is none to share).
 */
final class NoPage implements FollowTarget {
    @Override
    public void load(String url) {
        // no page to load
    }

    @Override
    public CompletableFuture<ApplyResult> apply(Action action) {
        return CompletableFuture.completedFuture(ApplyResult.failed(ApplyResult.NO_PAGE, "a bot has no page"));
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
