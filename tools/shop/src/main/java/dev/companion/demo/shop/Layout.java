package dev.companion.demo.shop;

import static dev.companion.demo.shop.Html.esc;

import java.util.Optional;

/** The frame every page shares: head, site header (who is signed in, cart count) and footer. */
final class Layout {
    private final Carts carts;

    Layout(Carts carts) {
        this.carts = carts;
    }

    String page(ShopExchange ex, String title, String main) {
        return page(ex, title, main, false);
    }

    /**
     * @param title page title (plain text)
     * @param main HTML for the main element
     * @param withScript whether to load {@code shop.js}
     */
    String page(ShopExchange ex, String title, String main, boolean withScript) {
        Optional<String> user = ex.user();
        int count = carts.itemCount(user.orElse(null));
        String account = user.map(u -> """
                <a id="account-link" href="%s">Account <span lang="zh">账户</span></a>
                <span id="whoami" class="whoami">Signed in as %s</span>
                <form class="inline" method="post" action="/logout">\
                <button id="sign-out" class="link-button" type="submit">Sign out</button>\
                </form>""".formatted(esc(ex.ownPath("account")), esc(u)))
                .orElseGet(() -> """
                <a id="sign-in-link" href="/login?next=%s">Sign in <span lang="zh">登录</span></a>"""
                        .formatted(esc(Html.urlParam(ex.pathAndQuery()))));
        return """
                <!doctype html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s · Leaf &amp; Cup 茶叶小铺</title>
                <link rel="stylesheet" href="/static/shop.css">
                <link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
                %s</head>
                <body>
                <header class="site-header">
                  <div class="bar">
                    <a class="brand" href="/" id="brand">%s<span class="brand-en">Leaf &amp; Cup</span>\
                <span class="brand-zh" lang="zh">茶叶小铺</span></a>
                    <nav class="main-nav" aria-label="Main">
                      <a href="/search">Shop <span lang="zh">商店</span></a>
                      <a href="/video">Film <span lang="zh">影片</span></a>
                      <a href="/frame">Newsletter <span lang="zh">订阅</span></a>
                      <a href="/private">Payment <span lang="zh">支付</span></a>
                    </nav>
                    <div class="account">
                      %s
                      <a id="cart-link" class="cart-link" href="%s">Cart <span lang="zh">购物车</span> \
                <span id="cart-count" class="count">%d</span></a>
                    </div>
                  </div>
                </header>
                <main class="container">
                %s
                </main>
                <footer class="site-footer">
                  <p>Leaf &amp; Cup <span lang="zh">茶叶小铺</span> · a demo shop for Companion. \
                Nothing here is for sale and no payment is ever taken.</p>
                </footer>
                </body>
                </html>
                """.formatted(
                esc(title),
                withScript ? "<script src=\"/static/shop.js\" defer></script>\n" : "",
                ProductArt.LOGO,
                account,
                esc(user.isPresent() ? ex.ownPath("cart") : "/cart"),
                count,
                main);
    }
}
