package dev.companion.demo.shop;

import static dev.companion.demo.shop.Html.esc;

import java.io.IOException;
import java.util.Optional;

/** Signing in and out. */
final class AccountPages {
    private final Accounts accounts;
    private final Layout layout;

    AccountPages(Accounts accounts, Layout layout) {
        this.accounts = accounts;
        this.layout = layout;
    }

    /** {@code GET /login[?next=/path]}. */
    void form(ShopExchange ex) throws IOException {
        ex.html(200, loginPage(ex, safeNext(ex.query("next")), "", null));
    }

    /**
     * {@code POST /login} with username, password, next. Right password: a new session cookie and 303 to
     * {@code next} (default {@code /}). Wrong: 401 with the form again.
     */
    void submit(ShopExchange ex) throws IOException {
        String user = Optional.ofNullable(ex.form("username")).orElse("").strip();
        String password = ex.form("password");
        String next = safeNext(ex.form("next"));
        if (!accounts.checkPassword(user, password)) {
            ex.html(401, loginPage(ex, next, user, "Wrong user name or password. <span lang=\"zh\">用户名或密码错误。</span>"));
            return;
        }
        accounts.closeSession(ex.cookie(Accounts.COOKIE));
        String sid = accounts.openSession(user);
        ex.responseHeaders().add("Set-Cookie", Accounts.COOKIE + "=" + sid + "; Path=/; HttpOnly; SameSite=Lax");
        ex.redirect(next);
    }

    /** {@code GET or POST /logout}: ends the session, clears the cookie, back to the home page. */
    void logout(ShopExchange ex) throws IOException {
        accounts.closeSession(ex.cookie(Accounts.COOKIE));
        ex.responseHeaders().add("Set-Cookie",
                Accounts.COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
        ex.redirect("/");
    }

    /** {@code GET /account}: to the signed-in user's own account address ({@code /account/<token>?sid=}). */
    void redirectToOwn(ShopExchange ex) throws IOException {
        String own = ex.ownPath("account");
        ex.redirect(own == null ? "/login?next=" + Html.urlParam("/account") : own);
    }

    /** {@code GET /account/<token>?sid=}: the account page, only at its user's own address (as the cart). */
    void account(ShopExchange ex) throws IOException {
        Optional<String> user = ex.user();
        if (user.isEmpty()) {
            ex.redirect("/login?next=" + Html.urlParam("/account"));
            return;
        }
        ex.requireOwn("account");
        String main = """
                <section class="account-page">
                  <h1>Your account <span lang="zh">我的账户</span></h1>
                  <p id="account-name" data-user="%s">Signed in as %s.</p>
                  <p><a id="account-cart" href="%s">Your cart <span lang="zh">购物车</span></a></p>
                </section>
                """.formatted(esc(user.get()), esc(user.get()), esc(ex.ownPath("cart")));
        ex.html(200, layout.page(ex, "Account", main));
    }

    private String loginPage(ShopExchange ex, String next, String user, String error) {
        String current = ex.user().map(u -> "<p class=\"muted\">You are signed in as " + esc(u)
                + ". Signing in again switches the account.</p>").orElse("");
        String main = """
                <section class="login-page">
                  <h1>Sign in <span lang="zh">登录</span></h1>
                  %s%s
                  <form id="login" class="panel-form" method="post" action="/login" accept-charset="utf-8">
                    <input type="hidden" name="next" value="%s">
                    <div class="field">
                      <label for="username">User name <span lang="zh">用户名</span></label>
                      <input name="username" id="username" value="%s" autocomplete="username" required autofocus>
                    </div>
                    <div class="field">
                      <label for="password">Password <span lang="zh">密码</span></label>
                      <input type="password" name="password" id="password" autocomplete="current-password" required>
                    </div>
                    <button id="login-button" type="submit">Sign in</button>
                  </form>
                  <p class="muted demo-accounts">Demo accounts: alice / alice-pass, bob / bob-pass, carol / carol-pass.</p>
                </section>
                """.formatted(
                error == null ? "" : "<div id=\"login-error\" class=\"banner error\" role=\"alert\">" + error + "</div>\n  ",
                current, esc(next), esc(user));
        return layout.page(ex, "Sign in", main);
    }

    /**
     * Only same-site paths (printable ASCII, as a browser sends them) are allowed as a place to go after
     * signing in; anything else means {@code /}.
     */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
                || next.chars().anyMatch(c -> c <= 0x20 || c >= 0x7f)) {
            return "/";
        }
        return next;
    }
}
