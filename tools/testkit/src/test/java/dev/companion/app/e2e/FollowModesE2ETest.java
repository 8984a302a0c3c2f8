package dev.companion.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.companion.demo.shop.ShopServer;
import dev.companion.scc.ControlCenter;
import dev.companion.testkit.AppProcess;
import dev.companion.testkit.ControlCenters;
import dev.companion.testkit.HookClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Every way of following with three Companion app processes (each its own JVM, Chromium and
 * profile), a real control center over TLS and the sample shop. Page input is a person's: real
 * mouse and key events into each terminal's Chromium (the test hook's userClick and userType), so
 * the page agent captures them as it would a user's; the group panel is driven by fx:id. Steps run
 * in order and share state: mutual with three (no echo, no loop), hand-over, manual steps accepted
 * and declined, partial scope by kind and page, pause and resume with catch-up, the leader quitting,
 * and a late join with catch-up.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FollowModesE2ETest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String Q = "document.getElementById('q') ? document.getElementById('q').value : null";

    private Path dir;
    private ControlCenter scc;
    private ShopServer shop;
    private AppProcess alice;
    private AppProcess bob;
    private AppProcess carol;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("companion-modes-e2e");
        scc = ControlCenters.startWithFriends(dir, "alice", "bob", "carol");
        shop = ShopServer.start("127.0.0.1", 0);
        alice = AppProcess.start("alice", dir.resolve("alice"), scc.port(), scc.fingerprint(), shop.url("/"));
        bob = AppProcess.start("bob", dir.resolve("bob"), scc.port(), scc.fingerprint(), shop.url("/"));
        carol = AppProcess.start("carol", dir.resolve("carol"), scc.port(), scc.fingerprint(), shop.url("/"));
    }

    @AfterAll
    void stop() throws Exception {
        for (AppProcess p : new AppProcess[] {alice, bob, carol}) {
            if (p != null) {
                System.out.println("---- log tail ----\n" + p.logTail());
                p.close();
            }
        }
        if (shop != null) {
            shop.close();
        }
        if (scc != null) {
            scc.close();
        }
    }

    @Test
    @Order(1)
    void threeSignInAndFormAGroupLedByAlice() {
        for (AppProcess p : List.of(alice, bob, carol)) {
            String user = p == alice ? "alice" : p == bob ? "bob" : "carol";
            p.hook().setText("loginPassword", user + "-pass");
            p.hook().fire("loginButton");
        }
        awaitAll(s -> s.path("signedIn").asBoolean(), "all three signed in");
        alice.hook().awaitState(s -> s.path("contacts").toString().contains("bob:contact:online")
                && s.path("contacts").toString().contains("carol:contact:online"), WAIT, "alice sees both online");
        join(bob, "bob");
        join(carol, "carol");
        awaitAll(s -> s.path("linked").size() == 2, "everyone linked to both others");
        // leader/follower, automatic: alice types, both follow
        alice.hook().userClick("#q");
        alice.hook().userType("tea");
        awaitQ(bob, "tea");
        awaitQ(carol, "tea");
    }

    @Test
    @Order(2)
    void mutualWithThreeEveryoneReachesEveryoneWithNoEchoOrLoop() {
        settings(alice, "mutual", "auto", "full", null, null);
        awaitAll(s -> "mutual".equals(s.path("mode").asText()), "everyone sees mutual");
        quiet();
        long aliceSent = alice.hook().state().path("sent").asLong();
        long bobApplied = bob.hook().state().path("appliedCount").asLong();
        bob.hook().userClick("#q");
        bob.hook().userType("s");
        awaitQ(alice, "teas");
        awaitQ(carol, "teas");
        carol.hook().userClick("#q");
        carol.hook().userType("?");
        awaitQ(alice, "teas?");
        awaitQ(bob, "teas?");
        quiet();
        // nobody forwarded what they applied (alice sent nothing), nothing came back to bob but carol's
        assertThat(alice.hook().state().path("sent").asLong()).isEqualTo(aliceSent);
        long bobAppliedNow = bob.hook().state().path("appliedCount").asLong();
        assertThat(bobAppliedNow - bobApplied).as("bob applied only carol's input").isEqualTo(1);
        assertThat(q(alice)).isEqualTo(q(bob)).isEqualTo(q(carol)).isEqualTo("teas?");
    }

    @Test
    @Order(3)
    void handOverBobAsksAliceAcceptsAndBobLeads() {
        settings(alice, "leader-follower", "auto", "full", null, null);
        awaitAll(s -> "leader-follower".equals(s.path("mode").asText()), "back to leader and followers");
        bob.hook().fire("askLead");
        alice.hook().awaitState(s -> s.path("leadProposal").asText().equals("ask:bob"), WAIT, "alice is asked");
        alice.hook().fire("acceptLead");
        awaitAll(s -> "bob".equals(s.path("leader").asText()), "everyone sees bob lead");
        bob.hook().userClick("#q");
        bob.hook().userType("s");
        awaitQ(alice, "teas?s");
        awaitQ(carol, "teas?s");
        alice.hook().userClick("#q");
        alice.hook().userType("x"); // a follower's own typing stays local
        quiet();
        assertThat(q(bob)).isEqualTo("teas?s");
    }

    @Test
    @Order(4)
    void manualStepsCarolDeclinesAliceAcceptsAndBobSeesBoth() {
        settings(bob, "leader-follower", "manual", "full", null, null);
        awaitAll(s -> "manual".equals(s.path("following").asText()), "everyone sees manual");
        bob.hook().load(shop.url("/product/green-tea"));
        bob.hook().awaitState(s -> s.path("held").asInt() >= 1, WAIT, "bob holds the navigation");
        assertThat(url(alice)).doesNotContain("/product/");
        bob.hook().fire("sendStep");
        alice.hook().awaitState(s -> s.path("pendingStep").asText().startsWith("bob:"), WAIT, "alice previews the step");
        assertThat(alice.hook().text("stepPreview")).contains("bob").contains("product/green-tea");
        carol.hook().awaitState(s -> s.path("pendingStep").asText().startsWith("bob:"), WAIT, "carol previews the step");
        alice.hook().fire("acceptStep");
        carol.hook().fire("declineStep");
        alice.hook().awaitState(s -> s.path("url").asText().endsWith("/product/green-tea"), WAIT, "alice went there");
        bob.hook().awaitState(s -> s.path("statuses").path("alice").asText().endsWith(":applied")
                && s.path("statuses").path("carol").asText().endsWith(":declined"), WAIT, "bob sees both answers");
        assertThat(url(carol)).doesNotContain("/product/");
    }

    @Test
    @Order(5)
    void partialScopeNavigationOnProductPagesOnly() {
        settings(bob, "leader-follower", "auto", "partial", List.of("navigate"), shop.url("/product/*"));
        awaitAll(s -> "partial".equals(s.path("scope").asText()) && "auto".equals(s.path("following").asText()),
                "everyone sees partial scope");
        bob.hook().load(shop.url("/product/oolong-tea"));
        awaitUrl(alice, u -> u.endsWith("/product/oolong-tea"), "alice followed to a product page");
        awaitUrl(carol, u -> u.endsWith("/product/oolong-tea"), "carol followed to a product page");
        bob.hook().load(shop.url("/")); // outside the pages: stays bob's
        bob.hook().awaitEval("!!document.getElementById('q')", JsonNode::asBoolean, WAIT, "bob's home page");
        bob.hook().userClick("#q");
        bob.hook().userType("typed"); // not a kind that travels
        quiet();
        assertThat(url(alice)).endsWith("/product/oolong-tea");
        assertThat(url(carol)).endsWith("/product/oolong-tea");
    }

    @Test
    @Order(6)
    void pauseTakesAlicesScreenBackAndResumeCatchesHerUp() {
        settings(bob, "leader-follower", "auto", "full", null, null);
        awaitAll(s -> "full".equals(s.path("scope").asText()), "full scope again");
        alice.hook().fire("pauseButton");
        bob.hook().awaitState(s -> "paused".equals(s.path("states").path("alice").asText()), WAIT, "bob sees alice paused");
        bob.hook().load(shop.url("/search?q=green"));
        awaitUrl(carol, u -> u.contains("/search?q=green"), "carol follows");
        bob.hook().awaitState(s -> s.path("statuses").path("alice").asText().endsWith(":paused"), WAIT, "bob told alice is paused");
        assertThat(url(alice)).endsWith("/product/oolong-tea");
        alice.hook().fire("pauseButton"); // follow again
        awaitUrl(alice, u -> u.contains("/search?q=green"), "alice caught up with bob's page");
        bob.hook().awaitState(s -> "here".equals(s.path("states").path("alice").asText()), WAIT, "bob sees alice follow again");
    }

    @Test
    @Order(7)
    void whenTheLeaderQuitsTheLongestStandingMemberLeads() {
        bob.hook().fire("leaveButton");
        alice.hook().awaitState(s -> "alice".equals(s.path("leader").asText()) && s.path("members").size() == 2,
                WAIT, "alice leads alice and carol");
        carol.hook().awaitState(s -> "alice".equals(s.path("leader").asText()), WAIT, "carol sees alice lead");
        alice.hook().load(shop.url("/product/green-tea"));
        awaitUrl(carol, u -> u.endsWith("/product/green-tea"), "carol follows alice");
    }

    @Test
    @Order(8)
    void aLateJoinerCatchesUpWithTheLeadersPageAndFields() {
        alice.hook().awaitEval("!!document.getElementById('note')", JsonNode::asBoolean, WAIT, "alice's product page");
        alice.hook().userClick("#note");
        alice.hook().userType("for dad");
        alice.hook().awaitEval("document.getElementById('note').value", v -> v.asText().equals("for dad"), WAIT,
                "alice typed her note");
        carol.hook().awaitEval("document.getElementById('note') && document.getElementById('note').value",
                v -> v.asText().equals("for dad"), WAIT, "carol's note");
        bob.hook().load(shop.url("/"));
        alice.hook().fire("invite-bob");
        bob.hook().awaitState(s -> s.path("invitations").toString().contains("alice"), WAIT, "bob invited again");
        bob.hook().fire("acceptInvitation-alice");
        awaitUrl(bob, u -> u.endsWith("/product/green-tea"), "bob joined and caught up with alice's page");
        bob.hook().awaitEval("document.getElementById('note') && document.getElementById('note').value",
                v -> v.asText().equals("for dad"), WAIT, "bob's note restored from alice's state");
        alice.hook().userClick("#gift");
        bob.hook().awaitEval("document.getElementById('gift').checked", JsonNode::asBoolean, WAIT, "bob follows on");
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private void join(AppProcess who, String user) {
        alice.hook().fire("invite-" + user);
        who.hook().awaitState(s -> s.path("invitations").toString().contains("alice"), WAIT, user + " sees the invitation");
        who.hook().fire("acceptInvitation-alice");
        alice.hook().awaitState(s -> s.path("linked").toString().contains(user), WAIT, "alice linked to " + user);
    }

    /** Changes the group's settings through the settings editor of who. */
    private void settings(AppProcess who, String mode, String following, String scope, List<String> kinds, String pages) {
        who.hook().select("modeChoice", mode);
        who.hook().select("followingChoice", following);
        who.hook().select("scopeChoice", scope);
        if ("partial".equals(scope)) {
            for (String k : List.of("navigate", "click", "input", "change", "submit", "scroll", "media")) {
                who.hook().select("kind-" + k, Boolean.toString(kinds.contains(k)));
            }
            who.hook().setText("pagePatterns", pages);
        }
        long before = who.hook().state().path("version").asLong();
        who.hook().fire("applySettings");
        who.hook().awaitState(s -> s.path("version").asLong() > before, WAIT, "settings applied");
    }

    private void awaitAll(Predicate<JsonNode> condition, String what) {
        for (AppProcess p : List.of(alice, bob, carol)) {
            p.hook().awaitState(condition, WAIT, what);
        }
    }

    private static String q(AppProcess p) {
        return p.hook().eval(Q).asText();
    }

    private static void awaitQ(AppProcess p, String value) {
        p.hook().awaitEval(Q, v -> value.equals(v.asText()), WAIT, "#q is " + value);
    }

    private static String url(AppProcess p) {
        return p.hook().state().path("url").asText();
    }

    private static void awaitUrl(AppProcess p, Predicate<String> ok, String what) {
        p.hook().awaitState(s -> ok.test(s.path("url").asText()), WAIT, what);
    }

    /** Lets in-flight actions land: the three sent/applied counters stay the same over 1.5 s. */
    private void quiet() {
        String[] last = {""};
        HookClient.await(() -> {
            StringBuilder b = new StringBuilder();
            for (AppProcess p : List.of(alice, bob, carol)) {
                JsonNode s = p.hook().state();
                b.append(s.path("sent").asLong()).append('/').append(s.path("appliedCount").asLong()).append(' ');
            }
            String now = b.toString();
            boolean same = now.equals(last[0]);
            last[0] = now;
            try {
                Thread.sleep(750); // sampling interval of a stability check
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return com.fasterxml.jackson.databind.node.BooleanNode.valueOf(same);
        }, JsonNode::asBoolean, WAIT, "follow traffic to settle");
    }
}
