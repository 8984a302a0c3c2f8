package dev.companion.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.app.follow.ApplyResult;
import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.Codec;
import dev.companion.p2p.protocol.Messages.FieldState;
import dev.companion.p2p.protocol.Messages.PageState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.scene.input.MouseButton;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Nothing sensitive leaves, whatever its shape: a page with dozens of sensitive fields (passwords,
 * cards, CVCs, expiry dates, IBANs, PINs, one-time and SMS codes, ID numbers, in English and Chinese,
 * by type, autocomplete, name, label, placeholder, aria-label, title, inputmode and maxlength,
 * pattern, CSS masking, a script that turned a password into text, a login outside a form, a sign-in
 * form, fields marked private, and unlabeled fields that only the typed value gives away), each filled
 * with a canary by real typing through the window; no captured action and no snapshot holds any
 * canary or names any of these fields, while the clearly harmless fields (search, quantity,
 * comment, promo code, postal code, a name) still travel. Applying to them and restoring them are
 * refused.
 */
class PrivacyCanaryTest {
    private static BrowserFixture fx;
    private static final FxRobot robot = new FxRobot();

    /** A field of privacy.html and what is typed into it. */
    private record Field(String id, String canary) {
        String selector() {
            return "#" + id;
        }
    }

    /** Private by what the field is (type, attributes, names, labels, container). */
    private static final List<Field> SENSITIVE = List.of(
            new Field("f01", "pw-Canary-01"), new Field("f02", "5500005555555559"), new Field("f03", "cvc-Canary-03"),
            new Field("f04", "582047"), new Field("f05", "nw-Canary-05"), new Field("f06", "4012888888881881"),
            new Field("f07", "c07-Canary"), new Field("f08", "exp-Canary-08"), new Field("f09", "card-Canary-09"),
            new Field("f10", "sec-Canary-10"), new Field("f11", "DE89370400440532013000"), new Field("f12", "acct-Canary-12"),
            new Field("f13", "pin-Canary-13"), new Field("f14", "vc-Canary-14"), new Field("f15", "cn-Canary-15"),
            new Field("f16", "mm-Canary-16"), new Field("f17", "sfz-Canary-17"), new Field("f18", "aqm-Canary-18"),
            new Field("f19", "730519"), new Field("f20", "8264"), new Field("f21", "4"), new Field("f22", "9"),
            new Field("f23", "mask-Canary-23"), new Field("f24", "font-Canary-24"), new Field("f25", "sw-Canary-25"),
            new Field("f26", "login-Canary-26"), new Field("f27", "lpw-Canary-27"), new Field("f28", "ssn-Canary-28"),
            new Field("f29", "ss-Canary-29"), new Field("f30", "pp-Canary-30"), new Field("f31", "ta-Canary-31"),
            new Field("f32", "otp-Canary-32"), new Field("f33", "olb-Canary-33"), new Field("f34", "604918"),
            new Field("f35", "user-Canary-35"), new Field("f36", "sa-Canary-36"), new Field("f37", "ti-Canary-37"),
            new Field("f38", "pwd-Canary-38"), new Field("f39", "dcp-Canary-39"), new Field("f40", "sf-Canary-40"),
            new Field("f41", "sfp-Canary-41"), new Field("f42", "cc-Canary-42"), new Field("f43", "cv-Canary-43"),
            new Field("f44", "ex-Canary-44"), new Field("f45", "yxq-Canary-45"), new Field("f46", "nid-Canary-46"),
            new Field("f47", "rt-Canary-47"));
    /** No hint at all: private because of the value typed (card numbers, ID numbers). */
    private static final List<Field> BY_VALUE = List.of(
            new Field("v01", "4539 1488 0343 6467"), new Field("v02", "6011-0009-9013-9424"),
            new Field("v03", "11010519491231002X"), new Field("v04", "078-05-1120"));
    /** Clearly not sensitive: these travel (the postal code once complete, when the field is left). */
    private static final List<Field> HARMLESS = List.of(
            new Field("search", "oolong"), new Field("qty", "2"), new Field("comment", "Happy birthday, grandma"),
            new Field("promo", "SPRING24"), new Field("zip", "100080"), new Field("recipient", "Grandma Li"));

    @BeforeAll
    static void start() throws Exception {
        fx = BrowserFixture.start("/privacy.html");
    }

    @AfterAll
    static void stop() throws Exception {
        if (fx != null) {
            fx.close();
        }
    }

    private static void type(Field f) throws Exception {
        robot.moveTo(fx.screenPointOf(f.selector()));
        robot.clickOn(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitFor(BrowserFixture.WAIT_S, TimeUnit.SECONDS,
                () -> f.id().equals(fx.evalString("document.activeElement.id")));
        robot.write(f.canary());
        String js = "document.getElementById(" + AgentScript.json(f.id()) + ").value";
        String[] last = {null};
        try {
            WaitForAsyncUtils.waitFor(BrowserFixture.WAIT_S, TimeUnit.SECONDS, () -> f.canary().equals(last[0] = fx.evalString(js)));
        } catch (java.util.concurrent.TimeoutException e) {
            assertThat(last[0]).as("what reached " + f.id()).isEqualTo(f.canary());
        }
    }

    private static long digits(String s) {
        return s == null ? 0 : s.chars().filter(Character::isDigit).count();
    }

    @Test
    void nothingSensitiveLeavesWhileHarmlessFieldsTravel() throws Exception {
        fx.loadAndWait("/privacy.html");
        fx.recorder.actions.clear();
        List<Field> all = new ArrayList<>(SENSITIVE);
        all.addAll(BY_VALUE);
        all.addAll(HARMLESS);
        for (Field f : all) {
            type(f);
        }
        // Leaving the last field (a change event), then a marker: everything before it has arrived by then.
        robot.moveTo(fx.screenPointOf("#search"));
        robot.clickOn(MouseButton.PRIMARY);
        robot.write("!");
        List<Action> captured = new ArrayList<>();
        Action.Input marker = fx.recorder.await(Action.Input.class, a -> "oolong!".equals(a.value()), captured);
        captured.add(marker);

        List<String> json = new ArrayList<>();
        for (Action a : captured) {
            json.add(Codec.mapper().writeValueAsString(a));
        }
        List<String> secrets = new ArrayList<>();
        SENSITIVE.forEach(f -> secrets.add(f.canary()));
        BY_VALUE.forEach(f -> secrets.add(f.canary()));
        for (String canary : secrets) {
            if (canary.length() >= 4) {
                assertThat(json).as("actions holding " + canary).noneMatch(j -> j.contains(canary));
            }
        }
        List<String> sensitiveSelectors = SENSITIVE.stream().map(Field::selector).toList();
        assertThat(captured).as("actions on sensitive fields").noneMatch(a -> sensitiveSelectors.contains(selectorOf(a)));
        // Without a hint, a number goes live only up to two digits: no card or ID number ever leaves.
        for (Field f : BY_VALUE) {
            assertThat(captured.stream().filter(a -> a instanceof Action.Input i && i.selector().equals(f.selector())))
                    .as(f.id()).allMatch(a -> digits(((Action.Input) a).value()) <= 2);
        }

        // The harmless fields travel with what was typed; a complete number when the field was left.
        for (Field f : HARMLESS) {
            assertThat(captured).as(f.id()).anyMatch(a -> a instanceof Action.Input i
                    && i.selector().equals(f.selector()) && i.value().equals(f.canary()));
        }
        assertThat(captured.stream().filter(a -> a instanceof Action.Input i && i.selector().equals("#zip"))
                .map(a -> ((Action.Input) a).value()).collect(Collectors.toList()))
                .as("the postal code: live up to 2 digits, then whole").allMatch(v -> digits(v) <= 2 || v.equals("100080"));

        // The catch-up snapshot: the harmless fields only.
        PageState state = fx.view.snapshot().get(BrowserFixture.WAIT_S, TimeUnit.SECONDS);
        String stateJson = Codec.mapper().writeValueAsString(state);
        for (String canary : secrets) {
            if (canary.length() >= 4) {
                assertThat(stateJson).as("snapshot holding " + canary).doesNotContain(canary);
            }
        }
        assertThat(state.fields()).extracting(FieldState::selector)
                .containsExactlyInAnyOrder("#search", "#qty", "#comment", "#promo", "#zip", "#recipient");
        // What judging ~60 filled fields costs a snapshot (a figure, not an assertion).
        long[] micros = new long[9];
        for (int i = 0; i < micros.length; i++) {
            long t0 = System.nanoTime();
            fx.view.snapshot().get(BrowserFixture.WAIT_S, TimeUnit.SECONDS);
            micros[i] = (System.nanoTime() - t0) / 1000;
        }
        java.util.Arrays.sort(micros);
        System.out.printf("snapshot round trip (privacy page, %d filled fields): median %d us, max %d us%n",
                all.size(), micros[4], micros[8]);
    }

    private static String selectorOf(Action a) {
        return switch (a) {
            case Action.Input i -> i.selector();
            case Action.Change c -> c.selector();
            case Action.Click c -> c.selector();
            case Action.Submit s -> s.selector();
            default -> null;
        };
    }

    /**
     * A press in private context still travels, marked owner_only, so each member presses their own:
     * the "Go" beside a password field outside a form (a click) and "Sign in" in a sign-in form (a
     * submit). Their evidence says what the element is and nothing around it; no canary in them.
     */
    @Test
    void aPressInPrivateContextTravelsOwnerOnlyWithNothingAroundIt() throws Exception {
        fx.loadAndWait("/privacy.html");
        type(new Field("f27", "lpw-Canary-27"));
        fx.recorder.actions.clear();
        robot.moveTo(fx.screenPointOf("#f26-go"));
        robot.clickOn(MouseButton.PRIMARY);
        List<Action> before = new ArrayList<>();
        Action.Click go = fx.recorder.await(Action.Click.class, c -> "#f26-go".equals(c.selector()), before);
        assertThat(go.ownerOnly()).isTrue();
        assertThat(go.target().name()).isEqualTo("Go");
        assertThat(go.target().context()).isNull();
        assertThat(go.target().headings()).isNullOrEmpty();
        assertThat(Codec.mapper().writeValueAsString(go)).doesNotContain("Canary").contains("\"owner_only\":true");

        type(new Field("f41", "sfp-Canary-41"));
        robot.moveTo(fx.screenPointOf("#f40-go"));
        robot.clickOn(MouseButton.PRIMARY);
        Action.Submit signIn = fx.recorder.await(Action.Submit.class, a -> "#f40-form".equals(a.selector()), before);
        assertThat(signIn.markedOwnerOnly()).isTrue();
        assertThat(signIn.target().text()).isNull();
        assertThat(signIn.target().context()).isNull();
        assertThat(signIn.via().name()).isEqualTo("Sign in");
        assertThat(signIn.submitter()).isEqualTo("#f40-go");
        assertThat(Codec.mapper().writeValueAsString(signIn)).doesNotContain("Canary");
        // nothing typed into the private fields travelled on the way
        assertThat(before).noneMatch(a -> a instanceof Action.Input);
    }

    @Test
    void sensitiveFieldsAreNeitherFilledNorRestored() throws Exception {
        fx.loadAndWait("/privacy.html");
        String page = fx.url("/privacy.html");
        List<FieldState> planted = new ArrayList<>();
        for (Field f : SENSITIVE) {
            ApplyResult r = fx.view.apply(new Action.Input(page, "", f.selector(), "planted")).get(BrowserFixture.WAIT_S, TimeUnit.SECONDS);
            assertThat(r).as(f.id()).isEqualTo(ApplyResult.failed(ApplyResult.PRIVATE_FIELD));
            planted.add(new FieldState("", f.selector(), "planted", null));
        }
        planted.add(new FieldState("", "#search", "restored", null));
        ApplyResult restored = fx.view.restore(new PageState(page, planted, 0, 0, List.of()))
                .get(BrowserFixture.WAIT_S, TimeUnit.SECONDS);
        assertThat(restored).isEqualTo(ApplyResult.failed(SENSITIVE.size() + " private fields skipped"));
        assertThat(fx.evalString("document.getElementById('search').value")).isEqualTo("restored");
        assertThat(fx.eval("[...document.querySelectorAll('input, textarea')].filter(e => e.value === 'planted').length"))
                .isEqualTo("0");
    }
}
