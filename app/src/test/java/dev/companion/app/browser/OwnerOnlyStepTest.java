package dev.companion.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.app.follow.ApplyResult;
import dev.companion.app.follow.FollowEngine;
import dev.companion.app.follow.FollowTarget;
import dev.companion.app.follow.MemoryJournal;
import dev.companion.app.follow.Outbox;
import dev.companion.app.follow.StepDecider;
import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.Following;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Messages.Result;
import dev.companion.p2p.protocol.Mode;
import dev.companion.p2p.protocol.Outcome;
import dev.companion.p2p.protocol.Protocol;
import dev.companion.p2p.protocol.Role;
import dev.companion.p2p.protocol.Scope;
import dev.companion.p2p.protocol.Target;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Steps that stay with their owner: a leader's click or submit that would pay, place an order,
 * delete an account, submit a form with sensitive fields or press something the site marked
 * {@code data-companion-confirm} is not pressed on the follower's page (no click handler runs, no
 * form is submitted, the page stays), the element is outlined, and the answer is owner-only; an
 * ordinary "Add to cart" is still pressed. The follower decides from its own page: a target that
 * says nothing of money (a lying leader's "Continue") is judged by what the element is.
 */
class OwnerOnlyStepTest {
    private static BrowserFixture fx;

    @BeforeAll
    static void start() throws Exception {
        fx = BrowserFixture.start("/owner.html");
    }

    @AfterAll
    static void stop() throws Exception {
        if (fx != null) {
            fx.close();
        }
    }

    @BeforeEach
    void freshPage() throws Exception {
        fx.loadAndWait("/owner.html");
    }

    private static String page() {
        return fx.url("/owner.html");
    }

    private static ApplyResult apply(Action a) throws Exception {
        return fx.view.apply(a).get(BrowserFixture.WAIT_S, TimeUnit.SECONDS);
    }

    private static Action click(String selector) {
        return new Action.Click(page(), "", selector);
    }

    /** The action is answered owner-only with kind and name, nothing ran, the page stayed, the element is outlined. */
    private static void assertLeftToOwner(Action a, String detail) throws Exception {
        assertThat(apply(a)).as(detail).isEqualTo(ApplyResult.failed(ApplyResult.OWNER_ONLY, detail));
        assertThat(fx.evalString("JSON.stringify(window.pressed)")).as("no click handler ran: " + detail).isEqualTo("[]");
        assertThat(fx.evalString("JSON.stringify(window.submitted)")).as("no form submitted: " + detail).isEqualTo("[]");
        assertThat(fx.evalString("location.pathname")).as("no navigation: " + detail).isEqualTo("/owner.html");
        assertThat(fx.eval("document.getElementsByTagName('companion-owner-step').length")).as("outlined").isEqualTo("1");
    }

    @Test
    void paymentIsLeftToTheOwner() throws Exception {
        assertLeftToOwner(click("#pay"), "payment 'Pay now'");
        assertLeftToOwner(new Action.Click(page(), "", null, Target.of("button", "button", "确认支付 ¥128.00")),
                "payment '确认支付 ¥128.00'");
        // a link whose words say nothing: its path does
        assertLeftToOwner(click("#paylink"), "payment 'Continue'");
    }

    @Test
    void placingAnOrderIsLeftToTheOwner() throws Exception {
        // the leader's submit through "Place order", and a lying leader's plain click on it
        assertLeftToOwner(new Action.Submit(page(), "", "#order", null, null, Target.of("button", "button", "Place order")),
                "place order 'Place order'");
        assertLeftToOwner(click("#place"), "place order 'Place order'");
        // an Enter in the form (a submit without a submitter) presses its default button
        assertLeftToOwner(new Action.Submit(page(), "", "#zhorder", null), "place order '提交订单'");
    }

    @Test
    void deletingAnAccountIsLeftToTheOwner() throws Exception {
        assertLeftToOwner(click("#del"), "delete account 'Delete my account'");
        assertLeftToOwner(click("#zhdel"), "delete account '注销账号'");
    }

    @Test
    void aFormWithSensitiveFieldsIsLeftToTheOwner() throws Exception {
        // Enter in the card form, and its plain "Continue" button clicked
        assertLeftToOwner(new Action.Submit(page(), "", "#card", null), "sensitive form 'Continue'");
        assertLeftToOwner(click("#cardgo"), "sensitive form 'Continue'");
    }

    /**
     * A press in private context on this page (a form holding a password field, its button) is the
     * person's: outlined and answered owner-only, not a bare private-field refusal, marked or not.
     */
    @Test
    void aPressInPrivateContextHereIsLeftToTheOwner() throws Exception {
        assertLeftToOwner(new Action.Submit(page(), "", "#pinpay", null), "sensitive form 'Confirm'");
        fx.loadAndWait("/owner.html");
        assertLeftToOwner(click("#pinpaygo"), "sensitive form 'Confirm'");
        fx.loadAndWait("/owner.html");
        assertLeftToOwner(new Action.Submit(page(), "", "#pinpay", "#pinpaygo", null, null, true), "sensitive form 'Confirm'");
    }

    /** A step the sender marked owner_only (a press in its private context) is never pressed, whatever this page says. */
    @Test
    void aStepMarkedOwnerOnlyIsNeverPressedHere() throws Exception {
        assertLeftToOwner(new Action.Click(page(), "", "#cart", null, true), "sensitive form 'Add to cart'");
        fx.loadAndWait("/owner.html");
        assertLeftToOwner(new Action.Submit(page(), "", "#cartform", null, null, Target.of("button", "button", "Add to cart"), true),
                "sensitive form 'Add to cart'");
    }

    @Test
    void whatTheSiteMarkedIsLeftToTheOwner() throws Exception {
        assertLeftToOwner(click("#sendtext"), "marked 'Send'");
        assertLeftToOwner(new Action.Submit(page(), "", "#transfer", null), "marked 'Next'");
    }

    @Test
    void ordinaryButtonsAreStillPressed() throws Exception {
        for (String id : List.of("cart", "zhcart", "alipay", "methods", "display")) {
            assertThat(apply(click("#" + id))).as(id).isEqualTo(ApplyResult.ok());
        }
        assertThat(fx.evalString("JSON.stringify(window.pressed)"))
                .isEqualTo("[\"cart\",\"zhcart\",\"alipay\",\"methods\",\"display\"]");
        assertThat(apply(new Action.Submit(page(), "", "#cartform", null))).isEqualTo(ApplyResult.ok());
        assertThat(apply(new Action.Submit(page(), "", "#search", null))).isEqualTo(ApplyResult.ok());
        assertThat(fx.evalString("JSON.stringify(window.submitted)")).isEqualTo("[\"cartform\",\"search\"]");
        assertThat(fx.eval("document.getElementsByTagName('companion-owner-step').length")).isEqualTo("0");
    }

    /** bob following alice on this page (on local addresses), with the results he sends. */
    private record Follower(FollowEngine bob, BlockingQueue<Message> sent, ScheduledExecutorService scheduler)
            implements AutoCloseable {
        /** The next result bob sent. */
        Result result() throws InterruptedException {
            while (true) {
                Message m = sent.poll(BrowserFixture.WAIT_S, TimeUnit.SECONDS);
                assertThat(m).as("a result").isNotNull();
                if (m instanceof Result res && res.outcome() != Outcome.WAITING) {
                    return res;
                }
            }
        }

        @Override
        public void close() {
            bob.close();
            scheduler.shutdownNow();
        }
    }

    private static Follower follower(Following following, StepDecider decider) {
        BlockingQueue<Message> sent = new LinkedBlockingQueue<>();
        Outbox outbox = new Outbox() {
            @Override
            public int broadcast(String group, Message m) {
                sent.add(m);
                return 1;
            }

            @Override
            public boolean send(String group, String user, Message m) {
                sent.add(m);
                return true;
            }
        };
        FollowTarget target = new FollowTarget() {
            @Override
            public void load(String url) {
                fx.view.apply(Action.navigate(url, dev.companion.p2p.protocol.NavigationCause.PAGE));
            }

            @Override
            public CompletableFuture<ApplyResult> apply(Action action) {
                return fx.view.apply(action);
            }

            @Override
            public CompletableFuture<ApplyResult> apply(Action action, Consumer<String> waiting) {
                return fx.view.apply(action, waiting);
            }

            @Override
            public CompletableFuture<Messages.PageState> snapshot() {
                return fx.view.snapshot();
            }

            @Override
            public CompletableFuture<ApplyResult> restore(Messages.PageState state) {
                return fx.view.restore(state);
            }
        };
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        FollowEngine bob = new FollowEngine("bob", outbox, target, scheduler,
                new FollowEngine.Timing(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5)),
                new MemoryJournal(), decider, Protocol.LOG_BOUND, dev.companion.app.similar.SimilarUrls.builtIn());
        // the test's pages are on 127.0.0.1: a group that follows pages on local addresses
        bob.onGroup(new Messages.GroupState("g1", 1, "alice", Mode.LEADER_FOLLOWER, following, Scope.FULL,
                List.of(), List.of(), List.of(new Messages.Member("alice", "t-a", Role.LEADER),
                new Messages.Member("bob", "t-b", Role.FOLLOWER)), true));
        bob.onPageReady(page());
        return new Follower(bob, sent, scheduler);
    }

    /** Manual following: a step the follower accepted that holds "Add to cart" then "Pay now". */
    @Test
    void aManualStepWithAPaymentPressesTheRestAndLeavesThePayment() throws Exception {
        BlockingQueue<List<Action>> asked = new LinkedBlockingQueue<>();
        StepDecider yes = (from, seq, actions) -> {
            asked.add(actions);
            return CompletableFuture.completedFuture(true);
        };
        try (Follower f = follower(Following.MANUAL, yes)) {
            f.bob().onRemote("g1", "alice", new Messages.Step("g1", "alice", 1, 0,
                    List.of(click("#cart"), new Action.Click(page(), "", null, Target.of("button", "button", "Pay now")))));
            assertThat(asked.poll(BrowserFixture.WAIT_S, TimeUnit.SECONDS)).as("the person was asked").hasSize(2);
            Result r = f.result();
            assertThat(r.outcome()).as(r.reason()).isEqualTo(Outcome.OWNER_ONLY);
            assertThat(r.reason()).isEqualTo("owner-only: payment 'Pay now'");
            assertThat(fx.evalString("JSON.stringify(window.pressed)")).isEqualTo("[\"cart\"]");
        }
    }

    /**
     * The page alice's own Pay led her to is not loaded for bob: he gets there by pressing his, which
     * stays outlined; the next action after it is followed as usual.
     */
    @Test
    void thePageTheLeadersPaymentLedToIsNotLoadedForTheFollower() throws Exception {
        try (Follower f = follower(Following.AUTO, (from, seq, actions) -> CompletableFuture.completedFuture(true))) {
            f.bob().onRemote("g1", "alice", new Messages.ActionMsg("g1", "alice", 1, 0, click("#pay")));
            assertThat(f.result().outcome()).isEqualTo(Outcome.OWNER_ONLY);
            String receipt = fx.url("/submitted.html?paid=1");
            f.bob().onRemote("g1", "alice", new Messages.ActionMsg("g1", "alice", 2, 1,
                    Action.navigate(receipt, dev.companion.p2p.protocol.NavigationCause.PAGE)));
            Result r = f.result();
            assertThat(r.outcome()).as(r.reason()).isEqualTo(Outcome.OWNER_ONLY);
            assertThat(r.reason()).isEqualTo("owner-only: payment 'Pay now'");
            assertThat(fx.evalString("location.pathname")).as("bob stays on his page").isEqualTo("/owner.html");
            assertThat(fx.eval("document.getElementsByTagName('companion-owner-step').length")).as("still outlined").isEqualTo("1");
            f.bob().onRemote("g1", "alice", new Messages.ActionMsg("g1", "alice", 3, 2, click("#cart")));
            assertThat(f.result().outcome()).isEqualTo(Outcome.APPLIED);
            assertThat(fx.evalString("JSON.stringify(window.pressed)")).isEqualTo("[\"cart\"]");
        }
    }
}
