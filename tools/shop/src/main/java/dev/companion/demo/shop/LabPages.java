package dev.companion.demo.shop;

import static dev.companion.demo.shop.Html.esc;

import java.io.IOException;
import java.util.Optional;

/**
 * Pages that exist for the app's tests and demos rather than for shopping: a video, an iframe with a form,
 * and a payment form with private fields.
 */
final class LabPages {
    private final Layout layout;

    LabPages(Layout layout) {
        this.layout = layout;
    }

    /** {@code GET /video}: a WebM film served with range support. */
    void video(ShopExchange ex) throws IOException {
        String main = """
                <section class="video-page">
                  <h1>How we make Longjing <span lang="zh">龙井是怎样炒成的</span></h1>
                  <p>A five-second test film (320×180, VP8). Play it, pause it and seek: everyone in the group \
                should see the same moment.</p>
                  <video id="film" controls preload="metadata" width="640" height="360" muted playsinline>
                    <source src="%s" type="video/webm">
                    Your browser cannot play WebM video.
                  </video>
                  <p class="muted"><a id="film-file" href="%s">Download the film</a> (WebM)</p>
                </section>
                """.formatted(StaticFiles.FILM, StaticFiles.FILM);
        ex.html(200, layout.page(ex, "Film", main));
    }

    /**
     * {@code GET /film-night}: the feature film (70 s, {@link FilmLoop}) and an extra video, a looping
     * trailer, that is not what the group watches. Neither has an id; the trailer comes first, or after
     * the feature for a browser whose {@link FilmLab} cookie says {@code trailer:after} (so "the first
     * video" or a position differs between members). With {@code decoder:F} the page's own script keeps
     * the feature's playback rate at F times what was asked for, and counts how often it did so in
     * {@code window.filmLab.throttled}.
     */
    void filmNight(ShopExchange ex) throws IOException {
        FilmLab lab = FilmLab.of(ex);
        String trailer = """
                  <figure class="trailer"><video class="trailer" autoplay loop muted playsinline width="240" height="135"                 src="%s"></video><figcaption>Trailer <span lang="zh">预告片</span></figcaption></figure>
                """.formatted(StaticFiles.FILM);
        String feature = """
                  <figure class="feature"><video class="feature" controls preload="auto" muted playsinline width="640"                 height="360" src="%s"></video><figcaption>Tonight: how we make Longjing, seventy seconds</figcaption></figure>
                """.formatted(StaticFiles.LONG_FILM);
        String throttle = lab.decoder() >= 1 ? "" : """
                  <script>
                  (() => {
                    const factor = %s;
                    const v = document.querySelector('video.feature');
                    window.filmLab = { throttled: 0 };
                    let own = false;
                    const slow = () => { own = true; v.playbackRate = v.playbackRate * factor; window.filmLab.throttled++; };
                    v.addEventListener('ratechange', () => { if (own) { own = false; } else { slow(); } });
                    slow();
                  })();
                  </script>
                """.formatted(Double.toString(lab.decoder()));
        String main = """
                <section class="film-night">
                  <h1>Film night <span lang="zh">电影之夜</span></h1>
                %s%s%s</section>
                """.formatted(lab.trailerAfter() ? feature : trailer, lab.trailerAfter() ? trailer : feature, throttle);
        ex.html(200, layout.page(ex, "Film night", main));
    }

    /** {@code GET /frame}: a page that embeds {@code /frame/inner}. */
    void frame(ShopExchange ex) throws IOException {
        String main = """
                <section class="frame-page">
                  <h1>Newsletter <span lang="zh">订阅通讯</span></h1>
                  <p>Our monthly letter about new harvests. The form below lives in an iframe.</p>
                  <iframe id="inner-frame" name="inner" src="/frame/inner" title="Newsletter sign-up" \
                width="520" height="300"></iframe>
                </section>
                """;
        ex.html(200, layout.page(ex, "Newsletter", main));
    }

    /** {@code GET or POST /frame/inner}: a small stand-alone form page, shown inside the iframe. */
    void frameInner(ShopExchange ex) throws IOException {
        String body;
        int status = 200;
        if (ex.method().equals("POST")) {
            String email = Optional.ofNullable(ex.form("email")).orElse("").strip();
            String topic = Optional.ofNullable(ex.form("topic")).orElse("all");
            if (email.isEmpty() || !email.contains("@") || email.length() > 200) {
                status = 400;
                body = "<p id=\"subscribe-error\" class=\"banner error\">Please enter an e-mail address.</p>"
                        + newsletterForm(email);
            } else {
                body = "<p id=\"subscribed\" class=\"banner ok\">Thanks! " + esc(email) + " will get the "
                        + esc(topic) + " letter. <span lang=\"zh\">订阅成功。</span></p>"
                        + "<p><a href=\"/frame/inner\">Subscribe another address</a></p>";
            }
        } else {
            body = newsletterForm("");
        }
        ex.html(status, """
                <!doctype html>
                <html lang="en">
                <head><meta charset="utf-8"><title>Newsletter sign-up</title>
                <link rel="stylesheet" href="/static/shop.css"></head>
                <body class="inner">
                %s
                </body>
                </html>
                """.formatted(body));
    }

    private static String newsletterForm(String email) {
        return """
                <form id="newsletter" method="post" action="/frame/inner" accept-charset="utf-8">
                  <h2>Monthly tea letter <span lang="zh">每月茶讯</span></h2>
                  <div class="field">
                    <label for="email">E-mail <span lang="zh">邮箱</span></label>
                    <input type="email" name="email" id="email" value="%s" required>
                  </div>
                  <div class="field">
                    <label for="topic">Topic <span lang="zh">主题</span></label>
                    <select name="topic" id="topic">
                      <option value="all">Everything</option>
                      <option value="green">Green teas</option>
                      <option value="oolong">Oolongs</option>
                      <option value="teaware">Teaware</option>
                    </select>
                  </div>
                  <button id="subscribe" type="submit">Subscribe</button>
                </form>""".formatted(esc(email));
    }

    /**
     * {@code GET or POST /private}: a pretend payment form. The PIN is a password field and the card number
     * carries {@code data-companion-private}, so the app must never send what is typed in them. Nothing is
     * stored; the answer only shows the name and the card's last four digits.
     */
    void payment(ShopExchange ex) throws IOException {
        String result = "";
        String name = "";
        int status = 200;
        if (ex.method().equals("POST")) {
            name = Optional.ofNullable(ex.form("name")).orElse("").strip();
            String card = Optional.ofNullable(ex.form("card")).orElse("").replaceAll("[\\s-]", "");
            String pin = Optional.ofNullable(ex.form("pin")).orElse("");
            if (name.isEmpty() || !card.matches("\\d{12,19}") || !pin.matches("\\d{4,6}")) {
                status = 400;
                result = "<div id=\"payment-error\" class=\"banner error\" role=\"alert\">Please fill in your name, "
                        + "a card number (12–19 digits) and a PIN (4–6 digits).</div>";
            } else {
                result = "<div id=\"paid\" class=\"banner ok\" role=\"status\">Pretend payment accepted for "
                        + esc(name) + ", card ending " + card.substring(card.length() - 4)
                        + ". No money has moved. <span lang=\"zh\">模拟支付成功。</span></div>";
            }
        }
        String main = """
                <section class="payment-page">
                  <h1>Payment <span lang="zh">支付</span></h1>
                  %s
                  <p class="muted">This is a test page: what you type in the card and PIN fields is private and \
                must stay on your screen.</p>
                  <form id="payment" class="panel-form" method="post" action="/private" accept-charset="utf-8" \
                autocomplete="off">
                    <div class="field">
                      <label for="name">Name on card <span lang="zh">持卡人</span></label>
                      <input name="name" id="name" value="%s" autocomplete="cc-name">
                    </div>
                    <div class="field">
                      <label for="card">Card number <span lang="zh">卡号</span></label>
                      <input name="card" id="card" data-companion-private inputmode="numeric" \
                autocomplete="cc-number" placeholder="4242 4242 4242 4242">
                    </div>
                    <div class="field narrow">
                      <label for="pin">PIN <span lang="zh">密码</span></label>
                      <input type="password" name="pin" id="pin" inputmode="numeric" autocomplete="off">
                    </div>
                    <button id="pay" type="submit">Pay <span lang="zh">支付</span></button>
                  </form>
                </section>
                """.formatted(result, esc(name));
        ex.html(status, layout.page(ex, "Payment", main));
    }
}
