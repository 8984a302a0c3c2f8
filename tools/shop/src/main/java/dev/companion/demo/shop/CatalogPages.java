package dev.companion.demo.shop;

import static dev.companion.demo.shop.Html.esc;

import java.io.IOException;
import java.util.List;

/** The home page and search results. */
final class CatalogPages {
    private final Catalog catalog;
    private final Layout layout;

    CatalogPages(Catalog catalog, Layout layout) {
        this.catalog = catalog;
        this.layout = layout;
    }

    /** {@code GET /}. */
    void home(ShopExchange ex) throws IOException {
        StringBuilder cards = new StringBuilder();
        for (Product p : catalog.featured()) {
            cards.append("""
                    <li class="card">
                      <a class="featured-link" href="/product/%s">%s
                        <h3>%s</h3>
                        <p class="zh" lang="zh">%s</p>
                        <p class="summary">%s</p>
                        <p class="price">from %s</p>
                      </a>
                    </li>
                    """.formatted(esc(p.id()), ProductArt.svg(p, 120), esc(p.name()), esc(p.nameZh()),
                    esc(p.summary()), Html.money(p.fromPriceCents())));
        }
        String main = """
                <section class="hero">
                  <h1>Fine Chinese tea, by the bag <span class="zh" lang="zh">好茶 · 用心冲泡</span></h1>
                  <p>Small-batch green, oolong, black, jasmine and white teas, and the teaware to brew them.</p>
                  %s
                </section>
                <section class="featured">
                  <h2>Featured <span lang="zh">精选</span></h2>
                  <ul class="grid">
                %s  </ul>
                </section>
                """.formatted(searchForm(""), cards);
        ex.html(200, layout.page(ex, "Home", main));
    }

    /** {@code GET /search?q=...}: products whose name contains every word; all products for no query. */
    void search(ShopExchange ex) throws IOException {
        String q = ex.query("q");
        q = q == null ? "" : q.strip();
        List<Product> hits = catalog.search(q);
        StringBuilder rows = new StringBuilder();
        for (Product p : hits) {
            rows.append("""
                    <li class="result" data-product="%1$s">
                      %2$s
                      <div class="result-text">
                        <a class="product-link" href="/product/%1$s">%3$s</a>
                        <span class="zh" lang="zh">%4$s</span>
                        <p class="summary">%5$s</p>
                      </div>
                      <div class="price">from %6$s</div>
                    </li>
                    """.formatted(esc(p.id()), ProductArt.svg(p, 72), esc(p.name()), esc(p.nameZh()),
                    esc(p.summary()), Html.money(p.fromPriceCents())));
        }
        String heading = q.isEmpty()
                ? "All products <span lang=\"zh\">全部商品</span>"
                : "Results for “" + esc(q) + "” <span lang=\"zh\">搜索结果</span>";
        String list = hits.isEmpty()
                ? "<p id=\"no-results\" class=\"empty\">Nothing matches “" + esc(q)
                        + "”. Try “tea”, “oolong” or “cups”. <span lang=\"zh\">没有找到相关商品。</span></p>"
                : "<ul class=\"results\">\n" + rows + "</ul>";
        String main = """
                <section class="search-page">
                  %s
                  <h1 id="search-heading">%s</h1>
                  <p class="result-summary"><strong id="result-count" data-count="%d">%d</strong> %s \
                <span lang="zh">件商品</span></p>
                  %s
                </section>
                """.formatted(searchForm(q), heading, hits.size(), hits.size(),
                hits.size() == 1 ? "product" : "products", list);
        ex.html(200, layout.page(ex, q.isEmpty() ? "All products" : "Search: " + q, main));
    }

    private static String searchForm(String q) {
        return """
                <form id="search" class="search-form" action="/search" method="get" role="search" \
                accept-charset="utf-8">
                    <label for="q" class="visually-hidden">Search products</label>
                    <input name="q" id="q" type="search" value="%s" placeholder="Search tea, teapots, cups… 搜索" \
                autocomplete="off">
                    <button id="search-button" type="submit">Search <span lang="zh">搜索</span></button>
                  </form>""".formatted(esc(q));
    }
}
