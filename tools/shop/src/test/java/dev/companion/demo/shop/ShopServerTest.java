package dev.companion.demo.shop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ShopServerTest {
    private ShopServer shop;

    @BeforeEach
    void start() throws Exception {
        shop = ShopServer.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        shop.close();
    }

    @Test
    void baseUrlNamesTheBoundPort() {
        assertThat(shop.port()).isPositive();
        assertThat(shop.baseUrl()).isEqualTo("http://127.0.0.1:" + shop.port());
        assertThat(shop.url("/cart")).isEqualTo("http://127.0.0.1:" + shop.port() + "/cart");
    }

    @Test
    void homeHasTheSearchFormAndASignInLink() throws Exception {
        HttpResponse<String> r = new ShopClient(shop).get("/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(r.body())
                .contains("<form id=\"search\" class=\"search-form\" action=\"/search\" method=\"get\"")
                .contains("<input name=\"q\" id=\"q\"")
                .contains("id=\"sign-in-link\" href=\"/login?next=%2F\"")
                .contains("<span id=\"cart-count\" class=\"count\">0</span>")
                .contains("class=\"featured-link\" href=\"/product/green-tea\"")
                .doesNotContain("id=\"whoami\"");
    }

    @Test
    void loginWithTheRightPasswordSetsASessionCookieAndShowsTheUser() throws Exception {
        ShopClient alice = new ShopClient(shop);
        HttpResponse<String> r = alice.post("/login", "username", "alice", "password", "alice-pass");

        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValue("/");
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).matches("shop_session=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Lax");

        String home = alice.follow(r).body();
        assertThat(home).contains("<span id=\"whoami\" class=\"whoami\">Signed in as alice</span>")
                .doesNotContain("id=\"sign-in-link\"");
    }

    @Test
    void eachLoginGetsAFreshRandomSession() throws Exception {
        String first = new ShopClient(shop).post("/login", "username", "bob", "password", "bob-pass")
                .headers().firstValue("Set-Cookie").orElseThrow();
        String second = new ShopClient(shop).post("/login", "username", "bob", "password", "bob-pass")
                .headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void loginWithAWrongPasswordIsRefused() throws Exception {
        ShopClient mallory = new ShopClient(shop);
        HttpResponse<String> r = mallory.post("/login", "username", "alice", "password", "bob-pass");

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(r.body()).contains("id=\"login-error\"").contains("Wrong user name or password")
                .contains("value=\"alice\""); // the user name is kept, the password is not
        assertThat(mallory.get("/").body()).doesNotContain("Signed in as");

        assertThat(mallory.post("/login", "username", "nobody", "password", "x").statusCode()).isEqualTo(401);
        assertThat(mallory.post("/login", "username", "alice").statusCode()).isEqualTo(401);
    }

    @Test
    void loginReturnsToTheSamePageItWasAskedFromButNeverOffSite() throws Exception {
        HttpResponse<String> back = new ShopClient(shop).post("/login",
                "username", "carol", "password", "carol-pass", "next", "/product/green-tea?tab=reviews");
        assertThat(back.headers().firstValue("Location")).hasValue("/product/green-tea?tab=reviews");

        for (String evil : List.of("//evil.example/", "https://evil.example/", "/\\evil.example", "/a\r\nX: y")) {
            HttpResponse<String> r = new ShopClient(shop).post("/login",
                    "username", "carol", "password", "carol-pass", "next", evil);
            assertThat(r.headers().firstValue("Location")).as(evil).hasValue("/");
        }
    }

    @Test
    void loginPageHasAPasswordField() throws Exception {
        String page = new ShopClient(shop).get("/login?next=/cart").body();
        assertThat(page).contains("<form id=\"login\"")
                .contains("<input name=\"username\" id=\"username\"")
                .contains("<input type=\"password\" name=\"password\" id=\"password\"")
                .contains("<input type=\"hidden\" name=\"next\" value=\"/cart\">");
    }

    @Test
    void logoutEndsTheSession() throws Exception {
        ShopClient bob = new ShopClient(shop).login("bob");
        assertThat(bob.get("/").body()).contains("Signed in as bob");

        HttpResponse<String> r = bob.post("/logout");
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
        assertThat(bob.get("/").body()).doesNotContain("Signed in as");
    }

    @Test
    void searchForTeaListsTheTeasAndTeaware() throws Exception {
        HttpResponse<String> r = new ShopClient(shop).get("/search?q=tea");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(resultCount(r.body())).isEqualTo(7);
        assertThat(productLinks(r.body())).containsExactly(
                "/product/green-tea", "/product/oolong-tea", "/product/black-tea", "/product/jasmine-tea",
                "/product/white-tea", "/product/teapot", "/product/tea-cups");
        assertThat(r.body()).contains("<input name=\"q\" id=\"q\" type=\"search\" value=\"tea\"");
    }

    @Test
    void searchMatchesEveryWordCaseInsensitivelyAndInChinese() throws Exception {
        ShopClient c = new ShopClient(shop);
        assertThat(productLinks(c.get("/search?q=GREEN+tea").body())).containsExactly("/product/green-tea");
        assertThat(productLinks(c.get("/search?q=%E7%BB%BF%E8%8C%B6").body())) // 绿茶
                .containsExactly("/product/green-tea");
        assertThat(resultCount(c.get("/search?q=whisk").body())).isEqualTo(1);
        assertThat(resultCount(c.get("/search").body())).isEqualTo(8);

        String none = c.get("/search?q=coffee").body();
        assertThat(resultCount(none)).isZero();
        assertThat(none).contains("id=\"no-results\"");
    }

    @Test
    void searchTextIsEscaped() throws Exception {
        HttpResponse<String> r = new ShopClient(shop).get(
                "/search?q=%3Cscript%3Ealert(%22x%22)%3C%2Fscript%3E%27");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body())
                .contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;")
                .doesNotContain("<script>alert")
                .doesNotContain("\"x\")");
    }

    @Test
    void aMalformedQueryIsABadRequest() throws Exception {
        // java.net.URI refuses to build this URL, so speak HTTP by hand.
        try (Socket socket = new Socket("127.0.0.1", shop.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(
                    "GET /search?q=%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
            String reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(reply).startsWith("HTTP/1.1 400 ");
        }
    }

    @Test
    void productPageHasTheAddToCartFormAndTabs() throws Exception {
        String page = new ShopClient(shop).get("/product/green-tea").body();
        assertThat(page)
                .contains("<h1 id=\"product-name\">Longjing Green Tea</h1>")
                .contains("<form id=\"add-to-cart\" class=\"buy\" method=\"post\" action=\"/cart/add\"")
                .contains("<input type=\"hidden\" name=\"product\" value=\"green-tea\">")
                .contains("<select name=\"size\" id=\"size\">")
                .contains("<option value=\"50g\" data-cents=\"1200\" selected>50 g — $12.00</option>")
                .contains("<option value=\"100g\" data-cents=\"2200\">")
                .contains("<option value=\"250g\" data-cents=\"4800\">")
                .contains("<input type=\"checkbox\" name=\"gift\" id=\"gift\" value=\"yes\">")
                .contains("<input type=\"number\" name=\"qty\" id=\"qty\" value=\"1\" min=\"1\" max=\"99\"")
                .contains("<textarea name=\"note\" id=\"note\"")
                .contains("<button id=\"add\" type=\"submit\">Add to cart</button>")
                .contains("<script src=\"/static/shop.js\" defer></script>")
                .contains("id=\"panel-description\" class=\"panel\" role=\"tabpanel\" aria-labelledby=\"tab-description\">")
                .contains("id=\"panel-reviews\" class=\"panel\" role=\"tabpanel\" aria-labelledby=\"tab-reviews\" hidden>")
                .contains("href=\"/product/green-tea?tab=reviews\">Reviews")
                .doesNotContain("id=\"added-banner\"");
    }

    @Test
    void theServerRendersTheReviewsTabForItsUrl() throws Exception {
        String page = new ShopClient(shop).get("/product/teapot?tab=reviews").body();
        assertThat(page)
                .contains("id=\"panel-description\" class=\"panel\" role=\"tabpanel\" aria-labelledby=\"tab-description\" hidden>")
                .contains("id=\"panel-reviews\" class=\"panel\" role=\"tabpanel\" aria-labelledby=\"tab-reviews\">")
                .contains("<a id=\"tab-reviews\" class=\"tab active\"");
        assertThat(page.split("class=\"review\"", -1)).hasSize(7);
    }

    @Test
    void unknownPagesAndProductsAre404AndWrongMethodsAre405() throws Exception {
        ShopClient c = new ShopClient(shop);
        HttpResponse<String> missing = c.get("/product/coffee");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("There is no product “coffee”.");
        assertThat(c.get("/nowhere").statusCode()).isEqualTo(404);

        HttpResponse<String> wrong = c.get("/cart/add");
        assertThat(wrong.statusCode()).isEqualTo(405);
        assertThat(wrong.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void framePageEmbedsASameOriginForm() throws Exception {
        ShopClient c = new ShopClient(shop);
        assertThat(c.get("/frame").body()).contains("<iframe id=\"inner-frame\" name=\"inner\" src=\"/frame/inner\"");
        assertThat(c.get("/frame/inner").body()).contains("<form id=\"newsletter\"")
                .contains("<input type=\"email\" name=\"email\" id=\"email\"")
                .contains("<button id=\"subscribe\" type=\"submit\">");
        HttpResponse<String> done = c.post("/frame/inner", "email", "mei@example.com<b>", "topic", "oolong");
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("id=\"subscribed\"").contains("mei@example.com&lt;b&gt;");
    }

    @Test
    void paymentPageMarksItsPrivateFieldsAndNeverEchoesThem() throws Exception {
        ShopClient c = new ShopClient(shop);
        assertThat(c.get("/private").body())
                .contains("<input type=\"password\" name=\"pin\" id=\"pin\"")
                .contains("<input name=\"card\" id=\"card\" data-companion-private")
                .contains("<input name=\"name\" id=\"name\" value=\"\"");

        HttpResponse<String> paid = c.post("/private", "name", "Mei", "card", "5555 6666 7777 1234", "pin", "9876");
        assertThat(paid.statusCode()).isEqualTo(200);
        assertThat(paid.body()).contains("id=\"paid\"").contains("card ending 1234")
                .doesNotContain("5555").doesNotContain("9876");

        assertThat(c.post("/private", "name", "Mei", "card", "12", "pin", "1").statusCode()).isEqualTo(400);
    }

    @Test
    void closeIsSafeTwice() {
        shop.close();
        shop.close();
    }

    static int resultCount(String page) {
        Matcher m = Pattern.compile("<strong id=\"result-count\" data-count=\"(\\d+)\">(\\d+)</strong>").matcher(page);
        assertThat(m.find()).as("result-count element").isTrue();
        assertThat(m.group(1)).isEqualTo(m.group(2));
        return Integer.parseInt(m.group(1));
    }

    static List<String> productLinks(String page) {
        Matcher m = Pattern.compile("<a class=\"product-link\" href=\"([^\"]+)\">").matcher(page);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
