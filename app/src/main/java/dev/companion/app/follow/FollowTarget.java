package dev.companion.app.follow;

import dev.companion.app.follow.film.FilmReading;
import dev.companion.app.follow.film.FilmRequest;
import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.Messages.Expect;
import dev.companion.p2p.protocol.Messages.PageState;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** What the follow engine drives on a follower: the embedded browser (or a headless stand-in for bots). */
public interface FollowTarget {
    /** Loads url in the top frame, as the follower's own navigation. */
    void load(String url);

    /** Applies one received action in the page; completes with the outcome. */
    CompletableFuture<ApplyResult> apply(Action action);

    /**
     * Applies one received action in the page; when the page waits for the action's target to
     * appear, waiting is told why (at most once, on any thread) before the outcome completes.
     */
    default CompletableFuture<ApplyResult> apply(Action action, Consumer<String> waiting) {
        return apply(action);
    }

    /**
     * The links of the top page (absolute URLs of its {@code a[href]} and {@code area[href]}), where
     * this terminal looks for its own equivalent of another member's per-user URL. A target without
     * a page has none.
     */
    default CompletableFuture<List<String>> links() {
        return CompletableFuture.completedFuture(List.of());
    }

    /** This terminal's page as it can be shared (catch-up for others); null when there is no web page. */
    CompletableFuture<PageState> snapshot();

    /**
     * Whether the page shows expect's element and text (the URL part is the engine's), waiting a
     * bounded time for it; true or false, nothing of the page. A target without a page to look at
     * never matches.
     */
    default CompletableFuture<Boolean> check(Expect expect) {
        return CompletableFuture.completedFuture(false);
    }

    /** Brings the current page (already state.url()) to state: fields, scroll, media. */
    CompletableFuture<ApplyResult> restore(PageState state);

    /**
     * Film night: reads (after steering, when request has a command) a film of the current page;
     * a target without films (a headless bot) has none.
     */
    default CompletableFuture<FilmReading> film(FilmRequest request) {
        return CompletableFuture.completedFuture(FilmReading.notFound("no-page", "this terminal shows no films"));
    }
}
