package dev.companion.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.companion.app.AppConfig;
import dev.companion.app.CompanionApp;
import dev.companion.app.browser.BrowserEngine;
import dev.companion.demo.shop.ShopServer;
import dev.companion.scc.ControlCenter;
import dev.companion.testkit.AppProcess;
import dev.companion.testkit.ControlCenters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The user story end to end: two Companion terminals with their own profiles (alice in this
 * JVM, driven by the TestFX robot through her real window and page; bob in his own process, driven
 * and observed through his test hook), a real control center over TLS and the sample shop.
 * Steps run in order and share state, like one person's session.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BrowseTogetherE2ETest extends FxRobot {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private Path dir;
    private ControlCenter scc;
    private ShopServer shop;
    private BrowserEngine engine;
    private CompanionApp alice;
    private AppProcess bob;
    private PageDriver page;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("companion-e2e");
        scc = ControlCenters.startWithFriends(dir, "alice", "bob");
        shop = ShopServer.start("127.0.0.1", 0);
        bob = AppProcess.start("bob", dir.resolve("bob"), scc.port(), scc.fingerprint(), shop.url("/"));
        engine = BrowserEngine.start(dir.resolve("alice"));   // Chromium before the JavaFX toolkit
        FxToolkit.registerPrimaryStage();
        AppConfig cfg = new AppConfig(dir.resolve("alice"), "127.0.0.1", scc.port(), scc.fingerprint(), "alice",
                shop.url("/"), "127.0.0.1", Locale.ENGLISH, false, 0, "alice", null);
        alice = (CompanionApp) FxToolkit.setupApplication(() -> new CompanionApp(cfg, engine));
        page = new PageDriver(this, alice.view());
    }

    @AfterAll
    void stop() throws Exception {
        if (bob != null) {
            System.out.println("---- bob's log ----\n" + bob.logTail());
            bob.close();
        }
        if (alice != null) {
            FxToolkit.cleanupApplication(alice);
        }
        if (engine != null) {
            engine.close();
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
    void bothSignInAndSeeEachOtherOnline() {
        clickOn("#loginPassword").write("alice-pass");
        clickOn("#loginButton");
        bob.hook().setText("loginPassword", "bob-pass");
        bob.hook().fire("loginButton");
        awaitAlice(() -> alice.model().contacts.stream().anyMatch(c -> c.user().equals("bob") && c.online()), "alice sees bob online");
        bob.hook().awaitState(s -> s.path("contacts").toString().contains("alice:contact:online"), WAIT, "bob sees alice online");
        assertThat(text("#whoami")).contains("alice");
    }

    @Test
    @Order(2)
    void bothSignInToTheShopWithTheirOwnAccounts() {
        page.click("#sign-in-link");
        page.click("#username");
        page.type("alice");
        page.click("#password");
        page.type("alice-pass");
        page.press(KeyCode.ENTER);
        page.awaitEval("document.getElementById('whoami') && document.getElementById('whoami').textContent",
                v -> v.asText().contains("alice"), WAIT, "alice signed in to the shop");
        bob.hook().load(shop.url("/login"));
        bob.hook().awaitEval("!!document.querySelector('input[name=password]')", JsonNode::asBoolean, WAIT, "bob's login page");
        bob.hook().eval("(() => { document.querySelector('input[name=username]').value = 'bob';"
                + " document.querySelector('input[name=password]').value = 'bob-pass';"
                + " document.querySelector('input[name=password]').form.submit(); return true; })()");
        bob.hook().awaitEval("document.getElementById('whoami') && document.getElementById('whoami').textContent",
                v -> v.asText().contains("bob"), WAIT, "bob signed in to the shop");
    }

    @Test
    @Order(3)
    void aDeclinedInvitationIsReportedThenAnAcceptedOneFormsTheGroup() {
        inviteBob();
        bob.hook().awaitState(s -> s.path("invitations").toString().contains("alice"), WAIT, "bob sees the invitation");
        bob.hook().fire("declineInvitation-alice");
        awaitAlice(() -> alice.model().groupNotice.get().contains("bob declined"), "alice is told bob declined");
        assertThat(alice.model().group.get()).isNull();

        formGroup();
    }

    @Test
    @Order(4)
    void bobRepeatsAlicesSearchAndProductChoicesInHisOwnSession() {
        page.click("#q");
        page.type("tea");
        bob.hook().awaitEval("document.getElementById('q') && document.getElementById('q').value",
                v -> v.asText().equals("tea"), WAIT, "bob's search field says tea");
        page.press(KeyCode.ENTER);
        awaitBobUrl(u -> u.contains("/search?q=tea"), "bob's search results");
        page.click("a.product-link[href='/product/green-tea']");
        awaitBobUrl(u -> u.endsWith("/product/green-tea"), "bob's product page");

        page.click("label[for=size]");
        page.type("2"); // type-ahead in the focused select: "250 g"
        page.awaitEval("document.getElementById('size').value", v -> v.asText().startsWith("250"), WAIT, "alice chose 250 g");
        bob.hook().awaitEval("document.getElementById('size').value", v -> v.asText().startsWith("250"), WAIT, "bob's size is 250 g");

        page.click("#gift");
        bob.hook().awaitEval("document.getElementById('gift').checked", JsonNode::asBoolean, WAIT, "bob's gift wrap ticked");

        page.click("#qty");
        page.press(KeyCode.BACK_SPACE, KeyCode.BACK_SPACE, KeyCode.DELETE, KeyCode.DELETE);
        page.type("2");
        bob.hook().awaitEval("document.getElementById('qty').value", v -> v.asText().equals("2"), WAIT, "bob's quantity is 2");

        page.click("#add");
        page.awaitEval("!!document.getElementById('added-banner')", JsonNode::asBoolean, WAIT, "alice's item added");
        bob.hook().awaitEval("!!document.getElementById('added-banner')", JsonNode::asBoolean, WAIT, "bob's item added");
        assertThat(bobCart()).contains("\"product\":\"green-tea\"").contains("\"qty\":2");
        // each cart got the item once, through its own owner's session
        assertThat(shop.cartSummary("bob")).containsExactly("green-tea/250g/2/gift");
        assertThat(shop.cartSummary("alice")).containsExactly("green-tea/250g/2/gift");
        assertThat(shop.cartSummary("carol")).isEmpty();
        Snapshots.save(alice.stage().getScene(), "alice-leading");
    }

    @Test
    @Order(5)
    void bobScrollsWithAlice() {
        page.scrollDown(6);
        page.awaitEval("window.scrollY", v -> v.asDouble() > 50, WAIT, "alice scrolled");
        double settled = settledScrollY();
        bob.hook().awaitEval("window.scrollY", v -> Math.abs(v.asDouble() - settled) < 2, WAIT,
                "bob scrolled to alice's position " + settled);
    }

    /** Alice's scroll position once smooth scrolling has stopped (unchanged across two reads). */
    private double settledScrollY() {
        double[] last = {-1};
        page.awaitEval("window.scrollY", v -> {
            boolean same = v.asDouble() == last[0];
            last[0] = v.asDouble();
            return same;
        }, WAIT, "alice's scrolling settled");
        return last[0];
    }

    @Test
    @Order(6)
    void whenBobLeavesAliceIsToldAndTheGroupIsDissolved() {
        bob.hook().fire("leaveButton");
        awaitAlice(() -> alice.model().group.get() == null, "the group is dissolved for alice");
        assertThat(alice.model().groupNotice.get()).contains("bob");
        bob.hook().awaitState(s -> s.path("group").isMissingNode(), WAIT, "bob has no group");
        formGroup(); // and they can form a new one
    }

    @Test
    @Order(7)
    void bobKeepsFollowingWhenTheControlCenterStops() {
        scc.close();
        awaitAlice(() -> !alice.model().controlCenterOnline.get(), "alice sees the control center offline");
        // the cart's address is per user (/cart/<token>?sid=): bob's own click on the Cart link takes him to his own
        page.click("#cart-link");
        awaitBobUrl(u -> u.matches(".*/cart/[0-9a-f]{24}\\?sid=[0-9a-f]{16}"), "bob opened his own cart after alice");
        bob.hook().awaitEval("[...document.querySelectorAll('tr.cart-line')].map(r => r.dataset.product).join(',')",
                v -> v.asText().equals("green-tea"), WAIT, "bob's own cart is shown");
        assertThat(bob.hook().state().path("group").asText()).isNotEmpty();
    }

    @Test
    @Order(8)
    void largeTextAndChineseForOlderEyes() {
        clickOn("#windowSettings .title"); // the section "Text size and language" opens
        clickOn("#largeTextToggle");
        assertThat(alice.stage().getScene().getRoot().getStyleClass()).contains("large-text");
        double large = lookup("#whoami").queryLabeled().getFont().getSize();
        assertThat(large).isGreaterThan(17);
        clickOn("#languageChoice").clickOn("简体中文");
        awaitAlice(() -> text("#groupStatus").contains("你在带领"), "the group panel in Chinese");
        assertThat(text("#whoami")).contains("已登录");
        Snapshots.save(alice.stage().getScene(), "alice-large-text-zh");
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private void formGroup() {
        inviteBob();
        bob.hook().awaitState(s -> s.path("invitations").toString().contains("alice"), WAIT, "bob sees the invitation");
        bob.hook().fire("acceptInvitation-alice");
        awaitAlice(() -> alice.model().group.get() != null && alice.model().linked.contains("bob"), "alice is linked to bob");
        bob.hook().awaitState(s -> "alice".equals(s.path("leader").asText()) && s.path("linked").toString().contains("alice"),
                WAIT, "bob follows alice over the direct link");
        assertThat(text("#groupStatus")).contains("You lead");
    }

    /** Presses Invite next to bob once the button is shown and enabled (the list redraws on group changes). */
    private void inviteBob() {
        awaitAlice(() -> lookup("#invite-bob").match((Node n) -> n.getScene() != null && !n.isDisabled() && n.isVisible())
                .tryQuery().isPresent(), "an enabled Invite button for bob");
        Node button = lookup("#invite-bob").match((Node n) -> n.getScene() != null && !n.isDisabled()).query();
        clickOn(button);
    }

    private String bobCart() {
        return bob.hook().awaitEval("(() => { const x = new XMLHttpRequest(); x.open('GET', '/api/cart', false); x.send(); return x.responseText; })()",
                v -> v.asText().contains("green-tea"), WAIT, "bob's cart holds the item").asText();
    }

    private void awaitBobUrl(Predicate<String> ok, String what) {
        bob.hook().awaitState(s -> ok.test(s.path("url").asText()), WAIT, what);
    }

    private void awaitAlice(java.util.function.BooleanSupplier condition, String what) {
        try {
            WaitForAsyncUtils.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS, () -> condition.getAsBoolean());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting for " + what + "; activity: " + alice.model().activity);
        }
    }

    private String text(String query) {
        Node n = lookup(query).query();
        return ((Labeled) n).getText();
    }
}
