package dev.companion.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
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
 * Drawing between two Companion app processes (each its own JVM, Chromium and profile), a real
 * control center over TLS, peer links and the sample shop: alice (the leader) turns Draw on and drags
 * across the second featured tea's link -- nothing is pressed, nobody navigates -- and bob's own page
 * paints her stroke over that link (seen in the pixels his window draws), not over the first one's,
 * and it is gone after its lifetime; alice sees her own stroke; bob, a follower, cannot turn Draw on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DrawE2ETest {
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
        dir = Files.createTempDirectory("companion-draw-e2e");
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

    /** True when the drawing's red (#e03131) is drawn in the middle of the element on p's page. */
    private static boolean redAt(AppProcess p, String selector) {
        JsonNode r = p.hook().eval("(() => { const b = document.querySelector('" + selector.replace("'", "\\'")
                + "').getBoundingClientRect(); return [b.left + b.width / 2, b.top + b.height / 2]; })()");
        int argb = p.hook().pixel((int) Math.round(r.get(0).asDouble()), (int) Math.round(r.get(1).asDouble()));
        int red = (argb >> 16) & 0xff;
        int green = (argb >> 8) & 0xff;
        int blue = argb & 0xff;
        return Math.abs(red - 0xe0) < 40 && Math.abs(green - 0x31) < 40 && Math.abs(blue - 0x31) < 40;
    }

    private static void await(java.util.function.BooleanSupplier what, String description) {
        HookClient.await(() -> BooleanNode.valueOf(what.getAsBoolean()), JsonNode::asBoolean, WAIT, description);
    }

    @Test
    void theLeadersStrokeIsPaintedOverTheSameElementOnTheFollowersOwnPageThenGoes() {
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

        alice.hook().fire("chatDraw");
        alice.hook().eval("1"); // draw mode reached the page before this answer
        alice.hook().userDrag(SECOND);
        await(() -> redAt(bob, SECOND), "bob's page paints alice's stroke over the second tea");
        assertThat(redAt(bob, FIRST)).as("not over the first one").isFalse();
        await(() -> redAt(alice, SECOND), "alice sees her own stroke");
        assertThat(alice.hook().state().path("url").asText()).as("alice's drag pressed nothing").isEqualTo(home);
        assertThat(bob.hook().state().path("url").asText()).as("nothing was pressed at bob's").isEqualTo(home);
        await(() -> bob.hook().eval("document.getElementsByTagName('companion-draw').length").asInt() == 0,
                "gone from bob's page after its lifetime");
        assertThat(redAt(bob, SECOND)).isFalse();
        try {
            bob.hook().fire("chatDraw");
            throw new AssertionError("a follower could turn Draw on");
        } catch (RuntimeException e) {
            assertThat(e.getMessage()).contains("no enabled button #chatDraw");
        }
    }
}
