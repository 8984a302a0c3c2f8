package dev.companion.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.companion.app.follow.ApplyResult;
import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.Codec;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Target;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.scene.image.Image;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Pointing in real Chromium (docs/protocol.md, "Pointing"): the person's pick is not performed on the
 * page nor captured, and its evidence never holds a field's value; a member's point is found on
 * another page by evidence (look-alike siblings in another order: the right one is outlined, seen in
 * the drawn pixels, whatever the page's CSS says), nothing is pressed and the focus stays; an
 * ambiguous or missing point outlines nothing and says why.
 */
class PointTest {
    private static final String CARD = "[...document.querySelectorAll('li.card')].find((li) =>"
            + " li.querySelector('h3').textContent === %s).querySelector('button')";
    private static BrowserFixture fx;

    @BeforeAll
    static void start() throws Exception {
        fx = BrowserFixture.start("/point.html");
    }

    @AfterAll
    static void stop() throws Exception {
        if (fx != null) {
            fx.close();
        }
    }

    private static String card(String tea) {
        return String.format(CARD, AgentScript.json(tea));
    }

    /** The element's box in page pixels, after scrolling it into view when asked. */
    private static double[] box(String element, boolean scroll) throws Exception {
        JsonNode r = Codec.mapper().readTree(fx.eval("(async () => { const el = " + element + ";"
                + (scroll ? " el.scrollIntoView({block: 'center'});" : "")
                + " await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));"
                + " const b = el.getBoundingClientRect(); return [b.left, b.top, b.width, b.height]; })()"));
        return new double[] {r.get(0).asDouble(), r.get(1).asDouble(), r.get(2).asDouble(), r.get(3).asDouble()};
    }

    /** Starts picking; once this returns the agent is picking (the calls reach the frame in order). */
    private static CompletableFuture<Target> startPick() throws Exception {
        CompletableFuture<Target> picked = fx.view.pickTarget();
        fx.eval("1");
        return picked;
    }

    /** As alice: picks the element by a real click at its centre. */
    private static Target pickByClick(String element) throws Exception {
        double[] b = box(element, true);
        CompletableFuture<Target> picked = startPick();
        fx.view.userClick(b[0] + b[2] / 2, b[1] + b[3] / 2);
        return picked.get(BrowserFixture.WAIT_S, TimeUnit.SECONDS);
    }

    /** True when the outline's colour is drawn just left of the element's box (where its ring is). */
    private static boolean ringDrawnAt(double[] b) throws Exception {
        Image shot = WaitForAsyncUtils.asyncFx(() -> fx.view.node().snapshot(null, null)).get(BrowserFixture.WAIT_S,
                TimeUnit.SECONDS);
        int argb = shot.getPixelReader().getArgb((int) Math.round(b[0] - 4), (int) Math.round(b[1] + b[3] / 2));
        int r = (argb >> 16) & 0xff;
        int g = (argb >> 8) & 0xff;
        int bl = argb & 0xff;
        return Math.abs(r - 0x1c) < 40 && Math.abs(g - 0x7e) < 40 && Math.abs(bl - 0xd6) < 40;
    }

    private static void awaitRing(double[] b) throws Exception {
        WaitForAsyncUtils.waitFor(BrowserFixture.WAIT_S, TimeUnit.SECONDS, () -> ringDrawnAt(b));
    }

    private static ApplyResult show(Target t) throws Exception {
        return fx.view.showPoint(overTheWire(t)).get(BrowserFixture.WAIT_S, TimeUnit.SECONDS);
    }

    /** The target as a member's point arrives: encoded and decoded (the evidence is checked on the way). */
    private static Target overTheWire(Target t) {
        return ((Messages.Point) Codec.decode(Codec.encode(new Messages.Point("g", "alice", 1, t)))).target();
    }

    @Test
    void aPickedLookAlikeIsOutlinedOnAnotherMembersPageWhereItSitsElsewhereAndNothingIsPressed() throws Exception {
        fx.loadAndWait("/point.html");
        fx.recorder.actions.clear();
        Target green = pickByClick(card("Green Tea"));
        assertThat(green).isNotNull();
        assertThat(green.name()).isEqualTo("Add to cart");
        assertThat(green.count()).isEqualTo(3);
        assertThat(fx.eval("window.effects")).as("the pick was not performed: the page saw nothing").isEqualTo("[]");
        // a real click after picking is captured as ever: the pick before it was not
        double[] other = box("document.getElementById('other')", true);
        fx.view.userClick(other[0] + other[2] / 2, other[1] + other[3] / 2);
        List<Action> before = new ArrayList<>();
        fx.recorder.await(Action.Click.class, c -> c.target() != null && "Other".equals(c.target().name()), before);
        assertThat(before).noneMatch(a -> a instanceof Action.Click);

        fx.loadAndWait("/point.html?as=bob"); // White Tea first, then Oolong, Black Tea, Green Tea
        fx.eval("document.getElementById('other').focus()");
        assertThat(show(green).applied()).isTrue();
        double[] target = box(card("Green Tea"), false);
        awaitRing(target);
        assertThat(ringDrawnAt(box(card("Black Tea"), false))).as("the look-alike next to it").isFalse();
        assertThat(fx.eval("window.effects")).as("nothing pressed").isEqualTo("[]");
        assertThat(fx.evalString("document.activeElement.id")).as("the focus stayed").isEqualTo("other");
        assertThat(fx.eval("document.getElementsByTagName('companion-point')[0].shadowRoot")).as("closed").isEqualTo("null");
    }

    @Test
    void aPointOutOfViewScrollsThisPageButTheScrollIsNotSentAsThePersonsOwn() throws Exception {
        fx.loadAndWait("/point.html");
        fx.eval("(document.documentElement.style.scrollBehavior = 'smooth', document.querySelector('main').insertAdjacentHTML('beforeend',"
                + " '<div style=\"height:3000px\"></div><button id=\"far\">Far away</button>'), true)");
        fx.recorder.actions.clear();
        assertThat(show(Target.of("button", "button", "Far away")).applied()).isTrue();
        assertThat(Double.parseDouble(fx.eval("window.scrollY"))).as("scrolled to it").isGreaterThan(1000);
        // a real click afterwards is captured; nothing came before it: the point's scroll was not sent
        double[] far = box("document.getElementById('far')", false);
        fx.view.userClick(far[0] + far[2] / 2, far[1] + far[3] / 2);
        List<Action> before = new ArrayList<>();
        fx.recorder.await(Action.Click.class, c -> c.target() != null && "Far away".equals(c.target().name()), before);
        assertThat(before).as("captured before the click").noneMatch(a -> a instanceof Action.Scroll);
    }

    @Test
    void anAmbiguousOrMissingPointOutlinesNothingAndSaysWhy() throws Exception {
        fx.loadAndWait("/point.html");
        ApplyResult twins = show(Target.of("button", "button", "Details"));
        assertThat(twins.applied()).isFalse();
        assertThat(twins.reason()).isEqualTo(ApplyResult.AMBIGUOUS_TARGET);
        assertThat(twins.detail()).contains("2 buttons 'Details' match equally");
        ApplyResult missing = show(Target.of("button", "button", "Checkout"));
        assertThat(missing.reason()).isEqualTo(ApplyResult.TARGET_NOT_FOUND);
        assertThat(fx.eval("document.getElementsByTagName('companion-point').length")).isEqualTo("0");
        assertThat(fx.eval("window.effects")).isEqualTo("[]");
    }

    @Test
    void aPrivateFieldCanBePointedAtButItsValueNeverLeaves() throws Exception {
        fx.loadAndWait("/point.html");
        Target card = pickByClick("document.getElementById('card')");
        assertThat(card).isNotNull();
        assertThat(card.name()).isEqualTo("Card number");
        String wire = new String(Codec.encode(new Messages.Point("g", "alice", 1, card)), StandardCharsets.UTF_8);
        assertThat(wire).doesNotContain("4111").doesNotContain("1111");
        Target gift = pickByClick("document.getElementById('msg')");
        String giftWire = new String(Codec.encode(new Messages.Point("g", "alice", 1, gift)), StandardCharsets.UTF_8);
        assertThat(giftWire).as("no field's value, private or not").doesNotContain("birthday");
        assertThat(fx.evalString("document.activeElement.tagName")).as("the click did not focus the field").isEqualTo("BODY");
        assertThat(show(card).applied()).isTrue();
        awaitRing(box("document.getElementById('card')", false));
    }

    @Test
    void escCancelsAndEnterPicksTheFocusedElement() throws Exception {
        fx.loadAndWait("/point.html");
        CompletableFuture<Target> cancelled = startPick();
        fx.view.userType("\u001b");
        assertThat(cancelled.get(BrowserFixture.WAIT_S, TimeUnit.SECONDS)).isNull();
        fx.eval("document.getElementById('other').focus()");
        CompletableFuture<Target> byKey = startPick();
        fx.view.userType("\n");
        assertThat(byKey.get(BrowserFixture.WAIT_S, TimeUnit.SECONDS).name()).isEqualTo("Other");
        assertThat(fx.eval("window.effects")).as("Enter did not press it").isEqualTo("[]");
    }
}
