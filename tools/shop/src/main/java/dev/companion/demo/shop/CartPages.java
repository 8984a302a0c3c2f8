package dev.companion.demo.shop;

import static dev.companion.demo.shop.Html.esc;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Adding to, showing and changing the signed-in user's cart; {@code /api/cart} for tests. */
final class CartPages {
    static final int MAX_QTY = 99;
    static final int MAX_NOTE_CHARS = 500;
    private static final Pattern DIGITS = Pattern.compile("\\d{1,4}");

    private final Catalog catalog;
    private final Carts carts;
    private final Layout layout;

    CartPages(Catalog catalog, Carts carts, Layout layout) {
        this.catalog = catalog;
        this.carts = carts;
        this.layout = layout;
    }

    /**
     * {@code POST /cart/add} with product, size, qty, gift, note. Not signed in: 303 to the sign-in page.
     * Bad input: 400 page listing every problem. Otherwise adds a line and 303s to the product page.
     */
    void add(ShopExchange ex) throws IOException {
        String productId = ex.form("product");
        Optional<Product> product = productId == null ? Optional.empty() : catalog.find(productId);
        Optional<String> user = ex.user();
        if (user.isEmpty()) {
            String next = product.map(p -> ProductPage.PREFIX + p.id()).orElse("/");
            ex.redirect("/login?next=" + Html.urlParam(next));
            return;
        }
        List<String> errors = new ArrayList<>();
        Product.Option option = null;
        if (product.isEmpty()) {
            errors.add(productId == null || productId.isBlank()
                    ? "No product was chosen."
                    : "There is no product “" + productId + "”.");
        }
        String size = ex.form("size");
        if (product.isPresent()) {
            Product p = product.get();
            option = size == null ? null : p.option(size).orElse(null);
            if (option == null) {
                String choices = String.join(", ", p.options().stream().map(Product.Option::label).toList());
                errors.add(size == null || size.isBlank()
                        ? "Please choose a size (" + choices + ")."
                        : "“" + size + "” is not a size of " + p.name() + ". Choose one of: " + choices + ".");
            }
        }
        int qty = parseQty(ex.form("qty"));
        if (qty < 1) {
            errors.add("Quantity must be a whole number from 1 to " + MAX_QTY + ".");
        }
        String note = Optional.ofNullable(ex.form("note")).orElse("").strip();
        if (note.length() > MAX_NOTE_CHARS) {
            errors.add("The note is too long: at most " + MAX_NOTE_CHARS + " characters.");
        }
        String back = product.map(p -> ProductPage.PREFIX + p.id()).orElse("/search");
        if (!errors.isEmpty()) {
            throw new HttpError(400, errors, back);
        }
        String gift = ex.form("gift");
        carts.add(user.get(), product.get(), option, gift != null && !gift.isEmpty(), qty, note);
        ex.redirect(back + "?added=1");
    }

    /** {@code GET /cart}: to the signed-in user's own cart address ({@code /cart/<token>?sid=}). */
    void redirectToOwn(ShopExchange ex) throws IOException {
        String own = ex.ownPath("cart");
        ex.redirect(own == null ? "/login?next=" + Html.urlParam("/cart") : own);
    }

    /**
     * {@code GET /cart/<token>?sid=}: the cart, only at its user's own address (another account's
     * token: 404; another session's sid: 403).
     */
    void view(ShopExchange ex) throws IOException {
        Optional<String> user = ex.user();
        if (user.isEmpty()) {
            ex.redirect("/login?next=" + Html.urlParam("/cart"));
            return;
        }
        ex.requireOwn("cart");
        List<CartLine> lines = carts.lines(user.get());
        long total = Carts.totalCents(lines);
        StringBuilder rows = new StringBuilder();
        for (CartLine l : lines) {
            Product p = l.product();
            rows.append("""
                          <tr class="cart-line" data-line="%d" data-product="%s" data-size="%s" data-qty="%d" \
                    data-gift="%s">
                            <td class="product-cell"><a href="/product/%s">%s</a> <span class="zh" lang="zh">%s</span></td>
                            <td>%s</td>
                            <td>%s</td>
                            <td class="num">%d</td>
                            <td class="note">%s</td>
                            <td class="num line-price" data-cents="%d">%s</td>
                            <td><form class="inline" method="post" action="/cart/remove">\
                    <input type="hidden" name="line" value="%d">\
                    <button id="remove-%d" class="remove" type="submit">Remove <span lang="zh">删除</span></button>\
                    </form></td>
                          </tr>
                    """.formatted(l.id(), esc(p.id()), esc(l.option().id()), l.qty(), l.gift(),
                    esc(p.id()), esc(p.name()), esc(p.nameZh()), esc(l.option().label()),
                    l.gift() ? "Yes <span lang=\"zh\">是</span>" : "No", l.qty(), esc(l.note()),
                    l.lineCents(), Html.money(l.lineCents()), l.id(), l.id()));
        }
        String body = lines.isEmpty()
                ? """
                  <p id="cart-empty" class="empty">Your cart is empty. <span lang="zh">购物车是空的。</span> \
                  <a href="/search">Browse the shop</a></p>
                  <p class="total-line">Total <span lang="zh">合计</span>: \
                  <span id="cart-total" data-cents="0">$0.00</span></p>"""
                : """
                  <table id="cart" class="cart">
                    <thead><tr><th>Product <span lang="zh">商品</span></th><th>Size <span lang="zh">规格</span></th>\
                  <th>Gift wrap <span lang="zh">礼品包装</span></th><th class="num">Qty <span lang="zh">数量</span></th>\
                  <th>Note <span lang="zh">备注</span></th><th class="num">Price <span lang="zh">价格</span></th>\
                  <th></th></tr></thead>
                    <tbody>
                  %s    </tbody>
                    <tfoot><tr><th colspan="5">Total <span lang="zh">合计</span></th>\
                  <td class="num"><span id="cart-total" data-cents="%d">%s</span></td><td></td></tr></tfoot>
                  </table>
                  <div class="cart-actions">
                    <form class="inline" method="post" action="/cart/clear">\
                  <button id="clear-cart" class="secondary" type="submit">Empty cart <span lang="zh">清空</span></button></form>
                    <a id="checkout" class="button" href="/private">Checkout <span lang="zh">结账</span></a>
                  </div>""".formatted(rows, total, Html.money(total));
        String main = """
                <section class="cart-page">
                  <h1>Your cart <span lang="zh">购物车</span></h1>
                  <p class="muted">This cart belongs to %s. Gift wrap adds %s per item.</p>
                  %s
                </section>
                """.formatted(esc(user.get()), Html.money(CartLine.GIFT_WRAP_CENTS), body);
        ex.html(200, layout.page(ex, "Cart", main));
    }

    /** {@code POST /cart/remove} with {@code line}: removing a line that is already gone is not an error. */
    void remove(ShopExchange ex) throws IOException {
        Optional<String> user = ex.user();
        if (user.isEmpty()) {
            ex.redirect("/login?next=" + Html.urlParam("/cart"));
            return;
        }
        String line = ex.form("line");
        if (line == null || !line.matches("\\d{1,18}")) {
            throw new HttpError(400, List.of("Which cart line should be removed?"), "/cart");
        }
        carts.remove(user.get(), Long.parseLong(line));
        ex.redirect("/cart");
    }

    /** {@code POST /cart/clear}. */
    void clear(ShopExchange ex) throws IOException {
        Optional<String> user = ex.user();
        if (user.isEmpty()) {
            ex.redirect("/login?next=" + Html.urlParam("/cart"));
            return;
        }
        carts.clear(user.get());
        ex.redirect("/cart");
    }

    /** {@code GET /api/cart}: the signed-in user's cart as JSON; 401 when not signed in. */
    void api(ShopExchange ex) throws IOException {
        Optional<String> user = ex.user();
        if (user.isEmpty()) {
            ex.json(401, "{\"error\":\"not signed in\"}");
            return;
        }
        List<CartLine> lines = carts.lines(user.get());
        StringBuilder json = new StringBuilder("{\"user\":").append(Json.quote(user.get()))
                .append(",\"count\":").append(lines.stream().mapToInt(CartLine::qty).sum())
                .append(",\"totalCents\":").append(Carts.totalCents(lines))
                .append(",\"lines\":[");
        for (int i = 0; i < lines.size(); i++) {
            CartLine l = lines.get(i);
            json.append(i == 0 ? "" : ",")
                    .append("{\"id\":").append(l.id())
                    .append(",\"product\":").append(Json.quote(l.product().id()))
                    .append(",\"name\":").append(Json.quote(l.product().name()))
                    .append(",\"size\":").append(Json.quote(l.option().id()))
                    .append(",\"gift\":").append(l.gift())
                    .append(",\"qty\":").append(l.qty())
                    .append(",\"note\":").append(Json.quote(l.note()))
                    .append(",\"unitCents\":").append(l.unitCents())
                    .append(",\"lineCents\":").append(l.lineCents())
                    .append('}');
        }
        ex.json(200, json.append("]}").toString());
    }

    /** @return the quantity, or -1 when it is missing, not a whole number or outside 1..99 */
    static int parseQty(String raw) {
        if (raw == null || !DIGITS.matcher(raw.strip()).matches()) {
            return -1;
        }
        int qty = Integer.parseInt(raw.strip());
        return qty >= 1 && qty <= MAX_QTY ? qty : -1;
    }
}
