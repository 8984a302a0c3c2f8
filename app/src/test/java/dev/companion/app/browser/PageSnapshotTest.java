package dev.companion.app.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.companion.app.follow.ApplyResult;
import dev.companion.demo.shop.ShopServer;
import dev.companion.p2p.protocol.Codec;
import dev.companion.p2p.protocol.Messages.FieldState;
import dev.companion.p2p.protocol.Messages.PageState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Catch-up state with the real embedded Chromium and the demo shop: a snapshot holds what the user
 * changed in the form, the scroll position, and never private fields; restoring it into a freshly
 * loaded page reproduces it without echo, skips and counts what it cannot restore, and keeps hostile
 * values as data.
 */
class PageSnapshotTest {
    private static final String NOTE = "For grandma 奶奶 — \"handle with care\" </textarea><script>window.pwned=true</script>";
    private static BrowserFixture fx;
    private static ShopServer shop;

    @BeforeAll
    static void start() throws Exception {
        fx = BrowserFixture.start("/page.html");
        shop = ShopServer.start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() throws Exception {
        if (shop != null) {
            shop.close();
        }
        if (fx != null) {
            fx.close();
        }
    }

    private static PageState snapshot() throws Exception {
        return fx.view.snapshot().get(BrowserFixture.WAIT_S, TimeUnit.SECONDS);
    }

    private static ApplyResult restore(PageState s) throws Exception {
        return fx.view.restore(s).get(BrowserFixture.WAIT_S, TimeUnit.SECONDS);
    }

    /** Loads the product page fresh and changes its form and scroll position the way a script can. */
    private static String productPageChanged() throws Exception {
        String url = shop.url("/product/green-tea");
        fx.loadUrlAndWait(url);
        String size = fx.evalString("(() => { const s = document.getElementById('size');"
                + " s.value = s.options[s.options.length - 1].value; return s.value; })()");
        fx.eval("(() => { document.getElementById('gift').checked = true; document.getElementById('qty').value = '3';"
                + " document.getElementById('note').value = " + AgentScript.json(NOTE) + "; return true; })()");
        assertThat(fx.eval("document.documentElement.scrollHeight > window.innerHeight + 600")).isEqualTo("true");
        fx.eval("(window.scrollTo(0, 600), window.scrollY)");
        return size;
    }

    @Test
    void snapshotHasTheChangedFieldsAndScrollAndNothingElse() throws Exception {
        String size = productPageChanged();
        PageState s = snapshot();
        assertThat(s.url()).isEqualTo(shop.url("/product/green-tea"));
        assertThat(s.fields()).containsExactlyInAnyOrder(
                new FieldState("", "#size", size, null),
                new FieldState("", "#gift", null, true),
                new FieldState("", "#qty", "3", null),
                new FieldState("", "#note", NOTE, null));
        assertThat(s.scrollX()).isZero();
        assertThat(s.scrollY()).isEqualTo(600.0);
        assertThat(s.media()).isEmpty();
        assertThat(size).isNotEqualTo(fx.evalString("document.getElementById('size').options[0].value"));
        long[] micros = new long[9];
        for (int i = 0; i < micros.length; i++) {
            long t0 = System.nanoTime();
            assertThat(snapshot()).isEqualTo(s);
            micros[i] = (System.nanoTime() - t0) / 1000;
        }
        java.util.Arrays.sort(micros);
        System.out.printf("snapshot round trip (product page): median %d us, max %d us%n", micros[4], micros[8]);
    }

    @Test
    void restoreIntoAFreshPageReproducesItWithoutEcho() throws Exception {
        String size = productPageChanged();
        PageState s = snapshot();
        // The same page, loaded fresh (a new navigation: no form state kept by the browser).
        fx.loadUrlAndWait(shop.url("/product/green-tea"));
        assertThat(fx.eval("[document.getElementById('qty').value, document.getElementById('gift').checked,"
                + " document.getElementById('note').value, window.scrollY]")).isEqualTo("[\"1\",false,\"\",0]");
        fx.eval("window.pwned = false");
        fx.eval("(() => { window.seen = []; for (const id of ['size', 'gift', 'qty', 'note'])"
                + " document.getElementById(id).addEventListener('change', () => window.seen.push(id)); return true; })()");
        fx.recorder.actions.clear();

        long t0 = System.nanoTime();
        assertThat(restore(s)).isEqualTo(ApplyResult.ok());
        System.out.printf("restore round trip (4 fields + scroll): %d us%n", (System.nanoTime() - t0) / 1000);
        assertThat(fx.evalString("document.getElementById('size').value")).isEqualTo(size);
        assertThat(fx.eval("document.getElementById('gift').checked")).isEqualTo("true");
        assertThat(fx.evalString("document.getElementById('qty').value")).isEqualTo("3");
        assertThat(fx.evalString("document.getElementById('note').value")).isEqualTo(NOTE);
        assertThat(fx.eval("window.scrollY")).isEqualTo("600");
        // The page heard about the changes, as if a person made them; nothing ran from the values.
        assertThat(fx.eval("window.seen.slice().sort()")).isEqualTo("[\"gift\",\"note\",\"qty\",\"size\"]");
        assertThat(fx.eval("window.pwned")).isEqualTo("false");
        // Restoring is not the user's doing: nothing is captured (scroll arrives late if at all).
        assertThat(fx.recorder.drain(1500)).isEmpty();
        // And the restored page snapshots the same.
        assertThat(snapshot()).isEqualTo(s);
    }

    @Test
    void privateFieldsAreNeverInASnapshot() throws Exception {
        fx.loadUrlAndWait(shop.url("/private"));
        fx.eval("(() => { for (const [id, v] of [['name', 'Alice Liddell'], ['card', '4242424242424242'], ['pin', '1234']])"
                + " document.getElementById(id).value = v; return true; })()");
        PageState pay = snapshot();
        assertThat(pay.url()).isEqualTo(shop.url("/private"));
        assertThat(pay.fields()).isEmpty();
        assertThat(Codec.mapper().writeValueAsString(pay)).doesNotContain("4242").doesNotContain("1234").doesNotContain("Alice");

        fx.loadUrlAndWait(shop.url("/login"));
        fx.eval("(() => { document.getElementById('username').value = 'alice';"
                + " document.getElementById('password').value = 'alice-pass'; return true; })()");
        assertThat(snapshot().fields()).isEmpty(); // a sign-in form: not even the user name

        // On a page with ordinary fields, a field marked private next to them is left out.
        productPageChanged();
        fx.eval("(() => { const i = document.createElement('input'); i.id = 'secret'; i.setAttribute('data-companion-private', '');"
                + " i.value = 'hush'; document.getElementById('add-to-cart').appendChild(i);"
                + " const p = document.createElement('input'); p.type = 'password'; p.id = 'pw2'; p.value = 'hush2';"
                + " document.body.appendChild(p); return true; })()");
        PageState s = snapshot();
        assertThat(s.fields()).extracting(FieldState::selector).containsExactlyInAnyOrder("#size", "#gift", "#qty", "#note");
        assertThat(Codec.mapper().writeValueAsString(s)).doesNotContain("hush");
    }

    @Test
    void restoreSkipsPrivateAndMissingFieldsAndSaysSo() throws Exception {
        String url = shop.url("/product/green-tea");
        fx.loadUrlAndWait(url);
        fx.eval("(() => { const i = document.createElement('input'); i.id = 'secret'; i.setAttribute('data-companion-private', '');"
                + " document.getElementById('add-to-cart').appendChild(i); return true; })()");
        List<FieldState> fields = new ArrayList<>();
        fields.add(new FieldState("", "#qty", "7", null));
        fields.add(new FieldState("", "#secret", "planted", null));
        fields.add(new FieldState("", "#does-not-exist", "x", null));
        fields.add(new FieldState("", "#nope-either", null, true));
        fields.add(new FieldState("", "#size", "no-such-size", null));
        fields.add(new FieldState("0", "#email", "in a frame", null));
        long t0 = System.nanoTime();
        ApplyResult r = restore(new PageState(url, fields, 0, 250, List.of()));
        assertThat(r.applied()).isFalse();
        assertThat(r.reason()).isEqualTo("2 fields not found, 1 private fields skipped, 1 fields refused, 1 fields in frames skipped");
        // Missing fields were waited for a while (they may still be rendering), within the 5 s budget.
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isBetween(1500L, 5000L);
        // What could be restored, was.
        assertThat(fx.evalString("document.getElementById('qty').value")).isEqualTo("7");
        assertThat(fx.eval("window.scrollY")).isEqualTo("250");
        assertThat(fx.evalString("document.getElementById('secret').value")).isEmpty();
    }

    @Test
    void restoreWaitsForFieldsThatAppearLater() throws Exception {
        String url = shop.url("/product/green-tea");
        fx.loadUrlAndWait(url);
        fx.eval("(setTimeout(() => { const i = document.createElement('input'); i.id = 'late';"
                + " document.getElementById('add-to-cart').appendChild(i); }, 600), true)");
        assertThat(restore(new PageState(url, List.of(new FieldState("", "#late", "here now", null)), 0, 0, List.of())))
                .isEqualTo(ApplyResult.ok());
        assertThat(fx.evalString("document.getElementById('late').value")).isEqualTo("here now");
    }

    @Test
    void restoreRefusesAStateOfAnotherSite() throws Exception {
        fx.loadUrlAndWait(shop.url("/product/green-tea"));
        // "localhost" is another origin than "127.0.0.1", even on the same port.
        String other = "http://localhost:" + shop.port() + "/product/green-tea";
        ApplyResult r = restore(new PageState(other, List.of(new FieldState("", "#note", "leak?", null)), 0, 300, List.of()));
        assertThat(r).isEqualTo(ApplyResult.failed(ApplyResult.REFUSED));
        assertThat(fx.evalString("document.getElementById('note').value")).isEmpty();
        assertThat(fx.eval("window.scrollY")).isEqualTo("0");
    }

    @Test
    void aPageThatCannotBeSharedFailsTheSnapshotClearly() throws Exception {
        // URLs over 4 KiB are not sent (Action.MAX_URL): the page's answer is not a valid state.
        String longUrl = shop.url("/product/green-tea?pad=" + "a".repeat(5000));
        fx.loadUrlAndWait(longUrl);
        assertThatThrownBy(() -> snapshot())
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("the page agent's snapshot is not a valid page state");
    }

    @Test
    void noWebPageMeansNoSnapshot() throws Exception {
        fx.loadUrlAndWait(shop.url("/product/green-tea"));
        assertThat(snapshot()).isNotNull();
        fx.view.load("about:blank");
        WaitForAsyncUtils.waitFor(BrowserFixture.WAIT_S, TimeUnit.SECONDS,
                () -> "about:blank".equals(fx.view.urlProperty().get()) && !fx.view.loadingProperty().get());
        assertThat(snapshot()).isNull();
    }
}
