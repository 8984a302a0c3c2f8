package dev.companion.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.companion.app.bot.BotMain;
import dev.companion.app.flow.Expectation;
import dev.companion.app.flow.Flow;
import dev.companion.app.flow.FlowFormat;
import dev.companion.app.flow.FlowStep;
import dev.companion.demo.shop.ShopServer;
import dev.companion.p2p.protocol.Action;
import dev.companion.scc.ControlCenter;
import dev.companion.testkit.AppProcess;
import dev.companion.testkit.ChildJvm;
import dev.companion.testkit.ControlCenters;
import dev.companion.testkit.HookClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 * Issue 11's "done when", with real parts only: Companion app processes (own JVM, Chromium and
 * profile each, driven through the test hook with a person's clicks and keys), a control center
 * over TLS, the sample shop, and the headless bot as {@code ./companion bot} runs it ({@link BotMain}
 * in a child JVM, read by its output lines).
 *
 * <ol>
 *   <li>alice leads bob through a purchase on the shop (search, a product, gift wrap, add to cart,
 *   her cart, checkout, the payment form, Pay) while she records with the Record button; the flow
 *   is kept, exported with the library's exporter, and checked against the format (the strict
 *   reader, the JSON Schema, the exporter's one layout) and for private values: the name on card,
 *   card number and PIN she typed are private fields, on neither bob's page nor in the file. Pay
 *   sits with them: it travels marked {@code owner_only}, without the form's text, so bob's page
 *   outlines his own Pay and nothing is paid for him, and the flow ends with Pay as the person's
 *   step.</li>
 *   <li>bob closes; the flow is edited as its author would (a hint on the add-to-cart step, and on
 *   Pay a hint and the page's "paid" element as its expectation). The bot (account "guide") invites carol,
 *   who has not signed in to the shop, and leads her automatically: adding to the cart sends her to
 *   the shop's sign-in page, the step's expectation does not match, the bot says the hint and sends
 *   the step once more, then waits. carol takes the lead, signs in herself, ticks gift wrap again
 *   (the sign-in reloaded the page) and gives the lead back; the bot sends the step again, it works, and the bot leads her through her own cart to the
 *   payment page. Pay is hers: the bot asks; she presses "I did it" before paying, her own page
 *   agent finds no payment on her page, the bot says so in her guide panel and keeps waiting; she
 *   pays with her own name and card (still following), presses "I did it" again, and the bot is
 *   done.</li>
 *   <li>The recorded flow with {@code --manual}: carol presses Next for every step, passes through
 *   her own cart address (not alice's); at Pay the bot asks her, she takes the lead, pays and gives it
 *   back, and the bot is done.</li>
 * </ol>
 * At most two app processes run at once. Every wait is on a condition with a deadline.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class VirtualCompanionE2ETest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration BOT_WAIT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FLOW_NAME = "Buy Longjing green tea";
    private static final String ALICE_NAME = "Alice Liddell";
    private static final String ALICE_CARD = "4000056655665556";
    private static final String ALICE_PIN = "735291";
    private static final String CAROL_NAME = "Carol Danvers";
    private static final String CAROL_CARD = "5555555555554444";
    private static final String CAROL_PIN = "4862";
    private static final String HINT = "Sign in to the shop first (Sign in, at the top), choose gift wrap again,"
            + " then give the lead back.";

    private Path dir;
    private ControlCenter scc;
    private ShopServer shop;
    private AppProcess alice;
    private AppProcess bob;
    private AppProcess carol;
    private ChildJvm bot;
    private Path recorded;
    private String aliceCart;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("companion-virtual-e2e");
        scc = ControlCenters.startWithFriends(dir, "alice", "bob", "carol", "guide");
        shop = ShopServer.start("127.0.0.1", 0);
        alice = AppProcess.start("alice", dir.resolve("alice"), scc.port(), scc.fingerprint(), shop.url("/"));
        bob = AppProcess.start("bob", dir.resolve("bob"), scc.port(), scc.fingerprint(), shop.url("/"));
        Files.writeString(dir.resolve("guide.password"), "guide-pass\n");
        Files.writeString(dir.resolve("scc.fingerprint"), scc.fingerprint() + "\n");
    }

    @AfterAll
    void stop() throws Exception {
        if (bot != null) {
            bot.close();
        }
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
    void aliceRecordsWhileSheGuidesBobThroughAPurchaseAndExportsTheFlow() throws Exception {
        signIn(alice, "alice");
        signIn(bob, "bob");
        shopSignIn(alice, "alice"); // alone, before the group: nothing travels yet
        shopSignIn(bob, "bob");
        alice.hook().fire("invite-bob");
        bob.hook().awaitState(s -> s.path("invitations").toString().contains("alice"), WAIT, "bob invited");
        bob.hook().fire("acceptInvitation-alice");
        alice.hook().awaitState(s -> s.path("linked").toString().contains("bob"), WAIT, "alice linked to bob");
        bob.hook().awaitState(s -> "alice".equals(s.path("leader").asText()), WAIT, "bob follows alice");

        alice.hook().fire("recordFlow"); // the Record button
        assertThat(alice.hook().text("recordingIndicator")).contains("Recording");

        alice.hook().load(shop.url("/"));
        awaitUrl(bob, u -> u.equals(shop.url("/")), "bob on the shop's home page");
        awaitElement(alice, "#q");
        alice.hook().userClick("#q");
        alice.hook().userType("longjing\n");
        awaitUrl(bob, u -> u.contains("/search?q=longjing"), "bob sees the search");
        clickLink(alice, "a.product-link[href='/product/green-tea']", u -> u.endsWith("/product/green-tea"), "alice on the product");
        awaitUrl(bob, u -> u.endsWith("/product/green-tea"), "bob on the product");
        awaitElement(alice, "#gift");
        awaitElement(bob, "#gift");
        alice.hook().userClick("#gift");
        bob.hook().awaitEval("document.getElementById('gift').checked", JsonNode::asBoolean, WAIT, "bob's gift wrap");
        alice.hook().userClick("#add");
        awaitUrl(alice, u -> u.contains("/product/green-tea?added=1"), "alice added to her cart");
        awaitUrl(bob, u -> u.contains("/product/green-tea?added=1"), "bob added to his cart");
        clickLink(alice, "#added-banner a", u -> u.contains("/cart/"), "alice's cart");
        awaitUrl(bob, u -> u.contains("/cart/"), "bob's cart");
        aliceCart = url(alice);
        assertThat(url(bob)).as("bob's own cart address").isNotEqualTo(aliceCart);
        bob.hook().awaitEval("document.body.innerText.includes('This cart belongs to bob')", JsonNode::asBoolean, WAIT,
                "bob's page is his cart");
        clickLink(alice, "#checkout", u -> u.endsWith("/private"), "alice on the payment page");
        awaitUrl(bob, u -> u.endsWith("/private"), "bob on the payment page");
        awaitElement(bob, "#name");
        pay(alice, ALICE_NAME, ALICE_CARD, ALICE_PIN); // the name on a card is payment data: private, like the card
        assertThat(bob.hook().eval("['name', 'card', 'pin'].map(f => document.getElementById(f).value).join('|')")
                .asText()).as("private fields never travel").isEqualTo("||");
        assertThat(bob.hook().eval("!!document.getElementById('paid')").asBoolean()).as("bob paid nothing").isFalse();
        // alice's Pay travelled as hers alone (owner_only): bob's page shows his own Pay for him to press
        bob.hook().awaitEval("document.getElementsByTagName('companion-owner-step').length", v -> v.asInt() == 1, WAIT,
                "bob's Pay outlined for him");
        assertThat(bob.hook().eval("!!document.getElementById('paid')").asBoolean()).as("bob still paid nothing").isFalse();

        alice.hook().fire("recordFlow"); // Stop
        alice.hook().setText("flowName", FLOW_NAME);
        alice.hook().fire("saveFlow"); // Keep
        HookClient.await(() -> JSON.valueToTree(alice.hook().text("flowsStatus")), v -> v.asText().contains(FLOW_NAME), WAIT,
                "the flow is kept");
        recorded = dir.resolve("buy-longjing.json");
        int steps = alice.hook().exportFlow(FLOW_NAME, recorded);

        String text = Files.readString(recorded, StandardCharsets.UTF_8);
        System.out.println("---- the exported flow ----\n" + text);
        Flow flow = FlowFormat.read(recorded); // the import's strict checks
        assertThat(flow.steps()).hasSize(steps);
        assertThat(text).isEqualTo(FlowFormat.export(flow)); // the exporter's one layout
        var schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(FlowFormat.class.getResourceAsStream("flow.schema.json"));
        assertThat(schema.validate(JSON.readTree(text))).as("schema errors").isEmpty();
        assertThat(text).doesNotContain(ALICE_NAME).doesNotContain(ALICE_CARD).doesNotContain(ALICE_PIN).doesNotContain("alice-pass");
        assertThat(flow.steps().get(0).action()).isInstanceOf(Action.Navigate.class);
        assertThat(addStep(flow)).as("the add-to-cart step").isPositive();
        // Pay sits with private fields: it travelled marked owner_only, so the flow ends with it as the person's step
        FlowStep last = flow.steps().get(flow.steps().size() - 1);
        assertThat(last.ownerOnly()).as("Pay is the person's step").isTrue();
        assertThat(last.page()).endsWith("/private");
        assertThat(last.action()).isInstanceOfSatisfying(Action.Submit.class, pay -> assertThat(pay.submitter()).isEqualTo("#pay"));
        assertThat(flow.steps().get(flow.steps().size() - 2).expect().url()).endsWith("/private");
        assertThat(flow.steps().subList(0, flow.steps().size() - 1)).noneMatch(s -> s.page().endsWith("/private"))
                .noneMatch(FlowStep::ownerOnly);
        bob.close(); // at most two app processes at once
    }

    @Test
    @Order(2)
    void theBotLeadsCarolAutomaticallyRetriesWaitsForHerAndHandsTheLeadOverAndBack() throws Exception {
        assertThat(recorded).as("the recorded flow").isNotNull();
        Flow flow = FlowFormat.read(recorded);
        int add = addStep(flow);
        // Edited as a flow's author would: the hint of the step that fails for carol (what Save hint in
        // the library does), and for the recorded Pay (owner_only: the bot asks) a hint and what the page
        // shows once paid
        List<FlowStep> steps = new ArrayList<>(flow.withHint(add, HINT).steps());
        FlowStep pay = steps.remove(steps.size() - 1);
        steps.add(new FlowStep(pay.page(), pay.action(), new Expectation(null, "#paid", null),
                "Fill in your name, card and PIN, then press Pay.", pay.afterMs(), true));
        Flow authored = new Flow(flow.name(), flow.lang(), steps);
        int n = authored.steps().size();
        Path edited = dir.resolve("buy-longjing-edited.json");
        FlowFormat.write(authored, edited);
        carol = AppProcess.start("carol", dir.resolve("carol"), scc.port(), scc.fingerprint(), shop.url("/"));
        signIn(carol, "carol"); // the app, not the shop: adding to her cart will need her to sign in there

        List<String> said = new ArrayList<>();
        bot = startBot(edited, false);
        botSays(said, "signed in as guide");
        joinTheBot();

        botSays(said, "step " + add + "/" + n + " did not work; sent once more: " + HINT);
        botSays(said, "step " + add + "/" + n + " did not work twice; waiting for the person to take the lead: " + HINT);
        assertThat(said).filteredOn(l -> l.contains("did not work")).hasSize(2);
        for (int i = 1; i < add; i++) {
            assertThat(said).contains("step " + i + "/" + n + " sent");
        }
        awaitUrl(carol, u -> u.contains("/login"), "carol's shop asks her to sign in");

        takeTheLead();
        botSays(said, "someone else leads; quiet at step " + add + "/" + n);
        shopSignInHere(carol, "carol");
        awaitUrl(carol, u -> u.endsWith("/product/green-tea"), "carol back on the product after signing in");
        // the sign-in reloaded the product page: the gift wrap the bot chose (the step before) is gone,
        // and the bot resumes at the step it stopped at, so the person chooses it again, as the hint says
        awaitElement(carol, "#gift");
        carol.hook().userClick("#gift");
        carol.hook().awaitEval("document.getElementById('gift').checked", JsonNode::asBoolean, WAIT, "carol's gift wrap");
        giveTheLeadBack();
        botSays(said, "step " + add + "/" + n + " sent");
        botSays(said, "step " + n + "/" + n + " is the person's to do; waiting for them to take the lead and do it: "
                + "Fill in your name, card and PIN");

        awaitUrl(carol, u -> u.endsWith("/private"), "the bot led carol to the payment page");
        assertThat(carol.hook().eval("['name', 'card', 'pin'].map(f => document.getElementById(f).value).join('|')")
                .asText()).as("nothing of alice's payment form reached carol's").isEqualTo("||");
        // "I did it" before she paid: her own page agent finds no #paid on her page, so the bot says
        // so in her guide panel and keeps waiting; once she really paid (still following), it goes on
        awaitGuideWords("Please do step " + n + " yourself.");
        carol.hook().fire("guideDidIt");
        botSays(said, "step " + n + "/" + n + ": the person said they did it, but their page does not show what it expects");
        awaitGuideWords("Your page does not show what step " + n + " should lead to yet.");
        assertThat(said).noneMatch(l -> l.startsWith("done"));
        pay();
        carol.hook().fire("guideDidIt");
        botSays(said, "done: every step of \"" + FLOW_NAME + "\" worked");
        assertThat(said).filteredOn(l -> l.contains("did not work")).hasSize(2);
        JsonNode cart = cart(carol);
        assertThat(cart.path("user").asText()).isEqualTo("carol");
        assertThat(cart.path("lines").toString()).contains("\"product\":\"green-tea\"").contains("\"gift\":true");
        bot.close();
        bot = null;
    }

    @Test
    @Order(3)
    void withManualCarolPressesNextForEveryStepAndCompletesThePurchase() throws Exception {
        assertThat(carol).as("carol from the automatic run").isNotNull();
        Flow flow = FlowFormat.read(recorded);
        int n = flow.steps().size();
        // the first bot ended: the control center keeps it "away" for its grace; carol leaves that group
        if (inAGroup(carol.hook().state())) {
            carol.hook().fire("leaveButton");
        }
        carol.hook().awaitState(s -> !inAGroup(s), WAIT, "carol alone");
        long linesBefore = cart(carol).path("lines").size();
        List<String> said = new ArrayList<>();
        bot = startBot(recorded, true);
        botSays(said, "signed in as guide");
        joinTheBot();

        List<String> pages = new ArrayList<>();
        int next = 0;
        String lastStep = null;
        long end = System.nanoTime() + BOT_WAIT.toNanos() * 2;
        String done = "done: every step of \"" + FLOW_NAME + "\" worked";
        while (said.stream().noneMatch(l -> l.startsWith(done))) {
            if (System.nanoTime() > end) {
                throw new AssertionError("the bot did not finish; it said " + said);
            }
            JsonNode s = carol.hook().state();
            String pending = s.path("pendingStep").asText(null);
            if (pending != null && !pending.equals(lastStep)) {
                assertThat(s.path("following").asText()).isEqualTo("manual");
                try {
                    carol.hook().fire("acceptStep"); // Next
                    pages.add(s.path("url").asText());
                    lastStep = pending;
                    next++;
                } catch (IllegalStateException notYet) {
                    // the preview is still being shown: press Next on the next round
                }
            }
            String line = bot.readLine(100);
            if (line != null && !ChildJvm.EOF.equals(line)) {
                said.add(line);
                System.out.println("bot: " + line);
                if (line.startsWith("step " + n + "/" + n + " is the person's to do")) {
                    // the recorded Pay: the bot never sends it; carol pays herself, then gives the lead back
                    awaitUrl(carol, u -> u.endsWith("/private"), "the payment page");
                    takeTheLead();
                    pay();
                    giveTheLeadBack();
                }
            }
            assertThat(line).as("the bot is running").isNotEqualTo(ChildJvm.EOF);
        }
        assertThat(next).as("Next pressed once for every step but Pay, which is hers").isEqualTo(n - 1);
        assertThat(said).noneMatch(l -> l.contains("did not work"));
        String ownCart = carol.hook().eval("document.getElementById('cart-link').href").asText();
        assertThat(ownCart).contains("/cart/");
        String carolCartPath = ownCart.substring(ownCart.indexOf("/cart/"));
        assertThat(pages).as("carol went through her own cart address")
                .anyMatch(u -> u.contains(carolCartPath.split("\\?")[0]))
                .noneMatch(u -> u.equals(aliceCart));
        assertThat(said).anyMatch(l -> l.startsWith("step " + n + "/" + n + " is the person's to do"));
        JsonNode cart = cart(carol);
        assertThat(cart.path("lines").size()).as("one more line in carol's cart").isEqualTo(linesBefore + 1);
        assertThat(cart.path("lines").get((int) linesBefore).toString()).contains("\"product\":\"green-tea\"")
                .contains("\"gift\":true");
    }

    // ---- helpers ---------------------------------------------------------------------------------

    /** The 1-based number of the step that adds to the cart (a click on #add or a submit of its form), or 0. */
    private static int addStep(Flow flow) {
        for (int i = 0; i < flow.steps().size(); i++) {
            Action a = flow.steps().get(i).action();
            if (a instanceof Action.Click c && "#add".equals(c.selector())
                    || a instanceof Action.Submit s && "#add-to-cart".equals(s.selector())) {
                return i + 1;
            }
        }
        return 0;
    }

    /** {@code ./companion bot} as a child JVM: signs in as guide, invites carol, leads flow. */
    private ChildJvm startBot(Path flow, boolean manual) throws Exception {
        List<String> args = new ArrayList<>(List.of("--flow", flow.toString(), "--user", "guide",
                "--password-file", dir.resolve("guide.password").toString(),
                "--control-center", "127.0.0.1:" + scc.port(),
                "--scc-fingerprint-file", dir.resolve("scc.fingerprint").toString(),
                "--profile", dir.resolve("guide").toString(), "--bind", "127.0.0.1", "--invite", "carol"));
        if (manual) {
            args.add("--manual");
        }
        return ChildJvm.java(manual ? "bot-manual" : "bot-auto", null, List.of(), BotMain.class, args, dir);
    }

    /** Reads the bot's lines into said until one starts with prefix (fails after BOT_WAIT or when it ends). */
    private void botSays(List<String> said, String prefix) throws Exception {
        if (said.stream().anyMatch(l -> l.startsWith(prefix))) {
            return;
        }
        long end = System.nanoTime() + BOT_WAIT.toNanos();
        while (System.nanoTime() < end) {
            String line = bot.readLine(Math.max(1, (end - System.nanoTime()) / 1_000_000));
            if (line == null || ChildJvm.EOF.equals(line)) {
                break;
            }
            said.add(line);
            System.out.println("bot: " + line);
            if (line.startsWith(prefix)) {
                return;
            }
        }
        throw new AssertionError("the bot did not say '" + prefix + "'; it said " + said + "; log " + bot.log()
                + ":\n" + Files.readString(bot.log()));
    }

    private void joinTheBot() {
        carol.hook().awaitState(s -> s.path("invitations").toString().contains("guide"), WAIT, "the bot invites carol");
        carol.hook().fire("acceptInvitation-guide");
        carol.hook().awaitState(s -> "guide".equals(s.path("leader").asText()) && s.path("linked").toString().contains("guide"),
                WAIT, "carol follows the bot");
    }

    /** Waits until carol's guide panel says words (what the bot said, in her app's words). */
    private void awaitGuideWords(String words) {
        HookClient.await(() -> JSON.valueToTree(carol.hook().text("guideWords")), v -> v.asText().startsWith(words), WAIT,
                "carol's guide panel says " + words);
    }

    private void takeTheLead() {
        carol.hook().fire("askLead");
        carol.hook().awaitState(s -> "carol".equals(s.path("leader").asText()), WAIT, "carol leads");
    }

    private void giveTheLeadBack() {
        carol.hook().fire("offerLead-guide");
        carol.hook().awaitState(s -> "guide".equals(s.path("leader").asText()), WAIT, "the bot leads again");
    }

    /** carol pays with her own name, card and PIN. */
    private void pay() {
        pay(carol, CAROL_NAME, CAROL_CARD, CAROL_PIN);
    }

    /** A person fills in the payment form with their name, card and PIN and presses Pay; it is accepted. */
    private static void pay(AppProcess p, String name, String card, String pin) {
        awaitElement(p, "#name");
        p.hook().userClick("#name");
        p.hook().userType(name);
        p.hook().userClick("#card");
        p.hook().userType(card);
        p.hook().userClick("#pin");
        p.hook().userType(pin);
        p.hook().userClick("#pay");
        String last4 = card.substring(card.length() - 4);
        p.hook().awaitEval("(document.getElementById('paid') || {}).innerText || ''",
                v -> v.asText().contains(name + ", card ending " + last4), WAIT, name + "'s payment accepted");
    }

    private static boolean inAGroup(JsonNode state) {
        return !state.path("group").isMissingNode() && !state.path("group").isNull();
    }

    private static void signIn(AppProcess p, String user) {
        p.hook().setText("loginPassword", user + "-pass");
        p.hook().fire("loginButton");
        p.hook().awaitState(s -> s.path("signedIn").asBoolean(), WAIT, user + " signed in");
    }

    /** Signs in to the shop in p's own browser, as a person types it (the password never travels). */
    private void shopSignIn(AppProcess p, String user) {
        p.hook().load(shop.url("/login?next=/account"));
        shopSignInHere(p, user);
        awaitUrl(p, u -> u.contains("/account/"), user + "'s shop account");
    }

    private static void shopSignInHere(AppProcess p, String user) {
        awaitElement(p, "#password");
        p.hook().userClick("#username");
        p.hook().userType(user);
        p.hook().userClick("#password");
        p.hook().userType(user + "-pass\n");
    }

    /** The signed-in user's cart, as the shop's page script would read it. */
    private static JsonNode cart(AppProcess p) {
        return p.hook().eval("(() => { const x = new XMLHttpRequest(); x.open('GET', '/api/cart', false); x.send();"
                + " return JSON.parse(x.responseText); })()");
    }

    /**
     * A person's click on a link, once more when the page did not move on within 5 s (right after a
     * page load Chromium may drop the first input: nothing was captured, and a person clicks again).
     */
    private static void clickLink(AppProcess p, String selector, Predicate<String> reached, String what) {
        awaitElement(p, selector);
        p.hook().userClick(selector);
        try {
            p.hook().awaitState(s -> reached.test(s.path("url").asText()), Duration.ofSeconds(5), what);
        } catch (AssertionError first) {
            p.hook().userClick(selector);
            awaitUrl(p, reached, what);
        }
    }

    private static void awaitElement(AppProcess p, String selector) {
        p.hook().awaitEval("!!document.querySelector(" + PageDriver.q(selector) + ")", JsonNode::asBoolean, WAIT,
                "element " + selector);
    }

    private static String url(AppProcess p) {
        return p.hook().state().path("url").asText();
    }

    private static void awaitUrl(AppProcess p, Predicate<String> ok, String what) {
        p.hook().awaitState(s -> ok.test(s.path("url").asText()), WAIT, what);
    }
}
