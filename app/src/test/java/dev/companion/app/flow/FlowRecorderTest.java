package dev.companion.app.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.companion.app.follow.ApplyResult;
import dev.companion.app.follow.FollowEngine;
import dev.companion.app.follow.FollowTarget;
import dev.companion.app.follow.Outbox;
import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.Following;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Messages.PageState;
import dev.companion.p2p.protocol.Mode;
import dev.companion.p2p.protocol.NavigationCause;
import dev.companion.p2p.protocol.Outcome;
import dev.companion.p2p.protocol.Role;
import dev.companion.p2p.protocol.Scope;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Recording from a real follow engine leading a group: what it sends becomes the flow's steps, the
 * pages its links reach become expectations, and what it does not send is not recorded.
 */
class FlowRecorderTest {
    private static final String SHOP = "http://shop.test/";
    private static final String SEARCH = "http://shop.test/search?q=green+tea";
    private static final String PRODUCT = "http://shop.test/product/green-tea";

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final AtomicLong now = new AtomicLong(1_000);
    private final FlowRecorder recorder = new FlowRecorder(now::get);

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private FollowEngine leader(Following following) {
        FollowEngine alice = new FollowEngine("alice", new Outbox() {
            @Override
            public int broadcast(String group, Message m) {
                return 1;
            }

            @Override
            public boolean send(String group, String user, Message m) {
                return true;
            }
        }, new FollowTarget() {
            @Override
            public void load(String url) {
            }

            @Override
            public CompletableFuture<ApplyResult> apply(Action action) {
                return new CompletableFuture<>();
            }

            @Override
            public CompletableFuture<PageState> snapshot() {
                return new CompletableFuture<>();
            }

            @Override
            public CompletableFuture<ApplyResult> restore(PageState state) {
                return new CompletableFuture<>();
            }
        }, scheduler);
        alice.onGroup(new Messages.GroupState("g1", "alice", Mode.LEADER_FOLLOWER, following, Scope.FULL,
                List.of(new Messages.Member("alice", "t-a", Role.LEADER), new Messages.Member("bob", "t-b", Role.FOLLOWER))));
        alice.addListener(recorder);
        return alice;
    }

    @Test
    void whatTheLeaderSendsBecomesStepsWithTheirExpectationsAndTiming() {
        FollowEngine alice = leader(Following.AUTO);
        alice.onLocalAction(new Action.Input(SHOP, "", "#q", "green tea"));
        now.addAndGet(1_200);
        alice.onLocalAction(new Action.Submit(SHOP, "", "#search", "#search-button"));
        alice.onLocalAction(new Action.Navigate(SEARCH, "", SEARCH, NavigationCause.PAGE));
        recorder.expectText("Green Tea");
        now.addAndGet(2_300);
        alice.onLocalAction(new Action.Click(SEARCH, "", "a.product-link"));
        now.addAndGet(900);
        alice.onLocalAction(new Action.Change(PRODUCT + "#top", "", "#size", "250g", null));
        alice.removeListener(recorder);
        alice.onLocalAction(new Action.Click(PRODUCT, "", "#add")); // after Stop: not recorded

        Flow flow = recorder.stop("Green tea", "en");

        assertThat(flow.steps()).extracting(s -> s.action().kind().wire())
                .containsExactly("input", "submit", "click", "change");
        assertThat(flow.steps()).extracting(FlowStep::afterMs).containsExactly(0L, 1_200L, 2_300L, 900L);
        assertThat(flow.steps().get(0).expect()).isNull();
        assertThat(flow.steps().get(1).expect()).isEqualTo(new Expectation("http://shop.test/search?*", null, "Green Tea"));
        assertThat(flow.steps().get(2).expect().url()).isEqualTo(PRODUCT);
        assertThat(flow.steps().get(2).expect().urlMatches(PRODUCT + "?ref=search")).isFalse();
        assertThat(flow.steps().get(3).page()).isEqualTo(PRODUCT + "#top");
        assertThat(FlowFormat.read(FlowFormat.export(flow))).as("a recording exports and imports").isEqualTo(flow);
    }

    @Test
    void theTargetEvidenceOfAnActionIsRecordedAndRidesAlongInTheFile() {
        FollowEngine alice = leader(Following.AUTO);
        Action.Click add = new Action.Click(PRODUCT, "", "#add", dev.companion.p2p.protocol.Target.of("button", "button",
                "Add to cart"));
        alice.onLocalAction(add);
        Flow flow = FlowFormat.read(FlowFormat.export(recorder.stop("With evidence", null)));
        assertThat(flow.steps().get(0).action()).isEqualTo(add);
        assertThat(flow.steps().get(0).action().target().name()).isEqualTo("Add to cart");
    }

    /**
     * A press the page agent sent marked owner_only (a sign-in, a payment with a PIN) is recorded as the
     * person's step, with nobody following to judge it; the file keeps the mark and the schema takes it.
     */
    @Test
    void aPressMarkedOwnerOnlyIsRecordedAsThePersonsStep() {
        Action.Submit pay = new Action.Submit(PRODUCT, "", "#payment", "#pay", null,
                dev.companion.p2p.protocol.Target.of("button", "button", "Pay"), true);
        recorder.record(new Action.Click(PRODUCT, "", "#add"));
        recorder.record(pay);
        String text = FlowFormat.export(recorder.stop("Pay yourself", null));
        Flow flow = FlowFormat.read(text);
        assertThat(flow.steps()).extracting(FlowStep::ownerOnly).containsExactly(false, true);
        assertThat(flow.steps().get(1).action()).isEqualTo(pay);
        assertThat(FlowFormatTest.SCHEMA.validate(FlowFormatTest.json(text))).as("schema errors").isEmpty();
    }

    @Test
    void aManualStepRecordsEachOfItsActions() {
        FollowEngine alice = leader(Following.MANUAL);
        alice.onLocalAction(new Action.Input(PRODUCT, "", "#qty", "2"));
        alice.onLocalAction(new Action.Change(PRODUCT, "", "#gift", null, true));
        assertThat(recorder.size()).as("held, not sent yet").isZero();
        alice.sendHeld();
        assertThat(recorder.stop("Two bags", null).steps()).hasSize(2);
    }

    @Test
    void aScrollSentAfterAClickThatLeftThePageIsNotAStepAndTheClickKeepsItsUrl() {
        // the page agent's scroll is throttled: it can be sent after the click that then left the page
        recorder.record(new Action.Click(PRODUCT, "", "#add"));
        recorder.record(new Action.Scroll(PRODUCT, "", "html", 0, 301));
        recorder.record(Action.navigate(PRODUCT + "?added=1", NavigationCause.PAGE));
        recorder.record(new Action.Click(PRODUCT + "?added=1", "", "#view-cart"));
        Flow flow = recorder.stop("Add", "en");
        assertThat(flow.steps()).hasSize(2).allMatch(s -> s.action() instanceof Action.Click);
        assertThat(flow.steps().get(0).expect().url()).isEqualTo(PRODUCT + "?*");
    }

    @Test
    void aScrollThatIsTheOnlyStepOnItsPageStays() {
        recorder.record(new Action.Scroll(PRODUCT, "", "html", 0, 301));
        recorder.record(Action.navigate(SHOP, NavigationCause.PAGE));
        recorder.record(new Action.Click(SHOP, "", "#q"));
        Flow flow = recorder.stop("Scroll", "en");
        assertThat(flow.steps()).hasSize(2);
        assertThat(flow.steps().get(0).expect().url()).isEqualTo(SHOP);
    }

    @Test
    void nothingRecordedMakesNoFlowAndPerUserIdsBecomeStars() {
        leader(Following.AUTO);
        assertThatThrownBy(() -> recorder.stop("Empty", null)).isInstanceOfSatisfying(FlowException.class,
                e -> assertThat(e.reason()).contains("at least one step"));
        assertThat(UrlPattern.fromUrl("https://bank.test/orders/8f3a9c21-77b0/receipt?token=abc#top"))
                .isEqualTo("https://bank.test/orders/*/receipt?*");
        assertThat(UrlPattern.fromUrl("http://shop.test")).isEqualTo("http://shop.test");
        assertThat(UrlPattern.fromUrl("http://shop.test/a*b")).isEqualTo("http://shop.test/a%2Ab");
    }

    @Test
    void aStepAFollowersPageLeftToItsOwnerIsRecordedOwnerOnly() {
        FollowEngine alice = leader(Following.AUTO);
        alice.onLocalAction(new Action.Click(PRODUCT, "", "#add"));
        alice.onLocalAction(new Action.Click(PRODUCT, "", "#place-order"));
        alice.onLocalAction(new Action.Click(PRODUCT, "", "#continue"));
        // bob's page agent applied step 1, left step 2 to bob (it orders), applied step 3
        for (long seq = 1; seq <= 3; seq++) {
            Outcome outcome = seq == 2 ? Outcome.OWNER_ONLY : Outcome.APPLIED;
            assertThat(alice.onRemote("g1", "bob", new Messages.Result("g1", "bob", "alice", seq, outcome, null,
                    seq == 2 ? "owner-only: Place order" : null, PRODUCT))).isNull();
        }
        Flow flow = recorder.stop("Order", "en");
        assertThat(flow.steps()).extracting(FlowStep::ownerOnly).containsExactly(false, true, false);
        assertThat(FlowFormat.read(FlowFormat.export(flow)).steps().get(1).ownerOnly()).as("kept in the file").isTrue();
    }

    @Test
    void theRecordButtonsRecordingTakesWhatIsSentWhileLeadingAndEveryLocalActionAlone() {
        java.util.concurrent.atomic.AtomicBoolean sending = new java.util.concurrent.atomic.AtomicBoolean(false);
        Recording recording = new Recording(sending::get, now::get);
        List<Integer> counts = new java.util.concurrent.CopyOnWriteArrayList<>();
        recording.onLocalAction(new Action.Click(SHOP, "", "#before")); // not recording yet
        recording.start(counts::add);
        recording.onLocalAction(new Action.Click(SHOP, "", "#alone"));
        sending.set(true); // now leading a live group: the engine's sent actions count, the local copy not
        recording.onLocalAction(new Action.Click(SHOP, "", "#sent"));
        recording.onSent(7, List.of(new Action.Click(SHOP, "", "#sent")), 1);
        recording.onMemberStatus(new dev.companion.app.follow.MemberStatus("bob", 7, Outcome.OWNER_ONLY, SHOP, 1, null));
        FlowRecorder stopped = recording.stop();
        recording.onLocalAction(new Action.Click(SHOP, "", "#after"));
        sending.set(false);
        recording.onLocalAction(new Action.Click(SHOP, "", "#after-too"));

        assertThat(recording.active()).isFalse();
        assertThat(recording.stop()).as("stopping twice").isNull();
        Flow flow = stopped.stop("Mixed", "en");
        assertThat(flow.steps()).extracting(s -> ((Action.Click) s.action()).selector()).containsExactly("#alone", "#sent");
        assertThat(flow.steps()).extracting(FlowStep::ownerOnly).containsExactly(false, true);
        assertThat(counts).containsExactly(1, 2);
    }
}
