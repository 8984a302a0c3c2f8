package dev.companion.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.app.browser.Stroke;
import dev.companion.app.chat.ChatEntry;
import dev.companion.app.chat.ChatListener;
import dev.companion.app.chat.DrawEntry;
import dev.companion.app.chat.PointEntry;
import dev.companion.app.follow.ApplyResult;
import dev.companion.app.ui.chat.ChatActions;
import dev.companion.app.ui.chat.ChatModel;
import dev.companion.app.ui.chat.ChatPane;
import dev.companion.app.ui.chat.ChatText;
import dev.companion.app.ui.group.GroupActions;
import dev.companion.app.ui.group.GroupPane;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Following;
import dev.companion.p2p.protocol.Ink;
import dev.companion.p2p.protocol.MemberState;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Mode;
import dev.companion.p2p.protocol.Protocol;
import dev.companion.p2p.protocol.ProtocolException;
import dev.companion.p2p.protocol.Role;
import dev.companion.p2p.protocol.Scope;
import dev.companion.p2p.protocol.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The chat pane inside the group panel (no control center, no browser): a model fed group states as
 * the session would, and a recording stand-in for the session's chat that answers like it
 * (a sent line comes back as kept; a refusal fails with its code).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ChatPaneTest extends FxRobot {
    private static final long AT = 1767225720000L;
    private AppViewModel model;
    private ChatModel chat;
    private final FakeChat session = new FakeChat();

    /** Records what is sent; answers as the session does. */
    private static final class FakeChat implements ChatActions {
        final List<String> sent = new CopyOnWriteArrayList<>();
        final List<ChatEntry> kept = new CopyOnWriteArrayList<>();
        volatile ErrorCode refuse;
        ChatListener listener;
        /** What showing a point on this page answers; the points asked to be shown. */
        volatile ApplyResult onPage = ApplyResult.ok();
        final List<Target> shownOnPage = new CopyOnWriteArrayList<>();
        volatile int picks;
        /** Draw mode as the page was told; the drawings asked to be painted; the strokes sent. */
        final List<Boolean> drawModes = new CopyOnWriteArrayList<>();
        final List<DrawEntry> painted = new CopyOnWriteArrayList<>();
        final List<Stroke> strokes = new CopyOnWriteArrayList<>();
        volatile int cleared;

        @Override
        public void drawMode(boolean on) {
            drawModes.add(on);
        }

        @Override
        public CompletableFuture<DrawEntry> draw(Stroke stroke, Ink color, int lifeMs) {
            strokes.add(stroke);
            if (refuse != null) {
                return CompletableFuture.failedFuture(new ProtocolException(refuse, "refused"));
            }
            DrawEntry d = new DrawEntry("g1", "alice", AT, stroke.target(), color, lifeMs, stroke.xy());
            listener.onDraw(d);
            return CompletableFuture.completedFuture(d);
        }

        @Override
        public CompletableFuture<ApplyResult> showDrawing(DrawEntry drawing) {
            painted.add(drawing);
            return CompletableFuture.completedFuture(onPage);
        }

        @Override
        public void clearDrawings() {
            cleared++;
        }

        @Override
        public CompletableFuture<ApplyResult> showPoint(Target target) {
            shownOnPage.add(target);
            return CompletableFuture.completedFuture(onPage);
        }

        @Override
        public CompletableFuture<PointEntry> point() {
            picks++;
            return CompletableFuture.completedFuture(null); // the person pressed Esc on the page
        }

        @Override
        public CompletableFuture<ChatEntry> send(String text) {
            sent.add(text);
            if (refuse != null) {
                return CompletableFuture.failedFuture(new ProtocolException(refuse, "refused"));
            }
            ChatEntry line = new ChatEntry("g1", "alice", sent.size(), AT, text);
            listener.onLine(line);
            return CompletableFuture.completedFuture(line);
        }

        @Override
        public CompletableFuture<List<ChatEntry>> lines() {
            return CompletableFuture.supplyAsync(() -> List.copyOf(kept));
        }

        @Override
        public void listen(ChatListener l) {
            listener = l;
        }
    }

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
    }

    /** The group panel hosting the chat, for alice, in locale. */
    private void show(Locale locale) throws Exception {
        model = new AppViewModel(new Texts(locale));
        chat = new ChatModel(session);
        session.listen(chat);
        model.signedIn("alice");
        FxToolkit.setupStage(stage -> {
            GroupPane pane = new GroupPane(model, new AppActions(null, model), new NoGroupActions(),
                    new ChatPane(model, chat));
            ScrollPane scroll = new ScrollPane(new StackPane(pane));
            scroll.setFitToWidth(true);
            Scene scene = new Scene(scroll, 520, 980);
            scene.getStylesheets().add(GroupPane.class.getResource("/dev/companion/app/ui/companion.css").toExternalForm());
            stage.setScene(scene);
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void group() {
        model.onGroup(new Messages.GroupState("g1", "alice", Mode.LEADER_FOLLOWER, Following.AUTO, Scope.FULL, List.of(
                new Messages.Member("alice", "t-a", Role.LEADER, MemberState.HERE, 0),
                new Messages.Member("bob", "t-b", Role.FOLLOWER, MemberState.HERE, 0))), null, null);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private List<String> shownLines() {
        ListView<?> list = lookup("#chatList").queryAs(ListView.class);
        List<String> out = new ArrayList<>();
        for (Node cell : list.lookupAll(".list-cell")) {
            if (cell instanceof ListCell<?> c && !c.isEmpty() && c.getGraphic() instanceof VBox box) {
                out.add(((Label) box.getChildren().get(0)).getText() + "\n" + ((Label) box.getChildren().get(1)).getText());
            }
        }
        return out;
    }

    private void awaitLines(int n) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> shownLines().size() == n);
    }

    /** The person is elsewhere in the window (the Leave button has the focus). */
    private void lookAway() {
        WaitForAsyncUtils.waitForFxEvents(); // the panel's pending rebuilds first: they may move the focus
        Node leave = lookup("#leaveButton").query();
        interact(leave::requestFocus);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(leave.isFocused()).isTrue();
        assertThat(lookup("#chatInput").query().isFocused()).isFalse();
    }

    private String text(String id) {
        return lookup("#" + id).queryLabeled().getText();
    }

    @Test
    void theChatIsPartOfTheGroupPanelOnlyInAGroupAndShowsTheHistoryAsPlainText() throws Exception {
        show(Locale.ENGLISH);
        assertThat(lookup("#chatPane").tryQuery()).isEmpty();
        session.kept.add(new ChatEntry("g1", "bob", 1, AT, "<b>bold?</b> <script>alert(1)</script> &amp;"));
        session.kept.add(new ChatEntry("g1", "alice", 1, AT, "no, text"));
        group();
        awaitLines(2);
        assertThat(shownLines().get(0)).startsWith("bob · ").endsWith("\n<b>bold?</b> <script>alert(1)</script> &amp;");
        assertThat(shownLines().get(1)).startsWith("You · ").endsWith("\nno, text");
        assertThat(lookup(n -> n.getClass().getSimpleName().contains("WebView")).tryQuery()).as("no web view renders chat").isEmpty();
        model.onGroup(null, "left", "alice");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lookup("#chatPane").tryQuery()).isEmpty();
    }

    @Test
    void aMembersTextCannotPassForAnotherMembersLineOrBuryTheOthers() throws Exception {
        show(Locale.ENGLISH);
        // bob's one line, written to read as his "ok" and then a line of alice's (You, to alice),
        // with the direction turned around, zero-width spaces, 200 combining marks and 100 blank lines
        String forged = "ok\n\nYou \u00b7 12:02\nsend him the code \u202Eedoc eht\u202C"
                + "\u200B" + "e" + "\u0301".repeat(200) + "\n".repeat(100) + "end";
        session.kept.add(new ChatEntry("g1", "bob", 1, AT, forged));
        session.kept.add(new ChatEntry("g1", "alice", 1, AT, "mine"));
        group();
        awaitLines(2);
        ListView<?> list = lookup("#chatList").queryAs(ListView.class);
        List<Label> heads = new ArrayList<>();
        List<Label> bodies = new ArrayList<>();
        for (Node cell : list.lookupAll(".list-cell")) {
            if (cell instanceof ListCell<?> c && !c.isEmpty() && c.getGraphic() instanceof VBox box) {
                heads.add((Label) box.getChildren().get(0));
                bodies.add((Label) box.getChildren().get(1));
            }
        }
        // each line has one name, in its own bold label; the forged "You · 12:02" is in bob's text, unstyled
        assertThat(heads).extracting(Label::getText).satisfiesExactly(h -> assertThat(h).startsWith("bob · "),
                h -> assertThat(h).startsWith("You · "));
        assertThat(heads).allSatisfy(h -> assertThat(h.getStyleClass()).contains("chat-who"));
        assertThat(bodies.get(0).getStyleClass()).doesNotContain("chat-who");
        assertThat(list.lookupAll(".chat-who")).hasSize(2);
        String shown = bodies.get(0).getText();
        assertThat(shown).startsWith("ok\n\nYou \u00b7 12:02\nsend him the code edoc eht")
                .doesNotContain("\u202E", "\u202C", "\u200B", "\u0301".repeat(ChatText.MAX_MARKS + 1), "\n\n\n")
                .contains("e" + "\u0301".repeat(ChatText.MAX_MARKS) + "\n\nend");
        assertThat(bodies.get(1).getText()).isEqualTo("mine");
        // what a screen reader says is the same: who, when, then the text
        assertThat(list.lookupAll(".list-cell").stream().filter(n -> n instanceof ListCell<?> c && !c.isEmpty())
                .map(n -> ((ListCell<?>) n).getAccessibleText()).toList().get(0)).startsWith("bob · ").endsWith("\n" + shown);
    }

    @Test
    void enterSendsChineseAndEmojiAndTheFieldIsCleared() throws Exception {
        show(Locale.ENGLISH);
        group();
        TextField input = lookup("#chatInput").queryAs(TextField.class);
        clickOn(input);
        interact(() -> input.setText("  你好，一起看看这个 🍵  "));
        type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(session.sent).containsExactly("你好，一起看看这个 🍵");
        assertThat(input.getText()).isEmpty();
        awaitLines(1);
        assertThat(shownLines().get(0)).endsWith("\n你好，一起看看这个 🍵");
        assertThat(lookup("#chatSend").queryButton().isDisabled()).as("nothing to send").isTrue();
    }

    @Test
    void theFieldTakesAtMostALinesLengthAndARefusedLineIsKeptToSendAgain() throws Exception {
        show(Locale.ENGLISH);
        group();
        TextField input = lookup("#chatInput").queryAs(TextField.class);
        interact(() -> input.setText("x".repeat(Protocol.MAX_CHAT_TEXT)));
        interact(() -> input.appendText("y"));
        assertThat(input.getText()).hasSize(Protocol.MAX_CHAT_TEXT).doesNotContain("y");
        interact(() -> input.setText("one more"));
        session.refuse = ErrorCode.RATE_LIMITED;
        clickOn("#chatSend");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text("chatNotice")).isEqualTo("Too many messages at once: wait a moment, then send again.");
        assertThat(input.getText()).isEqualTo("one more");
        session.refuse = ErrorCode.NOT_IN_GROUP;
        clickOn("#chatSend");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text("chatNotice")).startsWith("Not sent: ");
        assertThat(shownLines()).isEmpty();
    }

    @Test
    void linesOfOthersCountAsUnreadUntilTheChatHasTheFocusAndEachShowsOnce() throws Exception {
        show(Locale.ENGLISH);
        group();
        lookAway();
        ChatEntry hi = new ChatEntry("g1", "bob", 1, AT, "look at this");
        chat.onLine(hi);
        chat.onLine(new ChatEntry("g1", "bob", 2, AT, "and this"));
        chat.onLine(hi); // told twice (history and live): shown once
        chat.onLine(new ChatEntry("g-other", "bob", 3, AT, "another group's line"));
        awaitLines(2);
        assertThat(text("chatUnread")).isEqualTo("2 unread");
        assertThat(lookup("#chatUnread").queryLabeled().getAccessibleText()).isEqualTo("2 unread");
        clickOn("#chatInput");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lookup("#chatUnread").queryLabeled().isVisible()).isFalse();
        chat.onLine(new ChatEntry("g1", "bob", 3, AT, "read at once"));
        awaitLines(3);
        assertThat(chat.unread.get()).as("read while the chat has the focus").isZero();
    }

    @Test
    void inChineseEveryControlHasAccessibleTextAndTabGoesListFieldSend() throws Exception {
        show(Locale.forLanguageTag("zh-CN"));
        group();
        lookAway();
        chat.onLine(new ChatEntry("g1", "bob", 1, AT, "你好"));
        awaitLines(1);
        // the count follows the line on the FX thread: each in its own time
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !text("chatUnread").isEmpty());
        assertThat(text("chatUnread")).isEqualTo("1 条未读");
        for (String id : Set.of("chatList", "chatInput", "chatSend")) {
            Control c = lookup("#" + id).queryAs(Control.class);
            assertThat(c.getAccessibleText()).as(id).isNotBlank();
        }
        assertThat(lookup("#chatSend").queryButton().getText()).isEqualTo("发送");
        Parent pane = lookup("#chatPane").queryAs(Parent.class);
        assertThat(pane.lookupAll(".list-cell").stream().map(Node::getAccessibleText).filter(s -> s != null)
                .findFirst().orElse("")).startsWith("bob · ").endsWith("你好");
        TextField input = lookup("#chatInput").queryAs(TextField.class);
        interact(() -> input.setText("好"));
        clickOn("#chatList");
        type(KeyCode.TAB);
        assertThat(input.isFocused()).as("Tab from the list goes to the field").isTrue();
        type(KeyCode.TAB);
        assertThat(lookup("#chatSend").queryAs(Button.class).isFocused()).as("then to Send").isTrue();
    }

    private static final Target GREEN = new Target("button", "button", "Add to cart", null, null, null,
            List.of("Green Tea"), null, null, null, null, 2, 3, "en");

    /** The point lines as shown, read on the FX thread (they are rebuilt there when an answer comes). */
    private List<String> shownPoints() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            List<String> out = new ArrayList<>();
            for (Node n : lookup("#chatPoints").queryAs(Parent.class).lookupAll(".chat-point")) {
                out.add(((Label) n).getText());
            }
            return out;
        }).get(10, TimeUnit.SECONDS);
    }

    private String firstPoint() throws Exception {
        List<String> shown = shownPoints();
        return shown.isEmpty() ? "" : shown.get(0);
    }

    @Test
    void aPointReadsAsTextIsShownOnThePageAndAgainAndSaysWhenItIsNotFoundHere() throws Exception {
        show(Locale.ENGLISH);
        group();
        chat.onPoint(new PointEntry("g1", "bob", AT, GREEN));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> shownPoints().size() == 1);
        assertThat(shownPoints()).containsExactly("bob points at 'Add to cart' (Green Tea)");
        // the line is shown on the FX thread, the page asked off it: each in its own time
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !session.shownOnPage.isEmpty());
        assertThat(session.shownOnPage).containsExactly(GREEN);
        session.onPage = ApplyResult.failed(ApplyResult.TARGET_NOT_FOUND, "no button 'Add to cart' near 'Green Tea'");
        Button again = lookup(".chat-point-again").queryButton();
        assertThat(again.getText()).isEqualTo("Show again");
        assertThat(again.getAccessibleText()).contains("bob points at");
        // looked up and pressed in one go on the FX thread: the line is rebuilt there when the page answers
        interact(() -> lookup(".chat-point-again").queryButton().fire());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> firstPoint().endsWith("page"));
        assertThat(shownPoints()).containsExactly("bob points at 'Add to cart' (Green Tea): could not find it on your page");
        assertThat(session.shownOnPage).hasSize(2);
        chat.onPoint(new PointEntry("g1", "alice", AT, Target.of("a", "link", "Cart")));
        chat.onPoint(new PointEntry("g-other", "bob", AT, GREEN));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> shownPoints().size() == 2);
        assertThat(shownPoints().get(1)).isEqualTo("You point at 'Cart'");
        assertThat(session.shownOnPage).as("own points are not looked for again").hasSize(2);
    }

    @Test
    void inChineseAPointThatIsAmbiguousHereSaysSoAndPointAtIsReachedByTab() throws Exception {
        show(Locale.forLanguageTag("zh-CN"));
        group();
        session.onPage = ApplyResult.failed(ApplyResult.AMBIGUOUS_TARGET, "2 buttons 'Add to cart' match equally");
        chat.onPoint(new PointEntry("g1", "bob", AT, GREEN));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> shownPoints().size() == 1 && firstPoint().contains("："));
        assertThat(shownPoints()).containsExactly("bob 指向 'Add to cart'（Green Tea）：你的页面上有几个相似的，没有标出");
        Button point = lookup("#chatPoint").queryButton();
        assertThat(point.getText()).isEqualTo("指给大家看…");
        assertThat(point.getAccessibleText()).isNotBlank();
        TextField input = lookup("#chatInput").queryAs(TextField.class);
        interact(() -> input.setText("看这里"));
        clickOn(input);
        type(KeyCode.TAB, KeyCode.TAB);
        assertThat(point.isFocused()).as("Tab: field, Send, Point at…").isTrue();
        type(KeyCode.SPACE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(session.picks).isEqualTo(1);
        assertThat(text("chatNotice")).isEqualTo("没有指向任何元素。");
    }

    private static final List<Double> LINE = List.of(0.1, 0.5, 0.9, 0.5);

    @Test
    void theLeadersDrawToggleTurnsDrawModeOnAndEscLeavesItAndOwnStrokesArePaintedToo() throws Exception {
        show(Locale.ENGLISH);
        group();
        javafx.scene.control.ToggleButton draw = lookup("#chatDraw").queryAs(javafx.scene.control.ToggleButton.class);
        assertThat(draw.isDisable()).as("alice leads").isFalse();
        assertThat(draw.getText()).isEqualTo("Draw");
        assertThat(draw.getAccessibleText()).contains("nothing is pressed");
        clickOn(draw);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(session.drawModes).containsExactly(true);
        assertThat(draw.isSelected()).isTrue();
        assertThat(draw.getText()).isEqualTo("Drawing (Esc stops)");
        chat.onStroke(new Stroke(GREEN, LINE));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> session.painted.size() == 1);
        assertThat(session.painted.get(0).xy()).as("the drawer sees its own stroke").isEqualTo(LINE);
        type(KeyCode.ESCAPE); // the toggle has the focus
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(session.drawModes).containsExactly(true, false);
        assertThat(draw.isSelected()).isFalse();
        clickOn(draw);
        chat.onDrawModeEnded(); // Esc on the page
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !draw.isSelected());
        assertThat(session.drawModes).containsExactly(true, false, true, false);
        clickOn(lookup("#chatDrawClear").queryButton());
        assertThat(session.cleared).isEqualTo(1);
        javafx.scene.control.ChoiceBox<?> ink = lookup("#chatInk").queryAs(javafx.scene.control.ChoiceBox.class);
        assertThat(ink.getAccessibleText()).isEqualTo("Colour of your drawings");
        interact(() -> chat.ink.set(Ink.GREEN));
        assertThat(ink.getValue()).isEqualTo(Ink.GREEN);
        chat.onStroke(new Stroke(GREEN, LINE));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> session.painted.size() == 2);
        assertThat(session.painted.get(1).color()).as("drawn in the chosen colour").isEqualTo(Ink.GREEN);
    }

    @Test
    void aFollowerCannotDrawAndAMembersDrawingNotFoundHereSaysWhy() throws Exception {
        show(Locale.ENGLISH);
        model.onGroup(new Messages.GroupState("g1", "bob", Mode.LEADER_FOLLOWER, Following.AUTO, Scope.FULL, List.of(
                new Messages.Member("bob", "t-b", Role.LEADER, MemberState.HERE, 0),
                new Messages.Member("alice", "t-a", Role.FOLLOWER, MemberState.HERE, 0))), null, null);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lookup("#chatDraw").queryAs(javafx.scene.control.ToggleButton.class).isDisable())
                .as("a follower in leader/follower mode").isTrue();
        session.onPage = ApplyResult.failed(ApplyResult.AMBIGUOUS_TARGET, "2 buttons 'Add to cart' match equally");
        chat.onDraw(new DrawEntry("g1", "bob", AT, GREEN, Ink.BLUE, 4000, LINE));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !text("chatDrawStatus").isEmpty());
        assertThat(text("chatDrawStatus")).isEqualTo("bob drew on 'Add to cart' (Green Tea): several look alike on your page, not drawn");
        session.refuse = ErrorCode.NOT_LEADER; // a stroke that got through anyway is refused by the chat room
        chat.onStroke(new Stroke(GREEN, LINE));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> text("chatDrawStatus").startsWith("Only"));
        chat.onDraw(new DrawEntry("g-other", "bob", AT, GREEN, Ink.BLUE, 4000, LINE));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(session.painted).as("another group's drawing is not painted").hasSize(1);
    }

    @Test
    void inChineseTheDrawControlsAreWordedAndReachedByTab() throws Exception {
        show(Locale.forLanguageTag("zh-CN"));
        group();
        javafx.scene.control.ToggleButton draw = lookup("#chatDraw").queryAs(javafx.scene.control.ToggleButton.class);
        assertThat(draw.getText()).isEqualTo("在页面上画");
        assertThat(lookup("#chatDrawClear").queryButton().getText()).isEqualTo("清除图画");
        clickOn(lookup("#chatPoint").queryButton());
        WaitForAsyncUtils.waitForFxEvents();
        type(KeyCode.TAB);
        assertThat(draw.isFocused()).as("Tab: Point at…, Draw").isTrue();
        type(KeyCode.TAB);
        assertThat(lookup("#chatInk").query().isFocused()).as("then its colour").isTrue();
        assertThat(lookup("#chatInk").queryAs(javafx.scene.control.ChoiceBox.class).getValue()).isEqualTo(Ink.RED);
        assertThat(lookup("#chatInk").queryAs(javafx.scene.control.ChoiceBox.class).getConverter().toString(Ink.BLUE))
                .isEqualTo("蓝");
        clickOn(draw);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(draw.getText()).isEqualTo("正在画（Esc 停止）");
        assertThat(session.drawModes).containsExactly(true);
    }

    /** The group panel's own actions are not used here. */
    private static final class NoGroupActions implements GroupActions {
        private static <T> CompletableFuture<T> no() {
            return CompletableFuture.failedFuture(new UnsupportedOperationException("not in this test"));
        }

        @Override
        public CompletableFuture<Void> setSettings(Mode mode, Following following, Scope scope,
                                                   List<dev.companion.p2p.protocol.ActionKind> kinds, List<String> pages,
                                                   boolean localAddresses) {
            return no();
        }

        @Override
        public CompletableFuture<Void> askLead() {
            return no();
        }

        @Override
        public CompletableFuture<Void> offerLead(String to) {
            return no();
        }

        @Override
        public CompletableFuture<Void> answerLead(String proposal, boolean accept) {
            return no();
        }

        @Override
        public CompletableFuture<Void> pause(boolean paused) {
            return no();
        }

        @Override
        public CompletableFuture<Boolean> sendHeld() {
            return no();
        }

        @Override
        public CompletableFuture<Void> discardHeld() {
            return no();
        }

        @Override
        public CompletableFuture<Void> leave() {
            return no();
        }
    }
}
