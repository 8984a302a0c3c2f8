package dev.companion.demo.shop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CartTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ShopServer shop;
    private ShopClient alice;
    private ShopClient bob;

    @BeforeEach
    void start() throws Exception {
        shop = ShopServer.start("127.0.0.1", 0);
        alice = new ShopClient(shop).login("alice");
        bob = new ShopClient(shop).login("bob");
    }

    @AfterEach
    void stop() {
        shop.close();
    }

    @Test
    void addingPutsTheLineInThatUsersCartOnly() throws Exception {
        HttpResponse<String> r = alice.post("/cart/add",
                "product", "green-tea", "size", "250g", "qty", "2", "gift", "yes", "note", "For Mum");
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValue("/product/green-tea?added=1");

        String confirmed = alice.follow(r).body();
        assertThat(confirmed).contains("<div id=\"added-banner\"")
                .contains("<span id=\"cart-count\" class=\"count\">2</span>");

        JsonNode cart = cart(alice);
        assertThat(cart.get("user").asText()).isEqualTo("alice");
        assertThat(cart.get("count").asInt()).isEqualTo(2);
        assertThat(cart.get("lines")).hasSize(1);
        JsonNode line = cart.get("lines").get(0);
        assertThat(line.get("product").asText()).isEqualTo("green-tea");
        assertThat(line.get("size").asText()).isEqualTo("250g");
        assertThat(line.get("gift").asBoolean()).isTrue();
        assertThat(line.get("qty").asInt()).isEqualTo(2);
        assertThat(line.get("note").asText()).isEqualTo("For Mum");
        assertThat(line.get("unitCents").asLong()).isEqualTo(4800 + 200);
        assertThat(cart.get("totalCents").asLong()).isEqualTo(2 * 5000);

        assertThat(cart(bob).get("lines")).isEmpty();
        assertThat(bob.get("/").body()).contains("<span id=\"cart-count\" class=\"count\">0</span>");
    }

    @Test
    void theCartBelongsToTheUserNotTheSession() throws Exception {
        alice.post("/cart/add", "product", "oolong-tea", "size", "100g", "qty", "1");
        ShopClient aliceOnAnotherDevice = new ShopClient(shop).login("alice");
        assertThat(cart(aliceOnAnotherDevice).get("lines")).hasSize(1);

        bob.post("/cart/add", "product", "teapot", "size", "500ml", "qty", "3");
        assertThat(cart(alice).get("lines").get(0).get("product").asText()).isEqualTo("oolong-tea");
        assertThat(cart(bob).get("lines").get(0).get("product").asText()).isEqualTo("teapot");
        assertThat(cart(bob).get("totalCents").asLong()).isEqualTo(3 * 7200);
    }

    /** Like real shops, "my cart" and "my account" have per-user addresses: a token per account and ?sid= per session. */
    @Test
    void cartAndAccountAddressesArePerUserAndPerSession() throws Exception {
        alice.post("/cart/add", "product", "green-tea", "size", "250g", "qty", "1");
        for (String page : new String[] {"cart", "account"}) {
            HttpResponse<String> r = alice.get("/" + page);
            assertThat(r.statusCode()).isEqualTo(303);
            String own = r.headers().firstValue("Location").orElseThrow();
            assertThat(own).matches("/" + page + "/[0-9a-f]{24}\\?sid=[0-9a-f]{16}");
            assertThat(alice.get(own).statusCode()).as(own).isEqualTo(200);
            String bobs = bob.get("/" + page).headers().firstValue("Location").orElseThrow();
            assertThat(bobs).isNotEqualTo(own);
            // bob at alice's address: not his, and nothing of alice's is shown
            HttpResponse<String> wrong = bob.get(own);
            assertThat(wrong.statusCode()).isEqualTo(404);
            assertThat(wrong.body()).doesNotContain("data-product=\"green-tea\"").doesNotContain("Signed in as alice.");
            // alice's address in another session of alice's: the sid is that session's
            ShopClient aliceElsewhere = new ShopClient(shop).login("alice");
            assertThat(aliceElsewhere.get(own).statusCode()).isEqualTo(403);
            assertThat(aliceElsewhere.get(own.substring(0, own.indexOf('?'))).statusCode()).isEqualTo(403);
            assertThat(new ShopClient(shop).get(own).statusCode()).as("not signed in").isEqualTo(303);
        }
        String home = alice.get("/").body();
        String cart = alice.get("/cart").headers().firstValue("Location").orElseThrow();
        assertThat(home).contains("id=\"cart-link\" class=\"cart-link\" href=\"" + cart + "\"");
    }

    @Test
    void cartPageListsLinesWithDataAttributesAndTheTotal() throws Exception {
        alice.post("/cart/add", "product", "green-tea", "size", "250g", "qty", "2", "gift", "yes");
        alice.post("/cart/add", "product", "black-tea", "size", "50g", "qty", "1",
                "note", "<b>no bold</b> & \"quotes\"");

        String page = alice.follow(alice.get("/cart")).body();
        assertThat(page)
                .contains("<tr class=\"cart-line\" data-line=\"1\" data-product=\"green-tea\" data-size=\"250g\" "
                        + "data-qty=\"2\" data-gift=\"true\">")
                .contains("<tr class=\"cart-line\" data-line=\"2\" data-product=\"black-tea\" data-size=\"50g\" "
                        + "data-qty=\"1\" data-gift=\"false\">")
                .contains("&lt;b&gt;no bold&lt;/b&gt; &amp; &quot;quotes&quot;")
                .doesNotContain("<b>no bold</b>")
                .contains("<span id=\"cart-total\" data-cents=\"10900\">$109.00</span>")
                .contains("<span id=\"cart-count\" class=\"count\">3</span>")
                .contains("<button id=\"remove-1\" class=\"remove\" type=\"submit\">");
    }

    @Test
    void removeAndClear() throws Exception {
        alice.post("/cart/add", "product", "green-tea", "size", "50g", "qty", "1");
        alice.post("/cart/add", "product", "tea-cups", "size", "set-4", "qty", "1");
        long first = cart(alice).get("lines").get(0).get("id").asLong();

        HttpResponse<String> r = alice.post("/cart/remove", "line", Long.toString(first));
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValue("/cart");
        assertThat(cart(alice).get("lines")).hasSize(1);
        assertThat(alice.post("/cart/remove", "line", Long.toString(first)).statusCode()).isEqualTo(303);
        assertThat(alice.post("/cart/remove", "line", "x").statusCode()).isEqualTo(400);

        alice.post("/cart/clear");
        assertThat(cart(alice).get("lines")).isEmpty();
        assertThat(alice.follow(alice.get("/cart")).body()).contains("id=\"cart-empty\"")
                .contains("<span id=\"cart-total\" data-cents=\"0\">$0.00</span>");
    }

    @Test
    void badInputIsA400PageThatSaysWhatIsWrongAndAddsNothing() throws Exception {
        assertBad(alice.post("/cart/add", "product", "coffee", "size", "50g", "qty", "1"),
                "There is no product “coffee”.");
        assertBad(alice.post("/cart/add", "size", "50g", "qty", "1"), "No product was chosen.");
        assertBad(alice.post("/cart/add", "product", "green-tea", "size", "1kg", "qty", "1"),
                "“1kg” is not a size of Longjing Green Tea. Choose one of: 50 g, 100 g, 250 g.");
        assertBad(alice.post("/cart/add", "product", "green-tea", "qty", "1"),
                "Please choose a size (50 g, 100 g, 250 g).");
        for (String qty : new String[] {"0", "100", "-1", "1.5", "abc", "", "99999999999"}) {
            assertBad(alice.post("/cart/add", "product", "green-tea", "size", "50g", "qty", qty),
                    "Quantity must be a whole number from 1 to 99.");
        }
        assertBad(alice.post("/cart/add", "product", "green-tea", "size", "50g"),
                "Quantity must be a whole number from 1 to 99.");
        assertBad(alice.post("/cart/add", "product", "green-tea", "size", "50g", "qty", "1", "note", "x".repeat(501)),
                "The note is too long");
        assertBad(alice.post("/cart/add", "product", "<script>", "size", "<i>", "qty", "0"),
                "There is no product “&lt;script&gt;”.");

        assertThat(cart(alice).get("lines")).isEmpty();
        assertThat(alice.post("/cart/add", "product", "green-tea", "size", "50g", "qty", "99").statusCode())
                .isEqualTo(303);
    }

    @Test
    void addingRequiresSigningIn() throws Exception {
        ShopClient stranger = new ShopClient(shop);
        HttpResponse<String> r = stranger.post("/cart/add", "product", "green-tea", "size", "50g", "qty", "1");
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValue("/login?next=%2Fproduct%2Fgreen-tea");

        HttpResponse<String> cartPage = stranger.get("/cart");
        assertThat(cartPage.statusCode()).isEqualTo(303);
        assertThat(cartPage.headers().firstValue("Location")).hasValue("/login?next=%2Fcart");

        HttpResponse<String> api = stranger.get("/api/cart");
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");

        // A made-up session id is no better than none.
        assertThat(stranger.getBytes("/api/cart", "Cookie", "shop_session=made-up").statusCode()).isEqualTo(401);
        assertThat(stranger.get("/product/green-tea").body()).contains("You will be asked to sign in first.");
        assertThat(cart(alice).get("lines")).isEmpty();
        assertThat(cart(bob).get("lines")).isEmpty();
    }

    @Test
    void signingOutKeepsTheCartForNextTime() throws Exception {
        alice.post("/cart/add", "product", "white-tea", "size", "100g", "qty", "4");
        alice.post("/logout");
        assertThat(alice.get("/api/cart").statusCode()).isEqualTo(401);
        alice.login("alice");
        assertThat(cart(alice).get("count").asInt()).isEqualTo(4);
    }

    private static JsonNode cart(ShopClient c) throws Exception {
        HttpResponse<String> r = c.get("/api/cart");
        assertThat(r.statusCode()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static void assertBad(HttpResponse<String> r, String message) {
        assertThat(r.statusCode()).as(message).isEqualTo(400);
        assertThat(r.body()).contains("<div id=\"error\" class=\"banner error\" role=\"alert\" data-status=\"400\">")
                .contains(message);
    }
}
