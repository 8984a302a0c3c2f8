package dev.companion.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.app.ui.guide.GuideModel;
import dev.companion.app.ui.guide.GuidePane;
import dev.companion.p2p.protocol.BotReply;
import dev.companion.p2p.protocol.BotSay;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Following;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Mode;
import dev.companion.p2p.protocol.ProtocolException;
import dev.companion.p2p.protocol.Role;
import dev.companion.p2p.protocol.Scope;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The guide panel (no control center, no browser): a guide model told what the bot says as the
 * session would, and the person's answers recorded where the session would send them (or refused
 * with a code, as the session refuses them).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GuidePaneTest extends FxRobot {
    private static final String CART = "http://shop.test/cart";
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private volatile ErrorCode refuse;
    /** What this window's page check asked, and what it answers (the browser view's check, in the app). */
    private final BlockingQueue<Messages.Expect> checked = new LinkedBlockingQueue<>();
    private volatile CompletableFuture<Boolean> pageShows = CompletableFuture.completedFuture(false);
    private GuideModel guide;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
    }

    private void show(Locale locale) throws Exception {
        guide = new GuideModel((reply, step, page, matched) -> {
            if (refuse != null) {
                return CompletableFuture.failedFuture(new ProtocolException(refuse, "refused"));
            }
            answers.add(reply.wire() + " " + step + " " + page + (matched == null ? "" : " matched=" + matched));
            return CompletableFuture.completedFuture(null);
        });
        FxToolkit.setupStage(stage -> {
            GuidePane pane = new GuidePane(new Texts(locale), guide, () -> CART, expect -> {
                checked.add(expect);
                return pageShows;
            });
            StackPane root = new StackPane(pane);
            root.getStyleClass().add("large-text");
            Scene scene = new Scene(root, 520, 400);
            scene.getStylesheets().add(GuidePane.class.getResource("/dev/companion/app/ui/companion.css").toExternalForm());
            stage.setScene(scene);
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void says(BotSay say, int step, String hint) {
        says(say, step, hint, null);
    }

    private void says(BotSay say, int step, String hint, Messages.Expect expect) {
        guide.onBotSays(new Messages.BotSays("g1", "guide", say, step, 3, hint, expect));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String text(String id) {
        return lookup("#" + id).queryLabeled().getText();
    }

    private boolean enabled(String id) {
        return !lookup("#" + id).queryAs(Button.class).isDisabled();
    }

    private String nextAnswer() throws InterruptedException {
        String a = answers.poll(10, TimeUnit.SECONDS);
        assertThat(a).as("an answer sent").isNotNull();
        return a;
    }

    @Test
    void theBotsWordsShowInLargeTypeWithTheHintAsPlainTextAndTheAnswersGoOnlyWhileItWaits() throws Exception {
        show(Locale.ENGLISH);
        Node pane = lookup("#guidePane").query();
        assertThat(pane.isVisible() || pane.isManaged()).as("no bot has spoken: not in the layout").isFalse();
        says(BotSay.STEP, 2, "<b>Press</b> Add to cart <script>alert(1)</script>");
        assertThat(pane.isVisible()).isTrue();
        assertThat(text("guideTitle")).isEqualTo("Your guide: guide");
        assertThat(text("guideWords")).isEqualTo("Step 2 of 3");
        assertThat(text("guideHint")).isEqualTo("<b>Press</b> Add to cart <script>alert(1)</script>");
        assertThat(lookup(n -> n.getClass().getSimpleName().contains("WebView")).tryQuery()).as("no web view renders it").isEmpty();
        Label words = lookup("#guideWords").queryAs(Label.class);
        Label hint = lookup("#guideHint").queryAs(Label.class);
        assertThat(words.getFont().getSize()).as("large type").isGreaterThan(hint.getFont().getSize()).isGreaterThan(19);
        assertThat(enabled("guideRetry") || enabled("guideDidIt") || enabled("guideBack")).as("a step is out").isFalse();

        says(BotSay.STUCK, 2, "Press Add to cart.");
        assertThat(text("guideWords")).isEqualTo("I am stuck at step 2.");
        assertThat(enabled("guideRetry") && enabled("guideDidIt") && enabled("guideBack")).isTrue();
        clickOn("#guideDidIt");
        assertThat(nextAnswer()).as("I did it carries this window's page").isEqualTo("did_it 2 " + CART);
        assertThat(enabled("guideRetry") || enabled("guideDidIt") || enabled("guideBack")).as("one answer per word").isFalse();

        says(BotSay.STUCK, 2, "Press Add to cart.");
        Button back = lookup("#guideBack").queryAs(Button.class);
        clickOn("#guideWords"); // the window has the keyboard
        interact(back::requestFocus);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(back.isFocused()).isTrue();
        type(KeyCode.SPACE); // the keyboard answers as the mouse does
        assertThat(nextAnswer()).isEqualTo("back 2 null");

        says(BotSay.YOURS, 1, "Pay yourself.");
        assertThat(text("guideWords")).isEqualTo("Please do step 1 yourself.");
        assertThat(enabled("guideBack")).as("no step before the first").isFalse();
        clickOn("#guideRetry");
        assertThat(nextAnswer()).isEqualTo("retry 1 null");

        // someone else leads now: the bot's words go
        guide.onGroup(new Messages.GroupState("g1", "carol", Mode.LEADER_FOLLOWER, Following.AUTO, Scope.FULL, List.of(
                new Messages.Member("guide", "t-g", Role.FOLLOWER), new Messages.Member("carol", "t-c", Role.LEADER))),
                null, null);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(pane.isVisible()).isFalse();
    }

    @Test
    void iDidItAsksThisPageWhetherItShowsWhatTheStepExpectsAndNotDoneIsSaid() throws Exception {
        show(Locale.ENGLISH);
        Messages.Expect cart = new Messages.Expect("http://shop.test/cart*", "#cart li", "Green Tea");
        says(BotSay.STUCK, 2, "Press Add to cart.", cart);
        clickOn("#guideDidIt");
        assertThat(checked.poll(10, TimeUnit.SECONDS)).as("the page was asked about the step's expectation").isEqualTo(cart);
        assertThat(nextAnswer()).isEqualTo("did_it 2 " + CART + " matched=false");
        says(BotSay.NOT_DONE, 2, "Press Add to cart.", cart);
        assertThat(text("guideWords")).isEqualTo("Your page does not show what step 2 should lead to yet. Do it, then press I did it again.");
        assertThat(enabled("guideRetry") && enabled("guideDidIt") && enabled("guideBack")).as("the bot still waits").isTrue();
        pageShows = new CompletableFuture<>();
        clickOn("#guideDidIt");
        assertThat(checked.poll(10, TimeUnit.SECONDS)).isEqualTo(cart);
        assertThat(answers.poll(300, TimeUnit.MILLISECONDS)).as("nothing goes before the page answered").isNull();
        pageShows.complete(true);
        assertThat(nextAnswer()).isEqualTo("did_it 2 " + CART + " matched=true");
        // a check that breaks counts as not shown
        says(BotSay.YOURS, 3, "Pay yourself.", cart);
        pageShows = CompletableFuture.failedFuture(new IllegalStateException("the page went away"));
        clickOn("#guideDidIt");
        assertThat(nextAnswer()).isEqualTo("did_it 3 " + CART + " matched=false");
        assertThat(checked.poll(10, TimeUnit.SECONDS)).isEqualTo(cart);
        // a step that expects only a page: nothing to ask the page, the bot checks the URL
        says(BotSay.STUCK, 2, null, new Messages.Expect("http://shop.test/cart*", null, null));
        clickOn("#guideDidIt");
        assertThat(nextAnswer()).isEqualTo("did_it 2 " + CART);
        assertThat(checked).isEmpty();
    }

    @Test
    void inChineseAndARefusedAnswerIsSaidWithItsCodeAndCanBeGivenAgain() throws Exception {
        show(Locale.SIMPLIFIED_CHINESE);
        says(BotSay.STUCK, 3, "看看结果。");
        assertThat(text("guideWords")).isEqualTo("我卡在第 3 步了。");
        assertThat(text("guideHint")).isEqualTo("看看结果。");
        assertThat(text("guideRetry")).contains("重试");
        refuse = ErrorCode.NOT_A_MEMBER; // the bot's link is down
        clickOn("#guideRetry");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> text("guideNotice").contains("NOT_A_MEMBER"));
        assertThat(enabled("guideRetry")).as("the person can answer again").isTrue();
        refuse = null;
        clickOn("#guideRetry");
        assertThat(nextAnswer()).isEqualTo("retry 3 null");
        says(BotSay.NOT_DONE, 3, "看看结果。", new Messages.Expect(null, "#results li", null));
        assertThat(text("guideWords")).isEqualTo("你的页面还没有显示第 3 步应有的结果。做完后再按“我做好了”。");
        says(BotSay.DONE, 4, null);
        assertThat(text("guideWords")).isEqualTo("完成了：每一步都成功了。");
        assertThat(lookup("#guideHint").query().isVisible()).isFalse();
        assertThat(enabled("guideRetry")).isFalse();
    }
}
