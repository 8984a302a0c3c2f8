package dev.companion.app.follow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.app.similar.SimilarUrls;
import dev.companion.app.similar.SiteRules;
import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Following;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Messages.ActionMsg;
import dev.companion.p2p.protocol.Messages.UrlRule;
import dev.companion.p2p.protocol.Mode;
import dev.companion.p2p.protocol.NavigationCause;
import dev.companion.p2p.protocol.Outcome;
import dev.companion.p2p.protocol.Protocol;
import dev.companion.p2p.protocol.Role;
import dev.companion.p2p.protocol.Scope;
import dev.companion.p2p.protocol.UrlRuleKind;
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
 * A follower never loads the leader's per-user URL (a cart token, a session id) verbatim: it goes to
 * its own equivalent — reached by its own click on the link the evidence found, found among its own
 * page's links by a rule, or rebuilt from its own values — or refuses with the reason. A real follow
 * engine; the page is a recording stand-in whose click on the cart link lands on bob's own cart.
 */
class SimilarActionsFollowTest {
    private static final String HOME = "https://shop.example/";
    private static final String ALICE_CART = "https://shop.example/cart/9f3a1c0e5b7d2c4a6e8f0a1b?sid=a1";
    private static final String BOB_CART = "https://shop.example/cart/0c4d2e8a9b1f3e5d7c6a4b2e?sid=b2";
    private static final FollowEngine.Timing TIMING = new FollowEngine.Timing(Duration.ofMillis(500),
            Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofHours(1));
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<Message> sent = new CopyOnWriteArrayList<>();
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final SiteRules rules = SiteRules.inMemory();
    private final Page page = new Page();
    private FollowEngine bob;

    /** bob's page: its links; a click on "#cart-link" goes to bob's own cart; loads go where they are told. */
    private final class Page extends FollowEngineTest.RecordingTarget {
        volatile List<String> links = List.of(HOME + "search", BOB_CART);

        @Override
        public CompletableFuture<List<String>> links() {
            return CompletableFuture.completedFuture(links);
        }

        @Override
        public CompletableFuture<ApplyResult> apply(Action action) {
            if (action instanceof Action.Click c && c.selector().equals("#cart-link")) {
                bob.onPageReady(BOB_CART); // the page navigates while the click is being applied
            }
            return super.apply(action);
        }
    }

    @AfterEach
    void stop() {
        if (bob != null) {
            bob.close();
        }
        scheduler.shutdownNow();
    }

    private void start() {
        bob = new FollowEngine("bob", new FollowEngineTest.Wire(sent), page, scheduler, TIMING, new MemoryJournal(),
                StepDecider.ACCEPT_ALL, Protocol.LOG_BOUND, new SimilarUrls(rules));
        bob.addListener(new FollowListener() {
            @Override
            public void onApplied(String from, long seq, Action action, Outcome outcome, String reason) {
                events.add(outcome.wire() + (reason == null ? "" : " " + reason));
            }
        });
        bob.onGroup(new Messages.GroupState("g1", 1, "alice", Mode.LEADER_FOLLOWER, Following.AUTO, Scope.FULL,
                List.of(), List.of(), List.of(new Messages.Member("alice", "t-a", Role.LEADER),
                        new Messages.Member("bob", "t-b", Role.FOLLOWER)), true));
        page.onLoad = url -> bob.onPageReady(url);
        bob.onPageReady(HOME);
    }

    private String next() throws InterruptedException {
        String e = events.poll(10, TimeUnit.SECONDS);
        assertThat(e).as("an event").isNotNull();
        return e;
    }

    private void send(long seq, Action a) {
        assertThat(bob.onRemote("g1", "alice", new ActionMsg("g1", "alice", seq, a))).isNull();
    }

    @Test
    void afterItsOwnClickOnTheCartLinkTheFollowerIsOnTheLeadersCartPage() throws Exception {
        start();
        send(1, new Action.Click(HOME, "", "#cart-link"));
        assertThat(next()).isEqualTo("applied");
        send(2, new Action.Navigate(HOME, "", ALICE_CART, NavigationCause.PAGE));
        assertThat(next()).isEqualTo("applied");
        send(3, new Action.Click(ALICE_CART, "", "#remove-1"));
        assertThat(next()).isEqualTo("applied");
        assertThat(page.loads).as("nothing loaded: bob is on his own cart").isEmpty();
        assertThat(page.applied).extracting(Action::page).containsExactly(HOME, ALICE_CART);
    }

    @Test
    void aTypedPerUserUrlIsRefusedWithoutARuleAndNeverLoadedVerbatim() throws Exception {
        start();
        send(1, Action.navigate(ALICE_CART, NavigationCause.USER));
        assertThat(next()).isEqualTo("failed per-user-url: no own equivalent of /cart/… on this page");
        assertThat(page.loads).isEmpty();
    }

    @Test
    void withARuleTheFollowerLoadsItsOwnCartFromItsOwnLinks() throws Exception {
        rules.set("shop.example", List.of(new UrlRule(UrlRuleKind.PATH_TOKEN, "/cart/*")));
        start();
        send(1, Action.navigate(ALICE_CART, NavigationCause.USER));
        assertThat(next()).isEqualTo("applied");
        assertThat(page.loads).containsExactly(BOB_CART);
        // an action on alice's cart page is applied on bob's: the same page
        send(2, new Action.Click(ALICE_CART, "", "#clear-cart"));
        assertThat(next()).isEqualTo("applied");
        assertThat(page.loads).containsExactly(BOB_CART);
    }

    @Test
    void twoOwnCandidatesAreAmbiguousAndNothingIsLoaded() throws Exception {
        rules.set("shop.example", List.of(new UrlRule(UrlRuleKind.PATH_TOKEN, "/cart/*")));
        page.links = List.of(BOB_CART, "https://shop.example/cart/1111222233334444aaaa?sid=b2");
        start();
        send(1, Action.navigate(ALICE_CART, NavigationCause.USER));
        assertThat(next()).startsWith("failed ambiguous-url: 2 links");
        assertThat(page.loads).isEmpty();
    }

    @Test
    void trackingParametersAreNotLoaded() throws Exception {
        start();
        send(1, Action.navigate("https://shop.example/product/green-tea?utm_source=mail&size=250g", NavigationCause.USER));
        assertThat(next()).isEqualTo("applied");
        assertThat(page.loads).containsExactly("https://shop.example/product/green-tea?size=250g");
    }

    @Test
    void aMembersRulesAreAnOfferUntilThePersonAccepts() throws Exception {
        start();
        Messages.SimilarRules offer = new Messages.SimilarRules("g1", "alice", "shop.example",
                List.of(new UrlRule(UrlRuleKind.PATH_TOKEN, "/cart/*")));
        assertThat(bob.onRemote("g1", "alice", offer)).isNull();
        assertThat(rules.offers()).extracting(SiteRules.Offer::from).containsExactly("alice");
        send(1, Action.navigate(ALICE_CART, NavigationCause.USER));
        assertThat(next()).startsWith("failed per-user-url"); // not taken unasked
        rules.decide(rules.offers().getFirst(), true);
        send(2, Action.navigate(ALICE_CART, NavigationCause.USER));
        assertThat(next()).isEqualTo("applied");
        assertThat(page.loads).containsExactly(BOB_CART);
        // from someone outside the group: refused, no offer
        assertThat(bob.onRemote("g1", "mallory", new Messages.SimilarRules("g1", "mallory", "shop.example",
                List.of(new UrlRule(UrlRuleKind.QUERY_TOKEN, "q"))))).isEqualTo(ErrorCode.NOT_A_MEMBER);
        assertThat(rules.offers()).isEmpty();
    }
}
