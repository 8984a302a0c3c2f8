package dev.companion.app.follow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Messages.Expect;
import dev.companion.p2p.protocol.Messages.Result;
import dev.companion.p2p.protocol.Messages.Step;
import dev.companion.p2p.protocol.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A step that carries an expectation: the leader's engine sends it ({@link FollowEngine#sendStep}),
 * the follower's engine applies it, checks the URL pattern itself and asks its target for the
 * element and text, and answers applied with matched true or false -- nothing of the page. The
 * leader hears it through {@link FollowListener#onAnswered}.
 */
class StepExpectationTest {
    private static final String SEARCH = "http://shop.test/search?q=tea";
    private static final String CART = "http://shop.test/cart";
    private static final Action ADD = new Action.Click(SEARCH, "", "#add");

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<Message> aliceSent = new CopyOnWriteArrayList<>();
    private final List<Message> bobSent = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Result> finals = new LinkedBlockingQueue<>();
    /** bob's outbox: records everything, and hands each final result to the test. */
    private final Outbox bobOut = new Outbox() {
        @Override
        public int broadcast(String group, Message m) {
            return send(group, "*", m) ? 1 : 0;
        }

        @Override
        public boolean send(String group, String user, Message m) {
            bobSent.add(m);
            if (m instanceof Result r && r.outcome() != Outcome.WAITING) {
                finals.add(r);
            }
            return true;
        }
    };
    private final BlockingQueue<Expect> asked = new LinkedBlockingQueue<>();
    /** What bob's page shows, as its target answers a check. */
    private volatile boolean shows = true;
    /** Where bob's page goes when a click is applied there (null: it stays), and bob's engine that hears it. */
    private volatile String leadsTo;
    private volatile FollowEngine bobEngine;
    private final FollowEngineTest.RecordingTarget page = new FollowEngineTest.RecordingTarget() {
        @Override
        public CompletableFuture<ApplyResult> apply(Action action) {
            String next = leadsTo;
            if (next != null) {
                scheduler.execute(() -> bobEngine.onPageReady(next)); // the page navigates after the click
            }
            return super.apply(action);
        }

        @Override
        public CompletableFuture<Boolean> check(Expect expect) {
            asked.add(expect);
            return CompletableFuture.completedFuture(shows);
        }
    };
    private final FollowEngine.Timing fast = new FollowEngine.Timing(Duration.ofMillis(300), Duration.ofMillis(300),
            Duration.ofSeconds(5));

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private volatile dev.companion.p2p.protocol.Following following = dev.companion.p2p.protocol.Following.AUTO;

    private Messages.GroupState group() {
        return new Messages.GroupState("g1", "bot", dev.companion.p2p.protocol.Mode.LEADER_FOLLOWER,
                following, dev.companion.p2p.protocol.Scope.FULL, List.of(
                        new Messages.Member("bot", "t-bot", dev.companion.p2p.protocol.Role.LEADER),
                        new Messages.Member("bob", "t-b", dev.companion.p2p.protocol.Role.FOLLOWER)));
    }

    private FollowEngine bob() {
        FollowEngine e = new FollowEngine("bob", bobOut, page, scheduler, fast);
        e.onGroup(group());
        e.onPageReady(SEARCH);
        bobEngine = e;
        return e;
    }

    /** The leader sends one step with expect; bob applies it; the final result bob sent. */
    private Result stepThrough(FollowEngine bob, Expect expect) throws Exception {
        FollowEngine bot = new FollowEngine("bot", new FollowEngineTest.Wire(aliceSent), new FollowEngineTest.RecordingTarget(),
                scheduler, fast);
        bot.onGroup(group());
        long seq = bot.sendStep(List.of(ADD), expect);
        assertThat(seq).isEqualTo(1);
        Step step = aliceSent.stream().filter(m -> m instanceof Step).map(m -> (Step) m).findFirst().orElseThrow();
        assertThat(step.expect()).isEqualTo(expect);
        assertThat(bob.onRemote("g1", "bot", step)).isNull();
        Result r = finals.poll(10, TimeUnit.SECONDS);
        assertThat(r).as("bob's result").isNotNull();
        // the leader's engine hears the same answer, matched included
        BlockingQueue<Boolean> heard = new LinkedBlockingQueue<>();
        bot.addListener(new FollowListener() {
            @Override
            public void onAnswered(String from, long s, Outcome outcome, String reason, Boolean matched) {
                heard.add(matched == null ? Boolean.FALSE : matched);
            }
        });
        assertThat(bot.onRemote("g1", "bob", r)).isNull();
        assertThat(heard.poll(5, TimeUnit.SECONDS)).isEqualTo(r.matched() != null && r.matched());
        bot.close();
        return r;
    }

    @Test
    void notMatchedWhenThePageNeverReachesTheUrl() throws Exception {
        FollowEngine bob = bob();
        Expect expect = new Expect("http://shop.test/cart*", "#cart li", "Green Tea");
        Result r = stepThrough(bob, expect);
        // the step's click led nowhere: bob's page never reaches the cart within the wait
        assertThat(r.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(r.matched()).isFalse(); // never reached the cart
        assertThat(asked).isEmpty(); // the page is not asked before its URL matches
    }

    @Test
    void urlReachedThenThePageIsAsked() throws Exception {
        FollowEngine bob = bob();
        Expect expect = new Expect("http://shop.test/cart*", "#cart li", "Green Tea");
        leadsTo = CART;
        Result r = stepThrough(bob, expect);
        assertThat(r.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(r.matched()).isTrue();
        assertThat(r.page()).isEqualTo(CART);
        assertThat(asked.poll()).isEqualTo(expect);
    }

    @Test
    void notMatchedWhenThePageDoesNotShowIt() throws Exception {
        shows = false;
        FollowEngine bob = bob();
        Result r = stepThrough(bob, new Expect(null, null, "Green Tea"));
        assertThat(r.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(r.matched()).isFalse();
        assertThat(r.reason()).isNull(); // nothing of the page in words either
    }

    @Test
    void aUrlOnlyExpectationNeverAsksThePage() throws Exception {
        FollowEngine bob = bob();
        Result r = stepThrough(bob, new Expect("http://shop.test/search?*", null, null));
        assertThat(r.matched()).isTrue();
        assertThat(asked).isEmpty();
    }

    @Test
    void aStepWithoutExpectationAnswersNoMatched() throws Exception {
        FollowEngine bob = bob();
        Result r = stepThrough(bob, null);
        assertThat(r.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(r.matched()).isNull();
    }

    /** bob, whose person says no to every step they are asked about (each recorded in asked). */
    private FollowEngine bobWhoDeclines(BlockingQueue<Long> askedPerson) {
        FollowEngine bob = new FollowEngine("bob", bobOut, page, scheduler, fast, new MemoryJournal(),
                (from, seq, actions) -> {
                    askedPerson.add(seq);
                    return CompletableFuture.completedFuture(false);
                }, dev.companion.p2p.protocol.Protocol.LOG_BOUND, dev.companion.app.similar.SimilarUrls.builtIn());
        bob.onGroup(group());
        bob.onPageReady(SEARCH);
        bobEngine = bob;
        return bob;
    }

    @Test
    void inManualFollowingThePersonDecidesAndADeclinedStepIsNotChecked() throws Exception {
        following = dev.companion.p2p.protocol.Following.MANUAL;
        BlockingQueue<Long> askedPerson = new LinkedBlockingQueue<>();
        FollowEngine bob = bobWhoDeclines(askedPerson);
        Result r = stepThrough(bob, new Expect(null, null, "Green Tea"));
        assertThat(askedPerson).containsExactly(1L);
        assertThat(r.outcome()).isEqualTo(Outcome.DECLINED);
        assertThat(r.matched()).isNull();
        assertThat(asked).isEmpty();
    }

    @Test
    void inAutomaticFollowingAnExpectingStepIsAppliedWithoutAsking() throws Exception {
        BlockingQueue<Long> askedPerson = new LinkedBlockingQueue<>();
        FollowEngine bob = bobWhoDeclines(askedPerson);
        Result r = stepThrough(bob, new Expect(null, null, "Green Tea"));
        assertThat(askedPerson).isEmpty();
        assertThat(r.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(r.matched()).isTrue();
    }

    @Test
    void inAutomaticFollowingAStepWithoutExpectationIsAppliedWithoutAsking() throws Exception {
        // a bot's step that expects nothing (typing into a field): the app's decider previewed it in
        // an automatic group, and the bot waited for an answer that needed a Next nobody was asked for
        BlockingQueue<Long> askedPerson = new LinkedBlockingQueue<>();
        FollowEngine bob = bobWhoDeclines(askedPerson);
        Result r = stepThrough(bob, null);
        assertThat(askedPerson).isEmpty();
        assertThat(r.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(r.matched()).isNull();
    }

    @Test
    void inManualFollowingAStepWithoutExpectationIsAskedToo() throws Exception {
        following = dev.companion.p2p.protocol.Following.MANUAL;
        BlockingQueue<Long> askedPerson = new LinkedBlockingQueue<>();
        FollowEngine bob = bobWhoDeclines(askedPerson);
        Result r = stepThrough(bob, null);
        assertThat(askedPerson).containsExactly(1L);
        assertThat(r.outcome()).isEqualTo(Outcome.DECLINED);
    }

    @Test
    void aFollowerCannotSendAnExpectingStep() {
        FollowEngine bob = bob();
        assertThat(bob.sendStep(List.of(ADD), new Expect(null, null, "x"))).isZero();
        assertThat(bobSent).noneMatch(m -> m instanceof Step);
    }
}
