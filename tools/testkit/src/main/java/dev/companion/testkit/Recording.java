package dev.companion.testkit;

import dev.companion.app.follow.ApplyResult;
import dev.companion.app.follow.FollowTarget;
import dev.companion.app.follow.NoPage;
import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.NavigationCause;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The test kit's page-less follow target: the app's {@link NoPage} (no page state to share, none
 * restored) that keeps what it is asked to apply, test-only, in applied -- a load as a user
 * navigation, then loaded is told the URL (the terminal reports that page ready) -- and says each
 * action was applied.
 */
public final class Recording implements FollowTarget {
    private final NoPage noPage = new NoPage();
    private final List<Action> applied;
    private final Consumer<String> loaded;

    public Recording(List<Action> applied, Consumer<String> loaded) {
        this.applied = applied;
        this.loaded = loaded;
    }

    @Override
    public void load(String url) {
        applied.add(Action.navigate(url, NavigationCause.USER));
        loaded.accept(url);
    }

    @Override
    public CompletableFuture<ApplyResult> apply(Action action) {
        applied.add(action);
        return CompletableFuture.completedFuture(ApplyResult.ok());
    }

    @Override
    public CompletableFuture<Messages.PageState> snapshot() {
        return noPage.snapshot();
    }

    @Override
    public CompletableFuture<ApplyResult> restore(Messages.PageState state) {
        return noPage.restore(state);
    }
}
