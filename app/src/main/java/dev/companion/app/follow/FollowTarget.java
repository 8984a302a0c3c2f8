package dev.companion.app.follow;

import dev.companion.app.browser.ApplyResult;
import dev.companion.p2p.protocol.Action;
import java.util.concurrent.CompletableFuture;

/** What the follow engine drives on a follower: the embedded browser (or a headless stand-in for bots). */
public interface FollowTarget {
    /** Loads url in the top frame, as the follower's own navigation. */
    void load(String url);

    /** Applies one received action in the page; completes with the outcome. */
    CompletableFuture<ApplyResult> apply(Action action);
}
