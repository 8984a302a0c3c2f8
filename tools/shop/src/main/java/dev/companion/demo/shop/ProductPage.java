package dev.companion.demo.shop;

import static dev.companion.demo.shop.Html.esc;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * {@code GET /product/ID[?tab=reviews][&added=1]}: details, the add-to-cart form and two tabs. The tabs are
 * plain links, so the page works without JavaScript; {@code shop.js} turns them into in-page switches
 * that use {@code history.pushState}.
 */
final class ProductPage {
    static final String PREFIX = "/product/";

    private final Catalog catalog;
    private final Layout layout;

    ProductPage(Catalog catalog, Layout layout) {
        this.catalog = catalog;
        this.layout = layout;
    }

    void render(ShopExchange ex) throws IOException {
        String id = ex.path().substring(PREFIX.length());
        Product p = catalog.find(id).orElseThrow(() -> new HttpError(404, "There is no product “" + id + "”."));
        boolean reviews = "reviews".equals(ex.query("tab"));
        boolean added = "1".equals(ex.query("added"));
        boolean signedIn = ex.user().isPresent();
        String rating = String.format(Locale.ROOT, "%.1f", p.averageStars());

        String main = """
                <nav class="crumbs" aria-label="Breadcrumb"><a href="/">Home</a> › <a href="/search">Shop</a> › %s</nav>
                %s
                <article class="product" data-product="%s">
                  <div class="product-top">
                    <div class="product-art">%s</div>
                    <div class="product-info">
                      <h1 id="product-name">%s</h1>
                      <p class="zh name-zh" lang="zh">%s</p>
                      <p class="rating"><span class="stars" aria-label="%s out of 5">%s</span> %s · \
                <a href="%s?tab=reviews#tabs">%d reviews</a></p>
                      <p class="price-line"><span id="price" class="price" data-cents="%d">%s</span> \
                <span class="muted">for %s</span></p>
                      <p class="summary">%s</p>
                      %s
                    </div>
                  </div>
                  <div id="tabs" class="tabs" role="tablist">
                    %s
                    %s
                  </div>
                  <section id="panel-description" class="panel" role="tabpanel" aria-labelledby="tab-description"%s>
                %s
                  </section>
                  <section id="panel-reviews" class="panel" role="tabpanel" aria-labelledby="tab-reviews"%s>
                %s
                  </section>
                </article>
                %s
                """.formatted(
                esc(p.name()),
                added ? """
                        <div id="added-banner" class="banner ok" role="status">Added to your cart \
                        <span lang="zh">已加入购物车</span> · <a href="/cart">View cart</a></div>""" : "",
                esc(p.id()),
                ProductArt.svg(p, 280),
                esc(p.name()),
                esc(p.nameZh()),
                rating, Html.stars((int) Math.round(p.averageStars())), rating,
                esc(url(p)), p.reviews().size(),
                p.options().get(0).priceCents(), Html.money(p.options().get(0).priceCents()),
                esc(p.options().get(0).label()),
                esc(p.summary()),
                form(p, signedIn),
                tab(p, "description", "Description <span lang=\"zh\">介绍</span>", !reviews),
                tab(p, "reviews", "Reviews <span lang=\"zh\">评价</span> (" + p.reviews().size() + ")", reviews),
                reviews ? " hidden" : "",
                description(p),
                reviews ? "" : " hidden",
                reviewList(p),
                related(p));
        ex.html(200, layout.page(ex, p.name(), main, true));
    }

    private static String url(Product p) {
        return PREFIX + p.id();
    }

    private static String form(Product p, boolean signedIn) {
        StringBuilder options = new StringBuilder();
        for (Product.Option o : p.options()) {
            options.append("<option value=\"%s\" data-cents=\"%d\"%s>%s — %s</option>".formatted(
                    esc(o.id()), o.priceCents(), o == p.options().get(0) ? " selected" : "",
                    esc(o.label()), Html.money(o.priceCents())));
        }
        return """
                <form id="add-to-cart" class="buy" method="post" action="/cart/add" accept-charset="utf-8">
                        <input type="hidden" name="product" value="%s">
                        <div class="row">
                          <div class="field">
                            <label for="size">Size <span lang="zh">规格</span></label>
                            <select name="size" id="size">%s</select>
                          </div>
                          <div class="field narrow">
                            <label for="qty">Quantity <span lang="zh">数量</span></label>
                            <input type="number" name="qty" id="qty" value="1" min="1" max="99" required>
                          </div>
                        </div>
                        <div class="field check">
                          <input type="checkbox" name="gift" id="gift" value="yes">
                          <label for="gift">Gift wrap <span lang="zh">礼品包装</span> \
                <span class="muted">(+%s each)</span></label>
                        </div>
                        <div class="field">
                          <label for="note">Note <span class="muted">(optional)</span> <span lang="zh">备注</span></label>
                          <textarea name="note" id="note" rows="3" maxlength="%d" \
                placeholder="A message for the gift card, or a delivery hint"></textarea>
                        </div>
                        <button id="add" type="submit">Add to cart</button>%s
                      </form>""".formatted(
                esc(p.id()), options, Html.money(CartLine.GIFT_WRAP_CENTS), CartPages.MAX_NOTE_CHARS,
                signedIn ? "" : "\n        <p class=\"hint\">You will be asked to sign in first. "
                        + "<span lang=\"zh\">需要先登录。</span></p>");
    }

    private static String tab(Product p, String name, String label, boolean active) {
        String href = name.equals("reviews") ? url(p) + "?tab=reviews" : url(p);
        return "<a id=\"tab-%s\" class=\"tab%s\" data-tab=\"%s\" role=\"tab\" aria-selected=\"%s\" href=\"%s\">%s</a>"
                .formatted(name, active ? " active" : "", name, active, esc(href), label);
    }

    private static String description(Product p) {
        StringBuilder out = new StringBuilder();
        for (String para : p.description()) {
            out.append("    <p>").append(esc(para)).append("</p>\n");
        }
        String factsTitle = p.kind() == Product.Kind.TEA
                ? "Brewing guide <span lang=\"zh\">冲泡指南</span>"
                : "Details <span lang=\"zh\">详情</span>";
        out.append("    <h3 id=\"facts-title\">").append(factsTitle).append("</h3>\n    <table id=\"facts\" class=\"facts\">\n");
        for (Product.Fact f : p.facts()) {
            out.append("      <tr><th scope=\"row\">").append(esc(f.label())).append("</th><td>")
                    .append(esc(f.value())).append("</td></tr>\n");
        }
        out.append("    </table>\n");
        out.append("""
                    <h3 id="sizes-title">Sizes and prices <span lang="zh">规格与价格</span></h3>
                    <ul class="sizes">
                """);
        for (Product.Option o : p.options()) {
            out.append("      <li>").append(esc(o.label())).append(": ").append(Html.money(o.priceCents()))
                    .append("</li>\n");
        }
        out.append("""
                    </ul>
                    <h3 id="shipping">Shipping and returns <span lang="zh">配送与退换</span></h3>
                    <p>Orders placed before 2 pm leave our shop the same day in recyclable packaging. Teas are \
                sealed in foil bags with a zip; teaware is packed in straw and cardboard. Unopened items can be \
                returned within 30 days.</p>
                    <p>Gift wrap uses a furoshiki-style cotton cloth and a handwritten card with your note.</p>
                    <h3 id="story">About Leaf &amp; Cup <span lang="zh">关于我们</span></h3>
                    <p>Leaf &amp; Cup is a small family tea shop. We buy directly from a handful of farms and \
                workshops we have visited, in small batches, so that every bag is fresh. If you are unsure \
                what to choose, write to us: we love talking about tea.</p>
                    <p lang="zh">茶叶小铺是一家小小的家庭茶店。我们直接向熟悉的茶农和作坊小批量采购，保证每一包茶都新鲜。</p>
                """);
        return out.toString();
    }

    private static String reviewList(Product p) {
        StringBuilder out = new StringBuilder("    <h3>What customers say <span lang=\"zh\">顾客评价</span></h3>\n"
                + "    <ol class=\"reviews\">\n");
        for (Product.Review r : p.reviews()) {
            out.append("""
                          <li class="review">
                            <div class="stars" aria-label="%d out of 5">%s</div>
                            <h4>%s</h4>
                            <p class="meta">%s · %s</p>
                            <p>%s</p>
                          </li>
                    """.formatted(r.stars(), Html.stars(r.stars()), esc(r.title()), esc(r.author()), esc(r.date()),
                    esc(r.text())));
        }
        return out.append("    </ol>").toString();
    }

    private String related(Product p) {
        StringBuilder cards = new StringBuilder();
        List<Product> all = catalog.all();
        int at = all.indexOf(p);
        for (int i = 1; i <= 3; i++) {
            Product o = all.get((at + i) % all.size());
            cards.append("""
                        <li class="card">
                          <a class="related-link" href="%s">%s
                            <h3>%s</h3>
                            <p class="zh" lang="zh">%s</p>
                            <p class="price">from %s</p>
                          </a>
                        </li>
                        """.formatted(esc(url(o)), ProductArt.svg(o, 96), esc(o.name()), esc(o.nameZh()),
                        Html.money(o.fromPriceCents())));
        }
        return """
                <section class="related">
                  <h2>You may also like <span lang="zh">猜你喜欢</span></h2>
                  <ul class="grid">
                %s  </ul>
                </section>""".formatted(cards);
    }
}
