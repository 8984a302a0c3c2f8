package dev.companion.app.follow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.MediaOp;
import dev.companion.p2p.protocol.NavigationCause;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The one echo rule and the one owner of "which page is this terminal on". */
class PageTrackerTest {
    private static final String PAGE = "http://shop.test/p";
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private static Action.Navigate pageNav() {
        return Action.navigate("http://shop.test/next", NavigationCause.PAGE);
    }

    private static Action.Scroll scroll() {
        return new Action.Scroll(PAGE, "", null, 0, 400);
    }

    @Test
    void whatThePageDoesWhileAnActionIsAppliedIsItsConsequence() {
        PageTracker t = new PageTracker(scheduler, Duration.ofHours(1), dev.companion.app.similar.SimilarUrls.builtIn());
        CompletableFuture<ApplyResult> call = new CompletableFuture<>();
        assertThat(t.isConsequence(pageNav())).as("nothing applied yet").isFalse();
        t.applying(() -> call);
        assertThat(t.isConsequence(pageNav())).isTrue();
        assertThat(t.isConsequence(scroll())).isTrue();
        // what a person does is theirs, even now
        assertThat(t.isConsequence(Action.navigate("http://shop.test/typed", NavigationCause.USER))).isFalse();
        assertThat(t.isConsequence(new Action.Click(PAGE, "", "#buy"))).isFalse();
        assertThat(t.isConsequence(new Action.Input(PAGE, "", "#q", "tea"))).isFalse();
        assertThat(t.isConsequence(new Action.Media(PAGE, "", "video", MediaOp.PLAY, 1, null))).isFalse();
        call.complete(ApplyResult.ok());
        assertThat(t.isConsequence(pageNav())).as("within the window after").isTrue();
    }

    @Test
    void afterTheWindowThePagesOwnDoingsAreTheMembersAgain() throws Exception {
        // a window of a second: 50 ms was once over before the next line ran on the busy machine
        PageTracker t = new PageTracker(scheduler, Duration.ofSeconds(1), dev.companion.app.similar.SimilarUrls.builtIn());
        t.applying(() -> CompletableFuture.completedFuture(ApplyResult.ok()));
        assertThat(t.isConsequence(scroll())).isTrue();
        // wait past the window on the scheduler's clock, without sleeping the test thread
        scheduler.schedule(() -> { }, 1_200, TimeUnit.MILLISECONDS).get(5, TimeUnit.SECONDS);
        assertThat(t.isConsequence(scroll())).isFalse();
        assertThat(t.isConsequence(pageNav())).isFalse();
    }

    @Test
    void aFailedBrowserCallEndsTheApplyingToo() {
        PageTracker t = new PageTracker(scheduler, Duration.ZERO, dev.companion.app.similar.SimilarUrls.builtIn());
        CompletableFuture<ApplyResult> call = new CompletableFuture<>();
        t.applying(() -> call);
        assertThat(t.isConsequence(scroll())).isTrue();
        call.completeExceptionally(new IllegalStateException("page gone"));
        assertThat(t.isConsequence(scroll())).isFalse();
        t.applying(() -> {
            throw new IllegalStateException("no browser");
        });
        assertThat(t.isConsequence(scroll())).isFalse();
    }

    @Test
    void everyReportOfTheTopPageWakesWhoeverWaitsForIt() throws Exception {
        PageTracker t = new PageTracker(scheduler, Duration.ofSeconds(1), dev.companion.app.similar.SimilarUrls.builtIn());
        CompletableFuture<Boolean> arrived = t.arriveAt(PAGE, Duration.ofSeconds(10));
        CompletableFuture<Boolean> never = t.arriveAt("http://shop.test/elsewhere", Duration.ofMillis(50));
        t.onTopPage(PAGE + "#reviews"); // a fragment is the same page
        assertThat(arrived.get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(never.get(5, TimeUnit.SECONDS)).isFalse();
        assertThat(t.isOn(PAGE)).isTrue();
        assertThat(t.arriveAt(PAGE, Duration.ZERO).getNow(false)).as("already there").isTrue();
    }
}
