package dev.companion.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.companion.app.follow.ApplyResult;
import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.Codec;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Target;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Targets found by evidence: the leader's real click on one page (alice's), captured by the page
 * agent, applied on the same page as another user sees it (bob's: other order, an extra item,
 * other start states, content that arrives late; carol's: an item missing). What is pressed is
 * read from the page (window.effects names what each press meant), never from positions.
 */
class TargetResolveTest {
    private static BrowserFixture fx;

    @BeforeAll
    static void start() throws Exception {
        fx = BrowserFixture.start("/targets.html");
    }

    @AfterAll
    static void stop() throws Exception {
        if (fx != null) {
            fx.close();
        }
    }

    /** As alice: a real click at the centre of the element the expression yields; the action it became. */
    private static <T extends Action> T press(String element, Class<T> kind) throws Exception {
        clickOn(element);
        return fx.recorder.await(kind);
    }

    /** As alice, on a fresh page: a real click at the centre of the element the expression yields. */
    private static void clickOn(String element) throws Exception {
        fx.loadAndWait("/targets.html");
        fx.recorder.actions.clear();
        // the element in view, and two frames drawn (input before the first frame can go astray)
        JsonNode xy = Codec.mapper().readTree(fx.eval("(async () => { const el = " + element + ";"
                + " el.scrollIntoView({block: 'center'});"
                + " await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));"
                + " const r = el.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; })()"));
        fx.view.userClick(xy.get(0).asDouble(), xy.get(1).asDouble());
    }

    /** The action as it arrives on the wire (encoded and decoded: the evidence is checked on the way). */
    private static Action overTheWire(Action a) {
        return ((Messages.ActionMsg) Codec.decode(Codec.encode(new Messages.ActionMsg("g", "alice", 1, a)))).action();
    }

    private static ApplyResult applyAs(String user, Action a) throws Exception {
        fx.loadAndWait("/targets.html?as=" + user);
        return fx.view.apply(overTheWire(a)).get(BrowserFixture.WAIT_S, TimeUnit.SECONDS);
    }

    private static String effects() throws Exception {
        return fx.eval("window.effects");
    }

    private static final String GREEN_ADD = "[...document.querySelectorAll('#cards li')].find(li => li.textContent"
            + ".includes('Green Tea')).querySelector('button')";

    @Test
    void addToCartPressesTheSameProductWhereverItIs() throws Exception {
        Action.Click click = press(GREEN_ADD, Action.Click.class);
        Target t = click.target();
        assertThat(t.name()).isEqualTo("Add to cart");
        assertThat(t.role()).isEqualTo("button");
        assertThat(t.context()).contains("Green Tea").doesNotContain("Add to cart");
        assertThat(t.headings()).first().isEqualTo("Green Tea");
        assertThat(t.index()).isEqualTo(1);
        assertThat(t.count()).isEqualTo(3);
        assertThat(effects()).isEqualTo("[\"cart+green\"]");

        assertThat(applyAs("bob", click)).isEqualTo(ApplyResult.ok()); // bob's Green Tea is fourth
        assertThat(effects()).isEqualTo("[\"cart+green\"]");
    }

    @Test
    void aProductTheFollowerDoesNotHaveIsWaitedForThenRefusedWithAReason() throws Exception {
        Action.Click click = press(GREEN_ADD, Action.Click.class);
        fx.loadAndWait("/targets.html?as=carol");
        AtomicReference<String> waited = new AtomicReference<>();
        ApplyResult r = fx.view.apply(overTheWire(click), waited::set).get(BrowserFixture.WAIT_S, TimeUnit.SECONDS);
        assertThat(r.reason()).isEqualTo(ApplyResult.TARGET_NOT_FOUND);
        assertThat(r.detail()).startsWith("no button 'Add to cart' near 'Green Tea").endsWith("within 5 s");
        assertThat(waited.get()).startsWith("target-not-found: no button 'Add to cart' near 'Green Tea").endsWith("yet");
        assertThat(effects()).isEqualTo("[]");
    }

    @Test
    void archiveFollowsTheMessageNotTheRow() throws Exception {
        Action.Click click = press("document.querySelector('#mail tr:nth-child(1) button')", Action.Click.class);
        assertThat(click.target().context()).contains("Invoice March");
        assertThat(applyAs("bob", click)).isEqualTo(ApplyResult.ok()); // bob's third row
        assertThat(effects()).isEqualTo("[\"archive:m1\"]");
    }

    @Test
    void lookAlikesThatCannotBeToldApartAreRefused() throws Exception {
        Action.Click click = press("document.querySelector('.twin button')", Action.Click.class);
        ApplyResult r = applyAs("bob", click);
        assertThat(r.reason()).isEqualTo(ApplyResult.AMBIGUOUS_TARGET);
        assertThat(r.detail()).isEqualTo("2 buttons 'Take it' near 'Same offer' match equally");
        assertThat(effects()).isEqualTo("[]");
        // a position alone is never enough either
        ApplyResult weak = fx.view.apply(new Action.Click(fx.url("/targets.html?as=bob"), "",
                "#twins > div:nth-of-type(1) > button")).get(BrowserFixture.WAIT_S, TimeUnit.SECONDS);
        assertThat(weak.reason()).isEqualTo(ApplyResult.WEAK_TARGET);
        assertThat(effects()).isEqualTo("[]");
    }

    @Test
    void aSwitchTwoShadowRootsDeepIsSetNotFlipped() throws Exception {
        String wifi = "document.getElementById('panel').shadowRoot.querySelector('toggle-row').shadowRoot"
                + ".querySelector('[role=switch]')";
        Action.Change on = press(wifi, Action.Change.class);
        assertThat(on.checked()).isTrue();
        assertThat(on.target().role()).isEqualTo("switch");
        assertThat(on.target().name()).isEqualTo("Wi-Fi");
        assertThat(on.target().hosts()).containsExactly("settings-panel#panel", "toggle-row");
        assertThat(on.selector()).contains(" >>> ");
        // bob's switch is on already: nothing is clicked (a click would turn it off)
        assertThat(applyAs("bob", on)).isEqualTo(ApplyResult.ok());
        assertThat(effects()).isEqualTo("[]");
        assertThat(fx.evalString(wifi + ".getAttribute('aria-checked')")).isEqualTo("true");
        // set to off: bob's goes off
        Action off = new Action.Change(on.page(), "", null, null, false, null, on.target());
        assertThat(fx.view.apply(overTheWire(off)).get(BrowserFixture.WAIT_S, TimeUnit.SECONDS)).isEqualTo(ApplyResult.ok());
        assertThat(effects()).isEqualTo("[\"wifi=false\"]");
    }

    @Test
    void aCheckboxIsSetByValue() throws Exception {
        Action.Change gift = press("document.getElementById('gift')", Action.Change.class);
        assertThat(gift.checked()).isTrue();
        assertThat(gift.target().name()).isEqualTo("Gift wrap");
        assertThat(applyAs("bob", gift)).isEqualTo(ApplyResult.ok()); // bob's is ticked already
        assertThat(effects()).isEqualTo("[]");
        assertThat(fx.eval("document.getElementById('gift').checked")).isEqualTo("true");
    }

    @Test
    void aRatingIsChosenByItsLabel() throws Exception {
        Action.Change four = press("document.querySelectorAll('#stars label')[3]", Action.Change.class);
        assertThat(four.checked()).isTrue();
        assertThat(four.target().name()).isEqualTo("4 stars");
        assertThat(applyAs("bob", four)).isEqualTo(ApplyResult.ok());
        assertThat(effects()).isEqualTo("[\"rating=4\"]");
    }

    @Test
    void anOptionIsChosenByItsLabelWhenTheValuesDiffer() throws Exception {
        fx.loadAndWait("/targets.html");
        fx.recorder.actions.clear();
        fx.eval("document.getElementById('size').focus()");
        fx.view.userType("M");
        Action.Change size = fx.recorder.await(Action.Change.class);
        assertThat(size.value()).isEqualTo("m");
        assertThat(size.label()).isEqualTo("Medium");
        assertThat(applyAs("bob", size)).isEqualTo(ApplyResult.ok()); // bob's Medium has value "8"
        assertThat(effects()).isEqualTo("[\"size=Medium\"]");
    }

    @Test
    void typingIntoContenteditableIsInput() throws Exception {
        clickOn("document.getElementById('note')"); // a click into the text is not an action of its own
        WaitForAsyncUtils.waitFor(BrowserFixture.WAIT_S, TimeUnit.SECONDS,
                () -> "true".equals(fx.eval("document.activeElement === document.getElementById('note')")));
        fx.view.userType("hi");
        Action.Input typed = fx.recorder.await(Action.Input.class, a -> "hi".equals(a.value()));
        assertThat(typed.target().role()).isEqualTo("textbox");
        assertThat(typed.target().name()).isEqualTo("Note to the seller");
        assertThat(applyAs("bob", typed)).isEqualTo(ApplyResult.ok());
        assertThat(effects()).isEqualTo("[\"note=hi\"]");
    }

    @Test
    void aCardNumberTypedIntoContenteditableNeverLeaves() throws Exception {
        clickOn("document.getElementById('note')");
        WaitForAsyncUtils.waitFor(BrowserFixture.WAIT_S, TimeUnit.SECONDS,
                () -> "true".equals(fx.eval("document.activeElement === document.getElementById('note')")));
        fx.view.userType("4539 1488 0343 6467");
        WaitForAsyncUtils.waitFor(BrowserFixture.WAIT_S, TimeUnit.SECONDS,
                () -> "true".equals(fx.eval("document.getElementById('note').innerText.trim() === '4539 1488 0343 6467'")));
        // Leaving the text (its held number would go now, were it not a card number), then a click as a marker.
        JsonNode xy = Codec.mapper().readTree(fx.eval("(() => { const r = (" + GREEN_ADD + ").getBoundingClientRect();"
                + " return [r.left + r.width / 2, r.top + r.height / 2]; })()"));
        fx.view.userClick(xy.get(0).asDouble(), xy.get(1).asDouble());
        java.util.List<Action> before = new java.util.ArrayList<>();
        Action.Click marker = fx.recorder.await(Action.Click.class, a -> true, before);
        before.add(marker);
        for (Action a : before) {
            String json = Codec.mapper().writeValueAsString(a);
            assertThat(json).as("what left").doesNotContain("4539").doesNotContain("6467");
            if (a instanceof Action.Input i) {
                assertThat(i.value().chars().filter(Character::isDigit).count()).as("digits sent live").isLessThanOrEqualTo(2);
            }
        }
    }

    @Test
    void aSearchResultIsFoundByWhereItLeads() throws Exception {
        Action.Click open = press("document.querySelectorAll('#results a')[1]", Action.Click.class);
        assertThat(open.target().attrs()).containsEntry("href", "/product/black-tea");
        assertThat(applyAs("bob", open)).isEqualTo(ApplyResult.ok());
        assertThat(effects()).isEqualTo("[\"open:/product/black-tea\"]");
    }

    @Test
    void aListThatArrivesLateIsWaitedFor() throws Exception {
        Action.Click pick = press("document.querySelectorAll('#late button')[1]", Action.Click.class);
        fx.loadAndWait("/targets.html?as=bob");
        CountDownLatch waiting = new CountDownLatch(1);
        CompletableFuture<ApplyResult> r = fx.view.apply(overTheWire(pick), why -> waiting.countDown());
        assertThat(waiting.await(BrowserFixture.WAIT_S, TimeUnit.SECONDS)).isTrue();
        assertThat(r).isNotDone();
        fx.eval("window.fillLate()");
        assertThat(r.get(BrowserFixture.WAIT_S, TimeUnit.SECONDS)).isEqualTo(ApplyResult.ok());
        assertThat(effects()).isEqualTo("[\"pick:p\"]");
    }
}
