package dev.companion.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.p2p.protocol.Messages.Expect;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The page agent's check of a step's expectation (a bot's step), in real Chromium: an element and a
 * text are matched, content that comes late is waited for, and a sender cannot use an expectation
 * to read the page -- a private field (or an element holding one) never matches, a selector that
 * asks about what a field holds (its value attribute, a state pseudo-class, :has, an escape) is
 * refused, hidden text does not count, and the answer is true or false, nothing else.
 */
class ExpectationCheckTest {
    private static BrowserFixture fx;

    @BeforeAll
    static void start() throws Exception {
        fx = BrowserFixture.start("/expect.html");
    }

    @AfterAll
    static void stop() throws Exception {
        if (fx != null) {
            fx.close();
        }
    }

    @BeforeEach
    void freshPage() throws Exception {
        fx.loadAndWait("/expect.html");
    }

    private static boolean check(String element, String text) throws Exception {
        return fx.view.check(new Expect(null, element, text)).get(BrowserFixture.WAIT_S, TimeUnit.SECONDS);
    }

    @Test
    void anElementAndATextThePageShowsMatch() throws Exception {
        assertThat(check("#cart li.item", null)).isTrue();
        assertThat(check(null, "Green Tea")).isTrue();
        assertThat(check("ul > li:first-child", "250 g")).isTrue();
        assertThat(check(null, "Black Tea")).isFalse();
        assertThat(check("#cart li.missing", null)).isFalse();
        assertThat(check("#cart li.item", "Black Tea")).as("both must match").isFalse();
    }

    @Test
    void contentThatComesLateIsWaitedFor() throws Exception {
        fx.eval("window.addLater('Added: Oolong', 600)");
        assertThat(check("#late li.late", "Added: Oolong")).isTrue();
    }

    @Test
    void hiddenTextAndHiddenElementsDoNotCount() throws Exception {
        assertThat(check(null, "Secret hidden text")).isFalse();
        assertThat(check("#hidden", null)).isFalse();
    }

    @Test
    void privateFieldsNeverMatch() throws Exception {
        assertThat(check("#card", null)).as("a card number field").isFalse();
        assertThat(check("#pw", null)).as("a password").isFalse();
        assertThat(check("#pay", null)).as("a form holding private fields").isFalse();
        assertThat(check("#qty", null)).as("an ordinary field is an element like any other").isTrue();
        assertThat(check(null, "4111")).as("a field's value is not the page's text").isFalse();
    }

    @Test
    void selectorsThatAskWhatAFieldHoldsAreRefused() throws Exception {
        // each would match on this page if it were run: refused, they answer not matched
        assertThat(check("input[value^='4111'] ~ label, label", null)).isFalse();
        assertThat(check("input[ value ^= '1']", null)).isFalse();
        assertThat(check("form:has(#pw:placeholder-shown)", null)).isFalse();
        assertThat(check("#pw:placeholder-shown + input", null)).isFalse();
        assertThat(check("#qty:valid", null)).isFalse();
        assertThat(check("input[v\\61lue^='4']", null)).isFalse();
        assertThat(check("ul > li[class='item']", null)).as("a quoted value is not syntax").isTrue();
    }

    @Test
    void theAnswerCarriesNothingOfThePage() throws Exception {
        // the agent's answer is {t:'checked', id, matched}: the bridge reads matched only; a thrown
        // selector (not CSS) is not matched rather than an error text
        assertThat(check("#cart[", null)).isFalse();
        assertThat(check(":::", null)).isFalse();
    }
}
