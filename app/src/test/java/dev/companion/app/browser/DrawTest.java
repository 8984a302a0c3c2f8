package dev.companion.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.companion.app.follow.ApplyResult;
import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.Codec;
import dev.companion.p2p.protocol.Ink;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.image.Image;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Drawing in real Chromium (docs/protocol.md, "Drawing"): in draw mode a real drag becomes a stroke
 * anchored to the element under its start, in fractions of its box, and the page sees no pointer or
 * click event (nothing pressed, nothing captured); Esc leaves draw mode. A drawing is painted over
 * the same card on another page where the cards sit in another order (seen in the drawn pixels, the
 * page's CSS trying to hide it), then goes after its lifetime; an ambiguous anchor paints nothing and
 * says why; markup in the evidence stays text.
 */
class DrawTest {
    private static final String CARD = "[...document.querySelectorAll('li.card')].find((li) =>"
            + " li.querySelector('h3').textContent === %s).querySelector('button')";
    /** The page tries to hide whatever the app draws on it. */
    private static final String HIDE = "(document.head.insertAdjacentHTML('beforeend', '<style>companion-draw,"
            + " companion-draw *, svg, path { display: none !important; opacity: 0 !important; }</style>'), true)";
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

    /** True when the receiver's red (#e03131) is drawn at (x, y) of the view. */
    private static boolean redAt(double x, double y) throws Exception {
        Image shot = WaitForAsyncUtils.asyncFx(() -> fx.view.node().snapshot(null, null)).get(BrowserFixture.WAIT_S,
                TimeUnit.SECONDS);
        int argb = shot.getPixelReader().getArgb((int) Math.round(x), (int) Math.round(y));
        int r = (argb >> 16) & 0xff;
        int g = (argb >> 8) & 0xff;
        int b = argb & 0xff;
        return Math.abs(r - 0xe0) < 40 && Math.abs(g - 0x31) < 40 && Math.abs(b - 0x31) < 40;
    }

    private static int drawings() throws Exception {
        return Integer.parseInt(fx.eval("document.getElementsByTagName('companion-draw').length"));
    }

    /** The drawing as a member's arrives: encoded and decoded (everything checked on the way). */
    private static Messages.Draw overTheWire(Target t, Ink ink, int lifeMs, List<Double> xy) {
        return (Messages.Draw) Codec.decode(Codec.encode(new Messages.Draw("g", "alice", 1, t, ink, lifeMs, xy)));
    }

    private static ApplyResult show(Messages.Draw d) throws Exception {
        return fx.view.showDrawing(d.target(), d.color(), d.lifeMs(), d.xy()).get(BrowserFixture.WAIT_S, TimeUnit.SECONDS);
    }

    @Test
    void aStrokeOnTheLeadersCardIsPaintedOverTheSameCardWhereItSitsElsewhereThenGoes() throws Exception {
        fx.loadAndWait("/point.html");
        fx.recorder.actions.clear();
        fx.recorder.strokes.clear();
        double[] b = box(card("Green Tea"), true);
        fx.view.drawMode(true);
        fx.eval("1"); // the calls reach the frame in order: draw mode is on
        List<Double> drag = new ArrayList<>();
        for (int i = 0; i <= 16; i++) { // a straight line through the middle, 10% to 90% of the button
            drag.add(b[0] + b[2] * (0.1 + 0.05 * i));
            drag.add(b[1] + b[3] / 2);
        }
        fx.view.userDrag(drag.stream().mapToDouble(Double::doubleValue).toArray());
        Stroke stroke = fx.recorder.strokes.poll(BrowserFixture.WAIT_S, TimeUnit.SECONDS);
        assertThat(stroke).as("a stroke").isNotNull();
        assertThat(stroke.target().name()).isEqualTo("Add to cart");
        assertThat(stroke.target().count()).isEqualTo(3);
        assertThat(stroke.xy()).as("simplified to its two ends").hasSize(4);
        assertThat(stroke.xy().get(0)).isCloseTo(0.1, org.assertj.core.data.Offset.offset(0.02));
        assertThat(stroke.xy().get(2)).isCloseTo(0.9, org.assertj.core.data.Offset.offset(0.02));
        assertThat(stroke.xy().get(1)).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.1));
        assertThat(fx.eval("window.effects")).as("the page saw no pointer or click event").isEqualTo("[]");
        fx.view.userType("\u001b");
        assertThat(fx.recorder.drawModeEnded.poll(BrowserFixture.WAIT_S, TimeUnit.SECONDS)).isEqualTo("ended");
        // out of draw mode a real click is pressed and captured as ever; nothing came before it
        double[] other = box("document.getElementById('other')", true);
        fx.view.userClick(other[0] + other[2] / 2, other[1] + other[3] / 2);
        List<Action> before = new ArrayList<>();
        fx.recorder.await(Action.Click.class, c -> c.target() != null && "Other".equals(c.target().name()), before);
        assertThat(before).as("the drag was not captured").noneMatch(a -> a instanceof Action.Click);

        fx.loadAndWait("/point.html?as=bob"); // White Tea first, then Oolong, Black Tea, Green Tea
        fx.eval(HIDE);
        double[] green = box(card("Green Tea"), true);
        double[] black = box(card("Black Tea"), false);
        assertThat(show(overTheWire(stroke.target(), Ink.RED, 4000, stroke.xy())).applied()).isTrue();
        WaitForAsyncUtils.waitFor(BrowserFixture.WAIT_S, TimeUnit.SECONDS,
                () -> redAt(green[0] + green[2] * 0.5, green[1] + green[3] / 2));
        assertThat(redAt(black[0] + black[2] * 0.5, black[1] + black[3] / 2)).as("the look-alike next to it").isFalse();
        assertThat(fx.eval("document.getElementsByTagName('companion-draw')[0].shadowRoot")).as("closed").isEqualTo("null");
        assertThat(fx.eval("window.effects")).as("nothing pressed").isEqualTo("[]");
        // after its lifetime it is gone: the overlay and the pixels
        WaitForAsyncUtils.waitFor(BrowserFixture.WAIT_S, TimeUnit.SECONDS, () -> drawings() == 0);
        assertThat(redAt(green[0] + green[2] * 0.5, green[1] + green[3] / 2)).isFalse();
    }

    @Test
    void anAmbiguousOrMissingAnchorPaintsNothingAndSaysWhy() throws Exception {
        fx.loadAndWait("/point.html");
        List<Double> xy = List.of(0.0, 0.5, 1.0, 0.5);
        ApplyResult twins = show(overTheWire(Target.of("button", "button", "Details"), Ink.BLUE, 4000, xy));
        assertThat(twins.applied()).isFalse();
        assertThat(twins.reason()).isEqualTo(ApplyResult.AMBIGUOUS_TARGET);
        assertThat(twins.detail()).contains("2 buttons 'Details' match equally");
        ApplyResult missing = show(overTheWire(Target.of("button", "button", "Checkout"), Ink.BLUE, 4000, xy));
        assertThat(missing.reason()).isEqualTo(ApplyResult.TARGET_NOT_FOUND);
        assertThat(drawings()).isZero();
    }

    @Test
    void markupInTheEvidenceStaysTextAndClearDrawingsRemovesEverything() throws Exception {
        fx.loadAndWait("/point.html");
        String evil = "<img src=x onerror=\"window.pwned=1\">";
        fx.eval("(() => { const b = document.createElement('button'); b.id = 'evil'; b.textContent = "
                + AgentScript.json(evil) + "; document.querySelector('main').appendChild(b); return true; })()");
        double[] b = box("document.getElementById('evil')", true);
        assertThat(show(overTheWire(Target.of("button", "button", evil), Ink.RED, 10_000,
                List.of(0.0, 0.5, 1.0, 0.5))).applied()).isTrue();
        WaitForAsyncUtils.waitFor(BrowserFixture.WAIT_S, TimeUnit.SECONDS, () -> redAt(b[0] + b[2] / 2, b[1] + b[3] / 2));
        assertThat(fx.eval("[document.getElementsByTagName('img').length, window.pwned === undefined]"))
                .isEqualTo("[0,true]");
        fx.view.clearDrawings();
        WaitForAsyncUtils.waitFor(BrowserFixture.WAIT_S, TimeUnit.SECONDS, () -> drawings() == 0);
    }
}
