package dev.companion.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.companion.app.follow.ApplyResult;
import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.Codec;
import dev.companion.p2p.protocol.Messages;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Places a person tells apart by something outside the element (places.html): a table cell by its
 * column's header, a card by the tab panel it is in, a name split across inline elements, an option
 * by its group (option_group), an item of one of two plain lists side by side. The leader's real click
 * (alice's page) is applied on bob's page, where each differs;
 * what was pressed is read from the page (window.effects), by meaning.
 */
class TargetPlacesTest {
    private static BrowserFixture fx;

    @BeforeAll
    static void start() throws Exception {
        fx = BrowserFixture.start("/places.html");
    }

    @AfterAll
    static void stop() throws Exception {
        if (fx != null) {
            fx.close();
        }
    }

    /** As alice, on a fresh page: a real click at the centre of the element; the action it became. */
    private static <T extends Action> T press(String element, Class<T> kind) throws Exception {
        fx.loadAndWait("/places.html");
        fx.recorder.actions.clear();
        JsonNode xy = Codec.mapper().readTree(fx.eval("(async () => { const el = " + element + ";"
                + " el.scrollIntoView({block: 'center'});"
                + " await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));"
                + " const r = el.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; })()"));
        fx.view.userClick(xy.get(0).asDouble(), xy.get(1).asDouble());
        return fx.recorder.await(kind);
    }

    private static ApplyResult applyAsBob(Action a, String before) throws Exception {
        fx.loadAndWait("/places.html?as=bob");
        if (before != null) {
            fx.eval(before);
        }
        Action wire = ((Messages.ActionMsg) Codec.decode(Codec.encode(new Messages.ActionMsg("g", "alice", 1, a)))).action();
        return fx.view.apply(wire).get(BrowserFixture.WAIT_S, TimeUnit.SECONDS);
    }

    private static String effects() throws Exception {
        return fx.eval("window.effects");
    }

    @Test
    void aCellIsToldApartByItsColumnHeader() throws Exception {
        Action.Click invoice = press("document.querySelector('#orders tbody tr:nth-child(2) .dl-invoice')", Action.Click.class);
        assertThat(invoice.target().headings()).first().isEqualTo("Invoice");
        // bob's columns (and rows) are in another order: the same row has a Download under Receipt too
        assertThat(applyAsBob(invoice, null)).isEqualTo(ApplyResult.ok());
        assertThat(effects()).isEqualTo("[\"invoice #1002\"]");
    }

    @Test
    void aCardInAnotherTabsPanelIsNotPressed() throws Exception {
        Action.Click teas = press("document.querySelector('#panel-Teas button')", Action.Click.class);
        assertThat(teas.target().landmark()).isEqualTo("tabpanel 'Teas'");
        // bob's Teas panel is hidden; the same card, with the same words, shows in his Gifts panel
        ApplyResult r = applyAsBob(teas, null);
        assertThat(r.reason()).isEqualTo(ApplyResult.TARGET_NOT_FOUND);
        assertThat(r.detail()).contains("in tabpanel 'Teas'");
        assertThat(effects()).isEqualTo("[]");
        // once bob's Teas tab is open, it is his
        assertThat(applyAsBob(teas, "(() => { document.querySelector('[aria-controls=panel-Teas]').click(); return true; })()"))
                .isEqualTo(ApplyResult.ok());
        assertThat(effects()).isEqualTo("[\"starter set Teas\"]");
    }

    @Test
    void theLastCardsTitleDoesNotHeadThePagerAfterIt() throws Exception {
        Action.Click two = press("document.getElementById('page-2')", Action.Click.class);
        assertThat(two.target().headings()).containsExactly("Teas");
        // bob's last card is Matcha, not Sencha: the pager is his all the same
        assertThat(applyAsBob(two, null)).isEqualTo(ApplyResult.ok());
        assertThat(effects()).isEqualTo("[\"page 2\"]");
    }

    @Test
    void aListBesideAnotherListIsAListOfItemsNotAnItem() throws Exception {
        Action.Click oolong = press("document.querySelector('#shelf-teas li:nth-child(1) button')", Action.Click.class);
        assertThat(oolong.target().context()).isEqualTo("Oolong €4.50");
        // bob's price differs and his teas are in another order: his list's text (all the teas' words)
        // is no item of its own, so "Oolong" is not a word every candidate's item shares
        assertThat(applyAsBob(oolong, null)).isEqualTo(ApplyResult.ok());
        assertThat(effects()).isEqualTo("[\"save Oolong\"]");
        // without bob's Oolong nothing is pressed: the list's text, which names it, is no item of Sencha's
        ApplyResult r = applyAsBob(oolong, "(() => { document.querySelector('#shelf-teas li:nth-child(3)').remove(); return true; })()");
        assertThat(r.reason()).as(r.detail()).isEqualTo(ApplyResult.TARGET_NOT_FOUND);
        assertThat(r.detail()).contains("near 'Oolong €4.50'");
        assertThat(effects()).isEqualTo("[]");
    }

    @Test
    void textSplitAcrossInlineElementsIsOneWord() throws Exception {
        Action.Click black = press("document.querySelector('#split li:nth-child(1) button')", Action.Click.class);
        assertThat(black.target().context()).isEqualTo("Black Tea");
        assertThat(applyAsBob(black, null)).isEqualTo(ApplyResult.ok());
        assertThat(effects()).isEqualTo("[\"add black\"]");
    }

    @Test
    void anOptionIsToldApartByItsGroupAndNeverTakenFromAnother() throws Exception {
        fx.loadAndWait("/places.html");
        fx.recorder.actions.clear();
        fx.eval("document.getElementById('drink').focus()");
        fx.view.userType("L");
        Action.Change large = fx.recorder.await(Action.Change.class);
        assertThat(List.of(large.value(), large.label(), large.optionGroup())).containsExactly("Tea-Large", "Large", "Tea");
        // bob's values are numbers and "Large" is under Coffee and under Tea: his group says which
        assertThat(applyAsBob(large, null)).isEqualTo(ApplyResult.ok());
        assertThat(effects()).isEqualTo("[\"drink sku-35\"]");
        // without its group (an older sender) two options fit: nothing is chosen
        Action.Change older = new Action.Change(large.page(), "", large.selector(), large.value(), null, "Large",
                large.target());
        ApplyResult r = applyAsBob(older, null);
        assertThat(r.reason()).isEqualTo(ApplyResult.AMBIGUOUS_TARGET);
        assertThat(r.detail()).contains("2 options 'Large' (in 'Coffee', 'Tea')");
        assertThat(effects()).isEqualTo("[]");
        // a group this page does not have: no "Large" of another group is taken for it
        Action.Change juice = new Action.Change(large.page(), "", large.selector(), large.value(), null, "Large",
                large.target(), "Juice");
        ApplyResult none = applyAsBob(juice, null);
        assertThat(none.reason()).isEqualTo(ApplyResult.BAD_VALUE);
        assertThat(none.detail()).contains("no option 'Large' in 'Juice'");
        assertThat(effects()).isEqualTo("[]");
        assertThat(fx.eval("document.getElementById('drink').value")).isEqualTo("\"\"");
    }
}
