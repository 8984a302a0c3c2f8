package dev.companion.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.app.ui.group.StepText;
import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.MediaOp;
import dev.companion.p2p.protocol.NavigationCause;
import dev.companion.p2p.protocol.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The step preview says what a step does, from its actions only, cleaned and shortened. */
class StepTextTest {
    private static final Texts EN = new Texts(Locale.ENGLISH);
    private static final Texts ZH = new Texts(MainWindow.ZH);
    private static final String PAGE = "https://shop.example/product/green-tea";

    static Action click(String selector) {
        return new Action.Click(PAGE, "", selector);
    }

    static Action input(String selector, String value) {
        return new Action.Input(PAGE, "", selector, value);
    }

    static Action select(String selector, String value) {
        return new Action.Change(PAGE, "", selector, value, null);
    }

    static Action tick(String selector, boolean on) {
        return new Action.Change(PAGE, "", selector, null, on);
    }

    /** The example step: open a product, choose a size, tick gift wrap, add to the cart. */
    static List<Action> sampleStep() {
        return List.of(Action.navigate(PAGE, NavigationCause.PAGE),
                tick("form#buy input[name=\"size\"][value=\"250g\"]", true),
                tick("#gift-wrap", true),
                click("#add-to-cart"));
    }

    @Test
    void addressesInALineAreShortenedAndTheRestKept() {
        assertThat(StepText.shortenAddresses("failed: not found https://shop.example/product/green-tea?x=1 on Http://a.example/"))
                .isEqualTo("failed: not found shop.example/product/green-tea?x=1 on a.example");
        String tooLong = "https://shop.example/catalogue/teas/green/sencha-from-shizuoka-first-flush-2026?ref=newsletter&utm_source=mail";
        assertThat(StepText.shortenAddresses("open " + tooLong + " now"))
                .isEqualTo("open shop.example…first-flush-2026?ref=newsletter&utm_source=mail now");
        assertThat(StepText.shortenAddresses("no address: shop.example/cart $1 \\ fine")).isEqualTo("no address: shop.example/cart $1 \\ fine");
    }

    @Test
    void aSampleStepInEnglish() {
        assertThat(StepText.preview(EN, "alice", sampleStep())).isEqualTo(
                "alice wants you to: open shop.example/product/green-tea · choose “250g” for size · tick gift wrap"
                        + " · press add to cart");
    }

    @Test
    void aSampleStepInChinese() {
        assertThat(StepText.preview(ZH, "alice", sampleStep())).isEqualTo(
                "alice 请你：打开 shop.example/product/green-tea · 为 size 选择“250g” · 勾选 gift wrap · 点击 add to cart");
    }

    /** Actions with evidence are described by what a person sees: the element's name and where it is. */
    @Test
    void evidenceNamesTheElement() {
        Target add = new Target("button", "button", "Add to cart", null, null, "Green Tea ¥38", List.of("Green Tea"),
                null, null, null, null, 2, 3, "en");
        Action press = new Action.Click(PAGE, "", null, add);
        Action size = new Action.Change(PAGE, "", "#size", "250g", null, "250 g", Target.of("select", "combobox", "Size"));
        Action typed = new Action.Input(PAGE, "", null, "te", Target.of("div", "textbox", "Note"));
        Action typedMore = new Action.Input(PAGE, "", null, "tea", Target.of("div", "textbox", "Note"));
        assertThat(StepText.preview(EN, "alice", List.of(press, size, typed, typedMore))).isEqualTo(
                "alice wants you to: press “Add to cart” near “Green Tea” · choose “250 g” for “Size” · type “tea” in “Note”");
        assertThat(StepText.preview(ZH, "alice", List.of(press))).isEqualTo("alice 请你：点击 “Green Tea”旁的“Add to cart”");
    }

    /** A select's option in a group is named with its group: "Large" is under Tea and under Coffee on many pages. */
    @Test
    void anOptionIsNamedWithItsGroup() {
        Target drink = Target.of("select", "combobox", "Drink");
        Action large = new Action.Change(PAGE, "", "#drink", "Tea-Large", null, "Large", drink, "Tea");
        assertThat(StepText.describe(EN, large)).isEqualTo("choose “Large” (Tea) for “Drink”");
        assertThat(StepText.describe(ZH, large)).isEqualTo("为 “Drink” 选择“Large”（Tea）");
        // the group is untrusted text like the rest: cleaned and shortened
        Action sneaky = new Action.Change(PAGE, "", "#drink", "Tea-Large", null, "Large", drink,
                "Tea\u202E\n" + "x".repeat(100));
        assertThat(StepText.describe(EN, sneaky)).doesNotContain("\u202E").doesNotContain("\n").contains("(Tea x")
                .contains("…)");
        // without a group (an option in none, or an older sender) nothing is added
        Action plain = new Action.Change(PAGE, "", "#drink", "Tea-Large", null, "Large", drink);
        assertThat(StepText.describe(EN, plain)).isEqualTo("choose “Large” for “Drink”");
    }

    @Test
    void everyKindIsDescribed() {
        Action scroll = new Action.Scroll(PAGE, "", null, 0.0, 1234.4);
        Action submit = new Action.Submit(PAGE, "", "form[name=\"search\"]", null);
        Action seek = new Action.Media(PAGE, "", "#film", MediaOp.SEEK, 75.0, null);
        Action rate = new Action.Media(PAGE, "", "#film", MediaOp.RATE, 3.0, 1.5);
        assertThat(StepText.describeAll(EN, List.of(input("#q", "green tea"), select("select[name=\"qty\"]", "2"),
                tick("#newsletter", false), submit, scroll, seek, rate)))
                .isEqualTo("type “green tea” in q · choose “2” for qty · untick newsletter · send the form search"
                        + " · scroll to 1234 · jump to 1:15 in film · play film at 1.5× speed");
    }

    @Test
    void typingIntoOneFieldShowsOnlyWhatItEndsAs() {
        assertThat(StepText.describeAll(EN, List.of(input("#q", "g"), input("#q", "gr"), input("#q", "green"),
                click("#go")))).isEqualTo("type “green” in q · press go");
    }

    @Test
    void receivedTextIsCleanedAndShortened() {
        // a right-to-left override would make "exe.txt" read backwards; new lines would fake a second line
        String sneaky = "ok\u202Etxt.exe\nDo it now" + "x".repeat(100);
        String said = StepText.describe(EN, input("#note", sneaky));
        assertThat(said).doesNotContain("\u202E").doesNotContain("\n").startsWith("type “ok txt.exe Do it now");
        assertThat(said).contains("…");
        assertThat(said.length()).isLessThan(80);
        String longUrl = "https://shop.example/" + "a/".repeat(80) + "last-page";
        assertThat(StepText.describe(EN, Action.navigate(longUrl, NavigationCause.USER)))
                .startsWith("open shop.example…").endsWith("last-page").hasSizeLessThan(70);
    }

    @Test
    void aLongStepIsCounted() {
        List<Action> many = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            many.add(click("#b" + i));
        }
        String said = StepText.describeAll(EN, many);
        assertThat(said).contains("press b7").doesNotContain("press b8").endsWith("… and 4 more");
    }

    @Test
    void aSelectorWithoutANameIsShownShortened() {
        String path = "#main > div:nth-of-type(2) > ul > li:nth-of-type(3) > a:nth-of-type(1) > span";
        assertThat(StepText.describe(EN, click(path))).startsWith("press #main > div").endsWith("…");
    }
}
