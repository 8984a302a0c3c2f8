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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Pointing between two Companion app processes (each its own JVM, Chromium and profile), a real
 * control center over TLS, peer links and the sample shop: alice presses Point at… and clicks the
 * second featured tea on her page -- the click is not performed (nobody navigates) -- and bob's chat
 * says "alice points at …" while his own page outlines that card's link (seen in the pixels his window
 * draws), not the first one's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PointE2ETest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SECOND = "li.card:nth-of-type(2) a";
    private static final String FIRST = "li.card:nth-of-type(1) a";

    private Path dir;
    private ControlCenter scc;
    private ShopServer shop;
    private AppProcess alice;
    private AppProcess bob;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("companion-point-e2e");
        scc = ControlCenters.startWithFriends(dir, "alice", "bob");
        shop = ShopServer.start("127.0.0.1", 0);
        alice = AppProcess.start("alice", dir.resolve("alice"), scc.port(), scc.fingerprint(), shop.url("/"));
        bob = AppProcess.start("bob", dir.resolve("bob"), scc.port(), scc.fingerprint(), shop.url("/"));
    }

    @AfterAll
    void stop() throws Exception {
        for (AppProcess p : new AppProcess[] {alice, bob}) {
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

    /** True when the outline's blue is drawn just left of the element's box on p's page. */
    private static boolean ringAt(AppProcess p, String selector) {
        JsonNode r = p.hook().eval("(() => { const b = document.querySelector(" + quote(selector) + ").getBoundingClientRect();"
                + " return [b.left, b.top, b.height]; })()");
        int argb = p.hook().pixel((int) Math.round(r.get(0).asDouble() - 4), (int) Math.round(r.get(1).asDouble()
                + r.get(2).asDouble() / 2));
        int red = (argb >> 16) & 0xff;
        int green = (argb >> 8) & 0xff;
        int blue = argb & 0xff;
        return Math.abs(red - 0x1c) < 40 && Math.abs(green - 0x7e) < 40 && Math.abs(blue - 0xd6) < 40;
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "\\'") + "'";
    }

    @Test
    void alicePointsAndBobsOwnPageOutlinesTheElement() {
        for (AppProcess p : new AppProcess[] {alice, bob}) {
            p.hook().setText("loginPassword", (p == alice ? "alice" : "bob") + "-pass");
            p.hook().fire("loginButton");
            p.hook().awaitState(s -> s.path("signedIn").asBoolean(), WAIT, "signed in");
        }
        alice.hook().awaitState(s -> s.path("contacts").toString().contains("bob:contact:online"), WAIT, "bob online");
        alice.hook().fire("invite-bob");
        bob.hook().awaitState(s -> s.path("invitations").toString().contains("alice"), WAIT, "bob invited");
        bob.hook().fire("acceptInvitation-alice");
        alice.hook().awaitState(s -> s.path("linked").toString().contains("bob"), WAIT, "alice linked to bob");
        bob.hook().awaitState(s -> s.path("linked").toString().contains("alice"), WAIT, "bob linked to alice");
        String home = shop.url("/");

        alice.hook().fire("chatPoint");
        alice.hook().eval("1"); // the pick reached the page before this answer
        alice.hook().userClick(SECOND);
        HookClient.await(() -> com.fasterxml.jackson.databind.node.BooleanNode.valueOf(
                bob.hook().exists("chatPointLine-0")), JsonNode::asBoolean, WAIT, "bob heard the point");
        String line = bob.hook().text("chatPointLine-0");
        assertThat(line).startsWith("alice points at '").doesNotContain("could not find");
        HookClient.await(() -> com.fasterxml.jackson.databind.node.BooleanNode.valueOf(ringAt(bob, SECOND)),
                JsonNode::asBoolean, WAIT, "bob's page outlines the second tea");
        assertThat(ringAt(bob, FIRST)).as("not the first one").isFalse();
        assertThat(alice.hook().text("chatPointLine-0")).startsWith("You point at '");
        assertThat(alice.hook().state().path("url").asText()).as("alice's click was not performed").isEqualTo(home);
        assertThat(bob.hook().state().path("url").asText()).as("nothing was pressed at bob's").isEqualTo(home);
        assertThat(alice.hook().exists("chatUnplaced-0")).as("bob found it: nothing to tell alice").isFalse();

        // bob's page without the anchor: his chat says so, and alice hears it from him (a reason, no page text)
        bob.hook().eval("(() => { document.querySelectorAll('li.card').forEach(c => c.remove()); return 1; })()");
        alice.hook().fire("chatPoint");
        alice.hook().eval("1");
        alice.hook().userClick(SECOND);
        HookClient.await(() -> com.fasterxml.jackson.databind.node.BooleanNode.valueOf(
                bob.hook().exists("chatPointLine-1")), JsonNode::asBoolean, WAIT, "bob heard the second point");
        HookClient.await(() -> com.fasterxml.jackson.databind.node.BooleanNode.valueOf(
                alice.hook().exists("chatUnplaced-0")), JsonNode::asBoolean, WAIT, "alice told bob could not place it");
        assertThat(alice.hook().text("chatUnplaced-0")).isEqualTo("bob could not find your point on their page");
        assertThat(bob.hook().text("chatPointLine-1")).contains("could not find");
    }
}
