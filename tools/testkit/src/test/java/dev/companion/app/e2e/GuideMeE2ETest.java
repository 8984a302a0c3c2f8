package dev.companion.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.companion.app.flow.Expectation;
import dev.companion.app.flow.Flow;
import dev.companion.app.flow.FlowFormat;
import dev.companion.app.flow.FlowStep;
import dev.companion.demo.shop.ShopServer;
import dev.companion.p2p.protocol.Action;
import dev.companion.testkit.AppProcess;
import dev.companion.testkit.HookClient;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Guide me with: …" (docs/flows.md), with real parts only: one Companion app process (its own JVM,
 * Chromium and profile; a person's clicks and keys through the test hook) with no control center
 * reachable, the sample shop, and a flow in the app's SQLite flow store (imported, as Import… does).
 * From the Flows section the person picks the flow and presses Guide me: the app's own guide leads
 * this window over a loopback peer link — the search typed and sent, the product opened (checked in
 * the page); adding to the cart fails on purpose (the shop wants her signed in): the guide says the
 * hint, retries once, then waits; "I did it" on the sign-in page is refused with the words and the
 * guide keeps waiting; she signs in and adds the tea herself, "I did it" again, and the guide leads
 * her to her cart. Stop guiding ends the guide: none of its threads is left.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class GuideMeE2ETest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FLOW = "Put green tea in your cart";
    private static final String HINT = "Sign in to the shop first, then press Add to cart yourself.";

    @TempDir
    Path dir;
    private ShopServer shop;
    private AppProcess app;

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            System.out.println("---- log tail ----\n" + app.logTail());
            app.close();
        }
        if (shop != null) {
            shop.close();
        }
    }

    /** Search, open the product, add it to the cart (fails until she signed in to the shop), open the cart. */
    private Flow flow() {
        String home = shop.url("/");
        String results = shop.url("/search?q=green+tea");
        String product = shop.url("/product/green-tea");
        return new Flow(FLOW, "en", List.of(
                new FlowStep(home, new Action.Input(home, "", "#q", "green tea"), null, "Type green tea.", 0L, null),
                new FlowStep(home, new Action.Submit(home, "", "#search", "#search-button"),
                        new Expectation(shop.url("/search?*"), null, "Green Tea"), "Press Search.", 0L, null),
                new FlowStep(results, new Action.Click(results, "", "a.product-link[href=\"/product/green-tea\"]"),
                        new Expectation(product + "*", "#add-to-cart", null), "Open Green Tea.", 0L, null),
                new FlowStep(product, new Action.Submit(product, "", "#add-to-cart", null),
                        new Expectation(product + "*", "#added-banner", "Added to your cart"), HINT, 0L, null),
                new FlowStep(product + "?added=1", new Action.Click(product + "?added=1", "", "#added-banner a"),
                        new Expectation(shop.url("/cart/*"), null, "Green Tea"), "Open your cart.", 0L, null)));
    }

    @Test
    void theAppsOwnGuideLeadsThisWindowWithoutAControlCenterAndStopsCleanly() throws Exception {
        shop = ShopServer.start("127.0.0.1", 0);
        int nobody;
        try (ServerSocket s = new ServerSocket(0)) {
            nobody = s.getLocalPort(); // a control center nobody runs: none is reachable
        }
        String noFingerprint = dev.companion.p2p.tls.Identity.create("nobody").fingerprint();
        app = AppProcess.start("carol", dir.resolve("carol"), nobody, noFingerprint, shop.url("/"));
        Path file = dir.resolve("flow.json");
        FlowFormat.write(flow(), file);
        assertThat(app.hook().importFlow(file)).isEqualTo(5);
        awaitElement("#q");
        List<String> before = app.hook().threads();

        HookClient.await(() -> {
            try {
                app.hook().select("guideFlow", FLOW);
                return JSON.valueToTree(true);
            } catch (RuntimeException notListedYet) {
                return JSON.valueToTree(false);
            }
        }, JsonNode::asBoolean, WAIT, "the flow in the Guide me list");
        app.hook().fire("guideMe");
        awaitText("guideStatus", "Your guide leads this window through \"" + FLOW + "\".");

        // three steps, checked in the page: the search typed and sent, then the product
        awaitUrl(u -> u.endsWith("/product/green-tea"), "the guide opened the product");
        app.hook().awaitEval("!!document.querySelector('#add-to-cart')", JsonNode::asBoolean, WAIT, "the product page");
        assertThat(app.hook().eval("document.title").asText()).containsIgnoringCase("Green Tea");

        // adding to the cart sends her to the shop's sign-in page: hint, one retry, then it waits
        awaitText("guideWords", "I am stuck at step 4.");
        assertThat(app.hook().text("guideHint")).isEqualTo(HINT);
        awaitUrl(u -> u.contains("/login"), "the shop asks her to sign in");

        // "I did it", but she did not: her page does not show what step 4 expects
        app.hook().fire("guideDidIt");
        awaitText("guideWords", "Your page does not show what step 4 should lead to yet.");
        assertThat(url()).contains("/login");

        // she really does it: signs in, adds the tea herself, and says so
        awaitElement("#password");
        app.hook().userClick("#username");
        app.hook().userType("carol");
        app.hook().userClick("#password");
        app.hook().userType("carol-pass\n");
        awaitUrl(u -> u.endsWith("/product/green-tea"), "back on the product after signing in");
        awaitElement("#add");
        app.hook().userClick("#add");
        try {
            app.hook().awaitState(s -> s.path("url").asText().contains("?added=1"), Duration.ofSeconds(5), "she added the tea");
        } catch (AssertionError clickedWhileThePageLoaded) {
            app.hook().userClick("#add");
            awaitUrl(u -> u.contains("/product/green-tea?added=1"), "she added the tea");
        }
        app.hook().fire("guideDidIt");

        // the guide goes on: her cart, checked in the page
        awaitUrl(u -> u.contains("/cart/"), "the guide opened her cart");
        app.hook().awaitEval("document.body.innerText.includes('Green Tea')", JsonNode::asBoolean, WAIT, "the tea in her cart");
        awaitText("guideWords", "Done: every step worked.");

        // Stop guiding: the guide, its link and its threads end
        app.hook().fire("stopGuiding");
        awaitText("guideStatus", "Guiding stopped.");
        HookClient.await(() -> JSON.valueToTree(left(before, app.hook().threads())), JsonNode::isEmpty, WAIT,
                "no thread of the guide left");
    }

    /**
     * The kinds of thread a guide starts (its timer, the two sides' session and follow threads, their
     * links, pairing and sockets) that now run more of than before it started.
     */
    private static List<String> left(List<String> before, List<String> now) {
        java.util.Map<String, Long> had = before.stream().collect(java.util.stream.Collectors.groupingBy(
                GuideMeE2ETest::kind, java.util.stream.Collectors.counting()));
        java.util.Map<String, Long> has = now.stream().collect(java.util.stream.Collectors.groupingBy(
                GuideMeE2ETest::kind, java.util.stream.Collectors.counting()));
        return has.entrySet().stream().filter(e -> !e.getKey().isEmpty() && e.getValue() > had.getOrDefault(e.getKey(), 0L))
                .map(e -> e.getKey() + " x" + e.getValue()).toList();
    }

    /** A thread's kind: its name without the numbers and ids at its end; "" for threads a guide never starts. */
    private static String kind(String name) {
        // not framed-tls-limits: the process's one timer of connection limits, started by its first
        // TLS connection (here the guide's link: no control center is reachable) and kept, shared
        for (String k : List.of("window-guide", "session-events", "follow-apply", "link-timer", "link-events", "Nio")) {
            if (name.startsWith(k)) {
                return k;
            }
        }
        return "";
    }

    private void awaitText(String id, String prefix) {
        HookClient.await(() -> JSON.valueToTree(app.hook().text(id)), v -> v.asText().startsWith(prefix), WAIT,
                id + " says " + prefix);
    }

    private void awaitElement(String selector) {
        app.hook().awaitEval("!!document.querySelector(" + JSON.valueToTree(selector) + ")", JsonNode::asBoolean, WAIT,
                "element " + selector);
    }

    private String url() {
        return app.hook().state().path("url").asText();
    }

    private void awaitUrl(Predicate<String> ok, String what) {
        app.hook().awaitState(s -> ok.test(s.path("url").asText()), WAIT, what);
    }
}
