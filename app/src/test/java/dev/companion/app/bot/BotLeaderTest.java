package dev.companion.app.bot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.app.flow.Expectation;
import dev.companion.app.flow.Flow;
import dev.companion.app.flow.FlowStep;
import dev.companion.app.follow.ApplyResult;
import dev.companion.app.follow.FollowEngine;
import dev.companion.app.follow.NoPage;
import dev.companion.app.follow.FollowTarget;
import dev.companion.app.follow.MemoryJournal;
import dev.companion.app.follow.Outbox;
import dev.companion.app.follow.StepDecider;
import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.BotReply;
import dev.companion.p2p.protocol.Following;
import dev.companion.p2p.protocol.GroupMessage;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Mode;
import dev.companion.p2p.protocol.Protocol;
import dev.companion.p2p.protocol.Role;
import dev.companion.p2p.protocol.Scope;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bot leading carol through a flow, with two real follow engines (the bot's and carol's) joined
 * by an in-memory wire, and carol's page scripted: which action applies, whether the page then shows
 * what the step expects. The bot goes on only on applied + matched; a failing step is sent once more
 * with its hint, then the bot waits for the person; the person takes the lead (the bot goes quiet)
 * and gives it back (the bot resumes at that step); owner-only steps are never sent.
 */
class BotLeaderTest {
    private static final String SHOP = "http://shop.test/";
    private static final String SEARCH = "http://shop.test/search?q=tea";
    private static final String CART = "http://shop.test/cart";
    private static final Duration WAIT = Duration.ofMillis(300);

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private final ExecutorService toCarol = Executors.newSingleThreadExecutor();
    private final ExecutorService toBot = Executors.newSingleThreadExecutor();
    private final BlockingQueue<BotLeader.Event> events = new LinkedBlockingQueue<>();
    private final List<Action> carolApplied = new CopyOnWriteArrayList<>();
    /** Per selector: how many more times carol's page shows the step's expectation as not matched. */
    private final Map<String, Integer> failuresLeft = new ConcurrentHashMap<>();
    /** Selectors carol's page agent leaves to her (owner-only). */
    private final List<String> ownerOnly = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Long> carolAsked = new LinkedBlockingQueue<>();
    /** carol says no to the bot's steps from this seq on (manual following). */
    private volatile long carolDeclinesFrom = Long.MAX_VALUE;
    /** When set, carol's decision on each step in manual following: the step stays out until it completes. */
    private volatile CompletableFuture<Boolean> carolHolds;
    private volatile String lastSelector = "";
    private FollowEngine bot;
    private FollowEngine carol;

    @AfterEach
    void stop() {
        if (bot != null) {
            bot.close();
        }
        if (carol != null) {
            carol.close();
        }
        scheduler.shutdownNow();
        toCarol.shutdownNow();
        toBot.shutdownNow();
    }

    private static Messages.GroupState group(String leader, Following following) {
        return new Messages.GroupState("g1", 2, leader, Mode.LEADER_FOLLOWER, following, Scope.FULL, List.of(), List.of(),
                List.of(new Messages.Member("bot", "t-bot", leader.equals("bot") ? Role.LEADER : Role.FOLLOWER),
                        new Messages.Member("carol", "t-c", leader.equals("carol") ? Role.LEADER : Role.FOLLOWER)));
    }

    private static FlowStep step(String page, String selector, Expectation expect, String hint, boolean ownerOnly) {
        return new FlowStep(page, new Action.Click(page, "", selector), expect, hint, 0L, ownerOnly ? true : null);
    }

    /** Search, add to cart (expects the cart), pay (expects the receipt). */
    private static Flow purchase(boolean payIsOwnerOnly) {
        return new Flow("Buy green tea", "en", List.of(
                step(SHOP, "#search-button", new Expectation("http://shop.test/search?*", null, "Green Tea"),
                        "Press Search.", false),
                step(SEARCH, "#add", new Expectation(null, "#cart li", "Green Tea"), "Press Add to cart next to Green Tea.",
                        false),
                step(CART, "#pay", new Expectation(null, null, "Thank you"), "Press Pay.", payIsOwnerOnly)));
    }

    /** carol's page: navigates where the flow's next page is after each click; answers checks as scripted. */
    private final FollowTarget carolPage = new FollowTarget() {
        @Override
        public void load(String url) {
            scheduler.execute(() -> carol.onPageReady(url));
        }

        @Override
        public CompletableFuture<ApplyResult> apply(Action action) {
            Action.Click c = (Action.Click) action;
            lastSelector = c.selector();
            if (ownerOnly.contains(c.selector())) {
                return CompletableFuture.completedFuture(ApplyResult.failed(ApplyResult.OWNER_ONLY, "pay 'Pay'"));
            }
            carolApplied.add(action);
            String next = switch (c.selector()) {
                case "#search-button" -> SEARCH;
                case "#add" -> CART;
                default -> null;
            };
            if (next != null) {
                scheduler.execute(() -> carol.onPageReady(next));
            }
            return CompletableFuture.completedFuture(ApplyResult.ok());
        }

        @Override
        public CompletableFuture<Boolean> check(Messages.Expect expect) {
            int left = failuresLeft.getOrDefault(lastSelector, 0);
            if (left > 0) {
                failuresLeft.put(lastSelector, left - 1);
                return CompletableFuture.completedFuture(false);
            }
            return CompletableFuture.completedFuture(true);
        }

        @Override
        public CompletableFuture<Messages.PageState> snapshot() {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<ApplyResult> restore(Messages.PageState state) {
            return CompletableFuture.completedFuture(ApplyResult.ok());
        }
    };

    /** Starts both engines and the bot; returns the bot's leader. */
    private BotLeader start(Flow flow, Following following) {
        FollowEngine.Timing timing = new FollowEngine.Timing(WAIT, WAIT, Duration.ofSeconds(5));
        Outbox botOut = wire(toCarol, () -> carol, "bot");
        Outbox carolOut = wire(toBot, () -> bot, "carol");
        bot = new FollowEngine("bot", botOut, new NoPage(), scheduler, timing);
        StepDecider next = (from, seq, actions) -> {
            carolAsked.add(seq);
            CompletableFuture<Boolean> hold = carolHolds;
            return hold != null ? hold : CompletableFuture.completedFuture(seq < carolDeclinesFrom);
        };
        carol = new FollowEngine("carol", carolOut, carolPage, scheduler, timing, new MemoryJournal(), next,
                Protocol.LOG_BOUND, dev.companion.app.similar.SimilarUrls.builtIn());
        BotLeader leader = new BotLeader("bot", flow, bot::sendStep, events::add);
        bot.addListener(leader);
        carol.onPageReady(SHOP);
        setGroup(leader, group("bot", following));
        return leader;
    }

    private void setGroup(BotLeader leader, Messages.GroupState g) {
        carol.onGroup(g);
        bot.onGroup(g);
        leader.onGroup(g);
    }

    private static Outbox wire(ExecutorService lane, java.util.function.Supplier<FollowEngine> to, String from) {
        return new Outbox() {
            @Override
            public int broadcast(String group, Message m) {
                send(group, "*", m);
                return 1;
            }

            @Override
            public boolean send(String group, String user, Message m) {
                lane.execute(() -> to.get().onRemote(group, from, (GroupMessage) m));
                return true;
            }
        };
    }

    private BotLeader.Event next() throws InterruptedException {
        BotLeader.Event e = events.poll(15, TimeUnit.SECONDS);
        assertThat(e).as("the bot's next event").isNotNull();
        return e;
    }

    private void expectEvents(String... wanted) throws InterruptedException {
        for (String w : wanted) {
            BotLeader.Event e = next();
            assertThat(e.state() + " " + e.step()).isEqualTo(w);
        }
    }

    @Test
    void leadsEveryStepWhenEachIsAppliedAndMatched() throws Exception {
        BotLeader leader = start(purchase(false), Following.AUTO);
        expectEvents("SENT 1", "SENT 2", "SENT 3", "DONE 4");
        assertThat(carolApplied).extracting(a -> ((Action.Click) a).selector())
                .containsExactly("#search-button", "#add", "#pay");
        assertThat(carolAsked).as("automatic: nobody is asked").isEmpty();
        assertThat(leader.state()).isEqualTo(BotLeader.State.DONE);
    }

    @Test
    void aStepThatDoesNotShowWhatItExpectsIsSentOnceMoreWithItsHint() throws Exception {
        failuresLeft.put("#add", 1);
        start(purchase(false), Following.AUTO);
        expectEvents("SENT 1", "SENT 2");
        BotLeader.Event retry = next();
        assertThat(retry).isEqualTo(new BotLeader.Event(BotLeader.State.RETRYING, 2,
                "Press Add to cart next to Green Tea."));
        expectEvents("SENT 3", "DONE 4");
    }

    @Test
    void failingTwiceTheBotWaitsForThePersonWhoTakesTheLeadAndGivesItBack() throws Exception {
        failuresLeft.put("#add", 2);
        BotLeader leader = start(purchase(false), Following.AUTO);
        expectEvents("SENT 1", "SENT 2", "RETRYING 2");
        BotLeader.Event stuck = next();
        assertThat(stuck).isEqualTo(new BotLeader.Event(BotLeader.State.STUCK, 2, "Press Add to cart next to Green Tea."));
        assertThat(events.poll(1, TimeUnit.SECONDS)).as("nothing more is sent while it waits").isNull();
        assertThat(carolApplied).hasSize(3); // search, add, add
        // carol takes the lead (the bot terminal accepts her lead_ask): the bot goes quiet
        setGroup(leader, group("carol", Following.AUTO));
        expectEvents("QUIET 2");
        assertThat(bot.sendStep(List.of(new Action.Click(CART, "", "#x")), null)).as("a quiet bot sends nothing").isZero();
        // she gives it back: the bot resumes at the step it stopped at
        setGroup(leader, group("bot", Following.AUTO));
        expectEvents("SENT 2", "SENT 3", "DONE 4");
    }

    @Test
    void anOwnerOnlyStepOfTheFlowIsNeverSentTheBotGoesOnAfterThePersonDidIt() throws Exception {
        BotLeader leader = start(new Flow("Buy and pay", "en", List.of(purchase(true).steps().get(0),
                purchase(true).steps().get(2), purchase(false).steps().get(1))), Following.AUTO);
        expectEvents("SENT 1");
        BotLeader.Event owner = next();
        assertThat(owner).isEqualTo(new BotLeader.Event(BotLeader.State.OWNER_ONLY, 2, "Press Pay."));
        assertThat(carolApplied).extracting(a -> ((Action.Click) a).selector()).doesNotContain("#pay");
        setGroup(leader, group("carol", Following.AUTO)); // she takes the lead and pays herself
        expectEvents("QUIET 3");
        setGroup(leader, group("bot", Following.AUTO));
        expectEvents("SENT 3", "DONE 4");
    }

    @Test
    void aStepTheFollowersPageLeavesToThePersonIsOwnerOnly() throws Exception {
        ownerOnly.add("#pay");
        start(purchase(false), Following.AUTO);
        expectEvents("SENT 1", "SENT 2", "SENT 3");
        BotLeader.Event owner = next();
        assertThat(owner.state()).isEqualTo(BotLeader.State.OWNER_ONLY);
        assertThat(owner.step()).isEqualTo(3);
        assertThat(owner.detail()).startsWith("owner-only");
        assertThat(events.poll(1, TimeUnit.SECONDS)).as("not sent again").isNull();
    }

    @Test
    void inManualFollowingThePersonAcceptsEachStepAndADeclinedOneWaitsForThem() throws Exception {
        carolDeclinesFrom = 3;
        start(purchase(false), Following.MANUAL);
        expectEvents("SENT 1", "SENT 2", "SENT 3");
        assertThat(carolAsked.poll(5, TimeUnit.SECONDS)).isEqualTo(1L);
        assertThat(carolAsked.poll(5, TimeUnit.SECONDS)).isEqualTo(2L);
        assertThat(carolAsked.poll(5, TimeUnit.SECONDS)).isEqualTo(3L);
        BotLeader.Event stuck = next();
        assertThat(stuck.state()).as("declined: not retried, the person decides").isEqualTo(BotLeader.State.STUCK);
        assertThat(carolApplied).hasSize(2);
    }

    @Test
    void stuckThePersonAsksForARetryAndTheStepIsSentAgain() throws Exception {
        failuresLeft.put("#add", 2);
        BotLeader leader = start(purchase(false), Following.AUTO);
        expectEvents("SENT 1", "SENT 2", "RETRYING 2", "STUCK 2");
        assertThat(leader.onAnswer(BotReply.RETRY, 1, null, null)).as("an answer about another step").isFalse();
        assertThat(leader.onAnswer(BotReply.RETRY, 2, null, null)).isTrue();
        expectEvents("SENT 2", "SENT 3", "DONE 4");
        assertThat(carolApplied).extracting(a -> ((Action.Click) a).selector())
                .containsExactly("#search-button", "#add", "#add", "#add", "#pay");
        assertThat(leader.onAnswer(BotReply.RETRY, 4, null, null)).as("done: nothing more to answer").isFalse();
    }

    @Test
    void thePersonSaysTheyDidItTheBotChecksTheWholeExpectationThenGoesOn() throws Exception {
        failuresLeft.put("#search-button", 2);
        BotLeader leader = start(purchase(false), Following.AUTO);
        expectEvents("SENT 1", "RETRYING 1", "STUCK 1");
        // step 1 expects http://shop.test/search?* showing "Green Tea": the person's page is still the front page
        assertThat(leader.onAnswer(BotReply.DID_IT, 1, SHOP, true)).isTrue();
        assertThat(next()).isEqualTo(new BotLeader.Event(BotLeader.State.NOT_DONE, 1, "Press Search."));
        assertThat(leader.state()).as("still the person's").isEqualTo(BotLeader.State.STUCK);
        assertThat(leader.onAnswer(BotReply.DID_IT, 1, null, true)).as("no page: the URL cannot match").isTrue();
        expectEvents("NOT_DONE 1");
        // the right page, but the person's page agent did not find the text the step expects
        assertThat(leader.onAnswer(BotReply.DID_IT, 1, SEARCH, false)).isTrue();
        expectEvents("NOT_DONE 1");
        assertThat(leader.onAnswer(BotReply.DID_IT, 1, SEARCH, null)).as("nothing checked is not a match").isTrue();
        expectEvents("NOT_DONE 1");
        assertThat(leader.state()).isEqualTo(BotLeader.State.STUCK);
        int applied = carolApplied.size();
        assertThat(leader.onAnswer(BotReply.DID_IT, 1, SEARCH, true)).isTrue();
        expectEvents("SENT 2", "SENT 3", "DONE 4");
        assertThat(carolApplied.subList(applied, carolApplied.size())).extracting(a -> ((Action.Click) a).selector())
                .as("step 1 is not pressed again").containsExactly("#add", "#pay");
    }

    @Test
    void aStepThatExpectsOnlyAPageIsTakenOnTheURL() throws Exception {
        Flow flow = new Flow("Search", "en", List.of(
                // this button leads nowhere on carol's page: the expected page never comes, twice
                step(SHOP, "#nowhere", new Expectation("http://shop.test/search?*", null, null), "Press Search.", false),
                step(SHOP, "#other", new Expectation(null, null, "Green Tea"), "Look.", false)));
        BotLeader leader = start(flow, Following.AUTO);
        expectEvents("SENT 1", "RETRYING 1", "STUCK 1");
        assertThat(leader.onAnswer(BotReply.DID_IT, 1, SHOP, null)).isTrue();
        expectEvents("NOT_DONE 1");
        assertThat(leader.onAnswer(BotReply.DID_IT, 1, SEARCH, null)).isTrue();
        expectEvents("SENT 2", "DONE 3");
    }

    @Test
    void thePersonGoesBackOneStepAndTheBotLeadsOnFromThere() throws Exception {
        failuresLeft.put("#add", 2);
        BotLeader leader = start(purchase(false), Following.AUTO);
        expectEvents("SENT 1", "SENT 2", "RETRYING 2", "STUCK 2");
        assertThat(leader.onAnswer(BotReply.BACK, 2, null, null)).isTrue();
        assertThat(leader.onAnswer(BotReply.BACK, 2, null, null)).as("a second press, while step 1 is out").isFalse();
        expectEvents("SENT 1", "SENT 2", "SENT 3", "DONE 4");
        assertThat(carolApplied).extracting(a -> ((Action.Click) a).selector())
                .containsExactly("#search-button", "#add", "#add", "#search-button", "#add", "#pay");
    }

    @Test
    void anOwnerOnlyStepThePersonDidIsCheckedAndTheBotGoesOnWithoutTheLead() throws Exception {
        BotLeader leader = start(new Flow("Buy and pay", "en", List.of(purchase(true).steps().get(0),
                purchase(true).steps().get(2), purchase(false).steps().get(1))), Following.AUTO);
        expectEvents("SENT 1", "OWNER_ONLY 2");
        // Pay expects "Thank you": the person's page does not show it yet; the step stays theirs
        assertThat(leader.onAnswer(BotReply.DID_IT, 2, CART, false)).isTrue();
        expectEvents("NOT_DONE 2");
        assertThat(leader.state()).isEqualTo(BotLeader.State.OWNER_ONLY);
        assertThat(leader.onAnswer(BotReply.DID_IT, 2, CART, true)).isTrue();
        expectEvents("SENT 3", "DONE 4");
        assertThat(carolApplied).extracting(a -> ((Action.Click) a).selector()).containsExactly("#search-button", "#add");
    }

    @Test
    void whileAStepIsOutAnswersAreNotTaken() throws Exception {
        carolHolds = new CompletableFuture<>(); // manual: carol has not pressed Next on step 1 yet
        BotLeader leader = start(purchase(false), Following.MANUAL);
        expectEvents("SENT 1");
        assertThat(carolAsked.poll(5, TimeUnit.SECONDS)).isEqualTo(1L);
        for (BotReply r : BotReply.values()) {
            assertThat(leader.onAnswer(r, 1, SEARCH, null)).as(r + " while step 1 is out").isFalse();
        }
        assertThat(leader.state()).isEqualTo(BotLeader.State.SENT);
        carolHolds.complete(true); // she presses Next: the step's result decides, as always
        expectEvents("SENT 2", "SENT 3", "DONE 4");
        assertThat(carolApplied).hasSize(3);
    }
}
