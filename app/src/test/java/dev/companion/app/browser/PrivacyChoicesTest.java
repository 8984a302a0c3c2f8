package dev.companion.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.app.follow.ApplyResult;
import dev.companion.app.privacy.SitePolicy;
import dev.companion.app.privacy.SitePrivacy;
import dev.companion.app.store.LocalStore;
import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.Codec;
import dev.companion.p2p.protocol.Messages.PageState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The choices that make a field travel or stay: the site author's {@code data-companion-share}, the
 * user's "share this field" (remembered per site and selector in the profile, pushed into the open
 * page), and the per-site "share nothing typed" (also over frames of other sites inside it). The
 * rules come from the app only: a page that calls the agent's entry point without the token, or
 * marks a password field shared, changes nothing.
 */
class PrivacyChoicesTest {
    private static final String SITE = "127.0.0.1";
    private static BrowserFixture fx;
    private static final FxRobot robot = new FxRobot();
    private static PrivacyProfile profile;
    private static LocalStore store;
    private static SitePrivacy privacy;

    @BeforeAll
    static void start() throws Exception {
        fx = BrowserFixture.start("/privacy.html");
        profile = PrivacyProfile.on(fx, "companion-privacy-test");
        store = profile.store;
        privacy = profile.privacy;
    }

    @AfterAll
    static void stop() throws Exception {
        if (fx != null) {
            fx.close();
        }
        if (profile != null) {
            profile.close();
        }
    }

    @AfterEach
    void defaults() {
        privacy.setPolicy(SITE, SitePolicy.NOT_SENSITIVE);
        privacy.setPolicy("localhost", SitePolicy.NOT_SENSITIVE);
    }

    private static void clickOn(String selector) throws Exception {
        robot.moveTo(fx.screenPointOf(selector));
        robot.clickOn(MouseButton.PRIMARY);
    }

    /** Clicks into the field and types text at its end; waits until the field holds what was expected. */
    private static void typeInto(String frameSelector, String id, String text, String expected) throws Exception {
        String element = "document.getElementById(" + AgentScript.json(id) + ")";
        robot.moveTo(fx.screenPointOf(frameSelector, element));
        robot.clickOn(MouseButton.PRIMARY);
        robot.type(KeyCode.END);
        robot.write(text);
        String doc = frameSelector == null ? "document"
                : "document.querySelector(" + AgentScript.json(frameSelector) + ").contentDocument";
        String js = "(function(document){ return " + element + ".value; })(" + doc + ")";
        WaitForAsyncUtils.waitFor(BrowserFixture.WAIT_S, TimeUnit.SECONDS, () -> expected.equals(fx.evalString(js)));
    }

    private static void typeInto(String id, String text, String expected) throws Exception {
        typeInto(null, id, text, expected);
    }

    /** Ticks #marker and returns what was captured before its change (everything typed before has arrived). */
    private static List<Action> untilMarker() throws Exception {
        clickOn("#marker");
        List<Action> before = new ArrayList<>();
        fx.recorder.await(Action.Change.class, c -> "#marker".equals(c.selector()), before);
        return before;
    }

    private static Predicate<Action> inputOn(String selector) {
        return a -> a instanceof Action.Input i && i.selector().equals(selector);
    }

    /** Clicks into a field of the top page and waits until the app knows it has the focus. */
    private static FocusedField focusOn(String id) throws Exception {
        clickOn("#" + id);
        return awaitFocus(f -> ("#" + id).equals(f.selector()));
    }

    private static FocusedField awaitFocus(Predicate<FocusedField> expected) throws Exception {
        WaitForAsyncUtils.waitFor(BrowserFixture.WAIT_S, TimeUnit.SECONDS, () -> {
            FocusedField f = fx.view.focusedFieldProperty().get();
            return f != null && expected.test(f);
        });
        return fx.view.focusedFieldProperty().get();
    }

    private static void fresh(String path) throws Exception {
        fx.loadAndWait(path);
        fx.recorder.actions.clear();
    }

    @Test
    void theSiteAuthorsOptInSharesAFieldButNeverAPassword() throws Exception {
        fresh("/privacy.html");
        // "Gift card number", and a card number typed in it: the site says this field is shared.
        typeInto("gift-code", "4111 1111 1111 1111", "4111 1111 1111 1111");
        fx.recorder.await(Action.Input.class, a -> a.selector().equals("#gift-code") && a.value().equals("4111 1111 1111 1111"));
        assertThat(awaitFocus(f -> "#gift-code".equals(f.selector())).reason()).isNull();
        // A password field inside the opt-in stays private.
        typeInto("shared-pw", "hush-opt", "hush-opt");
        assertThat(awaitFocus(f -> "#shared-pw".equals(f.selector()))).satisfies(f -> {
            assertThat(f.reason()).isEqualTo("password");
            assertThat(f.fixed()).isTrue();
            assertThat(f.choosable()).isFalse();
        });
        assertThat(untilMarker()).noneMatch(inputOn("#shared-pw"));
    }

    @Test
    void theUserSharesOneFieldAndTheProfileRemembersIt() throws Exception {
        fresh("/privacy.html");
        typeInto("member", "M-0042", "M-0042");
        FocusedField member = awaitFocus(f -> "#member".equals(f.selector()));
        assertThat(member).isEqualTo(new FocusedField(SITE, "", "#member", "card", false, false));
        assertThat(member.choosable()).isTrue();
        assertThat(untilMarker()).noneMatch(inputOn("#member"));

        // What the sidebar's "share this field with the group" does: pushed into the open page, which
        // tells the app about the focused field again.
        focusOn("member");
        privacy.share(member.site(), member.selector());
        assertThat(awaitFocus(f -> "#member".equals(f.selector()) && f.shared()).reason()).isNull();
        typeInto("member", "7", "M-00427");
        fx.recorder.await(Action.Input.class, a -> a.selector().equals("#member") && a.value().equals("M-00427"));

        // Kept in the profile: the database, opened again, has it, and a browser given those rules shares it.
        SitePrivacy.Rules stored;
        try (LocalStore reopened = LocalStore.open(profile.folder)) {
            stored = reopened.sitePrivacyRules();
        }
        assertThat(stored.shared()).containsEntry(SITE, java.util.Set.of("#member"));
        fx.engine.setPrivacy(new SitePrivacy(stored, store.sitePrivacyStore()));
        try {
            fresh("/privacy.html");
            typeInto("member", "8", "8");
            fx.recorder.await(Action.Input.class, a -> a.selector().equals("#member") && a.value().equals("8"));
        } finally {
            fx.engine.setPrivacy(privacy);
        }

        // Private again once the user takes it back.
        privacy.unshare(SITE, "#member");
        assertThat(store.sitePrivacyRules().shared()).doesNotContainKey(SITE);
        fresh("/privacy.html");
        typeInto("member", "9", "9");
        assertThat(untilMarker()).noneMatch(inputOn("#member"));
    }

    @Test
    void shareNothingTypedOnThisSite() throws Exception {
        privacy.setPolicy(SITE, SitePolicy.NOTHING_TYPED);
        fresh("/page.html");
        typeInto("name", "nothing-typed", "nothing-typed");
        assertThat(awaitFocus(f -> "#name".equals(f.selector()))).satisfies(f -> {
            assertThat(f.reason()).isEqualTo("site");
            assertThat(f.choosable()).isFalse();
        });
        // Choices still travel: a checkbox.
        clickOn("#agree");
        List<Action> before = new ArrayList<>();
        fx.recorder.await(Action.Change.class, c -> "#agree".equals(c.selector()), before);
        assertThat(before).noneMatch(inputOn("#name"));
        // Neither in a snapshot, nor filled, nor restored.
        PageState state = fx.view.snapshot().get(BrowserFixture.WAIT_S, TimeUnit.SECONDS);
        assertThat(Codec.mapper().writeValueAsString(state)).doesNotContain("nothing-typed").contains("#agree");
        assertThat(fx.view.apply(new Action.Input(fx.url("/page.html"), "", "#react", "filled?"))
                .get(BrowserFixture.WAIT_S, TimeUnit.SECONDS)).isEqualTo(ApplyResult.failed(ApplyResult.PRIVATE_FIELD));

        // Back to the default: pushed into the open page, typing travels again.
        focusOn("name");
        privacy.setPolicy(SITE, SitePolicy.NOT_SENSITIVE);
        awaitFocus(f -> "#name".equals(f.selector()) && f.reason() == null);
        typeInto("name", "!", "nothing-typed!");
        fx.recorder.await(Action.Input.class, a -> a.selector().equals("#name") && a.value().equals("nothing-typed!"));
        assertThat(store.sitePrivacyRules().policies()).containsEntry(SITE, SitePolicy.NOT_SENSITIVE);
    }

    @Test
    void aContenteditableOnANothingTypedSiteSharesNothingEither() throws Exception {
        privacy.setPolicy(SITE, SitePolicy.NOTHING_TYPED);
        fresh("/targets.html");
        clickOn("#note");
        robot.write("typed-note");
        WaitForAsyncUtils.waitFor(BrowserFixture.WAIT_S, TimeUnit.SECONDS,
                () -> "typed-note".equals(fx.evalString("document.getElementById('note').innerText.trim()")));
        clickOn("#gift");
        List<Action> before = new ArrayList<>();
        Action gift = fx.recorder.await(Action.Change.class, c -> "#gift".equals(c.selector()), before);
        before.add(gift);
        for (Action a : before) {
            assertThat(Codec.mapper().writeValueAsString(a)).doesNotContain("typed-note");
        }
        assertThat(fx.view.apply(new Action.Input(fx.url("/targets.html"), "", "#note", "filled?"))
                .get(BrowserFixture.WAIT_S, TimeUnit.SECONDS)).isEqualTo(ApplyResult.failed(ApplyResult.PRIVATE_FIELD));
    }

    @Test
    void aFrameOfAnotherSiteInsideAPrivateSiteSharesNothingTyped() throws Exception {
        privacy.setPolicy(SITE, SitePolicy.NOTHING_TYPED);
        fx.recorder.clearReady();
        fx.view.load(fx.url("/cross-field.html"));
        fx.recorder.awaitReady(fx.url("/field-inner.html").replace("127.0.0.1", "localhost"), "0");
        fx.recorder.actions.clear();
        typeInFrame("framed", "framed");
        // The frame's own site has no choice of its own: the page around it decides.
        FocusedField inner = awaitFocus(f -> "#innerText".equals(f.selector()) && f.frame().equals("0"));
        assertThat(inner.site()).isEqualTo("localhost");
        assertThat(inner.reason()).isEqualTo("site");

        privacy.setPolicy(SITE, SitePolicy.NOT_SENSITIVE);
        awaitFocus(f -> "#innerText".equals(f.selector()) && f.reason() == null);
        typeInFrame("!", "framed!");
        // The frame's messages come in order: what it captured before "framed!" is in skipped.
        List<Action> skipped = new ArrayList<>();
        Action.Input typed = fx.recorder.await(Action.Input.class, a -> a.value().equals("framed!"), skipped);
        assertThat(typed.frame()).isEqualTo("0");
        assertThat(skipped).noneMatch(a -> a instanceof Action.Input);
    }

    /** Clicks into the field of the other site's frame (where it says it is), types at its end. */
    private static void typeInFrame(String text, String expected) throws Exception {
        // The field must hold the focus before typing. A click can miss while the frame (another
        // site: its own renderer) is still settling (CI saw one): then the frame is asked where its
        // field is again and the click is given again, up to three times; a miss says where it went.
        for (int attempt = 1; ; attempt++) {
            robot.moveTo(innerFieldOnScreen());
            robot.clickOn(MouseButton.PRIMARY);
            try {
                WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> {
                    FocusedField f = fx.view.focusedFieldProperty().get();
                    return f != null && "#innerText".equals(f.selector()) && "0".equals(f.frame());
                });
                break;
            } catch (java.util.concurrent.TimeoutException e) {
                if (attempt == 3) {
                    throw new AssertionError("the frame's field never took the focus; the frame heard: "
                            + fx.eval("window.messages") + ", focused: " + fx.view.focusedFieldProperty().get(), e);
                }
                fx.eval("(() => { window.innerField = null;"
                        + " document.getElementById('child').contentWindow.postMessage('where', '*'); return 1; })()");
            }
        }
        robot.type(KeyCode.END);
        robot.write(text);
        WaitForAsyncUtils.waitFor(BrowserFixture.WAIT_S, TimeUnit.SECONDS,
                () -> fx.eval("window.messages.includes(" + AgentScript.json("input:" + expected) + ")").equals("true"));
    }

    /** The screen point of the frame's field, from the position the frame last posted. */
    private static javafx.geometry.Point2D innerFieldOnScreen() throws Exception {
        WaitForAsyncUtils.waitFor(BrowserFixture.WAIT_S, TimeUnit.SECONDS, () -> !fx.eval("window.innerField").equals("null"));
        com.fasterxml.jackson.databind.JsonNode xy = Codec.mapper().readTree(fx.eval("(() => { const f = document.getElementById('child');"
                + " const r = f.getBoundingClientRect(); return [r.left + f.clientLeft + window.innerField[0],"
                + " r.top + f.clientTop + window.innerField[1]]; })()"));
        return WaitForAsyncUtils.asyncFx(() -> fx.view.node().localToScreen(
                xy.get(0).asDouble(), xy.get(1).asDouble())).get(BrowserFixture.WAIT_S, TimeUnit.SECONDS);
    }

    @Test
    void thePageCannotLoosenTheRules() throws Exception {
        privacy.setPolicy(SITE, SitePolicy.NOTHING_TYPED);
        fresh("/page.html");
        // The agent's entry point is on the document (under a random name the page can find):
        // without the app's token, rules from the page are ignored; and an opt-in does not beat them.
        fx.eval("(() => { const key = Object.getOwnPropertyNames(document).find(k => k.startsWith('__companion_'));"
                + " const rules = JSON.stringify({sites: {[location.origin]: {nothing: false, shared: ['#name', '#pw']}}});"
                + " for (const token of ['', 'guess', undefined, null]) document[key].privacy(rules, token);"
                + " document.body.setAttribute('data-companion-share', ''); return key.length; })()");
        typeInto("name", "page-says-share", "page-says-share");
        typeInto("pw", "pw-page-says-share", "pw-page-says-share");
        assertThat(untilMarkerOnPage()).noneMatch(inputOn("#name")).noneMatch(inputOn("#pw"));
        // Once the site is back to the default, the page's opt-in shares #name, never the password.
        focusOn("name");
        privacy.setPolicy(SITE, SitePolicy.NOT_SENSITIVE);
        awaitFocus(f -> "#name".equals(f.selector()) && f.reason() == null);
        typeInto("name", "!", "page-says-share!");
        typeInto("pw", "!", "pw-page-says-share!");
        List<Action> before = untilMarkerOnPage();
        assertThat(before).anyMatch(a -> inputOn("#name").test(a) && ((Action.Input) a).value().equals("page-says-share!"));
        assertThat(before).noneMatch(inputOn("#pw"));
    }

    /** page.html's checkbox as the marker. */
    private static List<Action> untilMarkerOnPage() throws Exception {
        clickOn("#agree");
        List<Action> before = new ArrayList<>();
        fx.recorder.await(Action.Change.class, c -> "#agree".equals(c.selector()), before);
        return before;
    }
}
