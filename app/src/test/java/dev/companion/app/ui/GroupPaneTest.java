package dev.companion.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.app.follow.MemberStatus;
import dev.companion.app.ui.group.GroupActions;
import dev.companion.app.ui.group.GroupPane;
import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.ActionKind;
import dev.companion.p2p.protocol.CatchUpReason;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Following;
import dev.companion.p2p.protocol.MemberState;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Mode;
import dev.companion.p2p.protocol.Outcome;
import dev.companion.p2p.protocol.ProposalKind;
import dev.companion.p2p.protocol.ProtocolException;
import dev.companion.p2p.protocol.Role;
import dev.companion.p2p.protocol.Scope;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
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
 * The group panel on its own (no control center, no browser): a model fed group states and follow
 * events as the session would, and a recording fake for what the panel asks of the session.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GroupPaneTest extends FxRobot {
    private AppViewModel model;
    private FakeGroup session;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
    }

    /** The panel for user me, in locale, in a window of its own. */
    private void show(Locale locale, String me) throws Exception {
        model = new AppViewModel(new Texts(locale));
        session = new FakeGroup();
        model.signedIn(me);
        FxToolkit.setupStage(stage -> {
            GroupPane pane = new GroupPane(model, new AppActions(null, model), session);
            ScrollPane scroll = new ScrollPane(new StackPane(pane));
            scroll.setFitToWidth(true);
            Scene scene = new Scene(scroll, 520, 980);
            scene.getStylesheets().add(GroupPane.class.getResource("/dev/companion/app/ui/companion.css").toExternalForm());
            stage.setScene(scene);
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void group(Messages.GroupState g) {
        model.onGroup(g, null, null);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static Messages.Member member(String user, String role, String state) {
        return new Messages.Member(user, user + "-pc", Role.of(role), MemberState.of(state), 1);
    }

    private static Messages.GroupState state(long version, String leader, String mode, String following, String scope,
                                             List<String> kinds, List<String> pages, Messages.Member... members) {
        return new Messages.GroupState("g1", version, leader, Mode.of(mode), Following.of(following), Scope.of(scope),
                kinds.stream().map(ActionKind::of).toList(), pages, List.of(members));
    }

    /** alice leads; bob took his screen back; carol lost her connection. Mutual, partial scope. */
    private static Messages.GroupState mutualPartial() {
        return state(7, "alice", "mutual", "auto", "partial", List.of("click", "input"),
                List.of("https://shop.example/product/*"),
                member("alice", "leader", "here"), member("bob", "follower", "paused"), member("carol", "follower", "away"));
    }

    private static Messages.GroupState leaderFollower(String following, Messages.Member... members) {
        return state(3, "alice", "leader-follower", following, "full", List.of(), List.of(), members);
    }

    private String text(String id) {
        Node n = lookup("#" + id).query();
        return n instanceof Labeled l ? l.getText() : ((TextArea) n).getText();
    }

    private boolean exists(String id) {
        return lookup("#" + id).tryQuery().isPresent();
    }

    private void fire(String id) {
        ButtonBase b = lookup("#" + id).queryAs(ButtonBase.class);
        assertThat(b.isDisabled()).as(id + " enabled").isFalse();
        interact(b::fire);
    }

    /** Picks the item of a choice by its value or by its shown text, as a person would (call on the FX thread). */
    @SuppressWarnings("unchecked")
    private void choose(String id, String value) {
        ChoiceBox<Object> c = lookup("#" + id).queryAs(ChoiceBox.class);
        assertThat(c.isDisabled()).as(id + " enabled").isFalse();
        c.getSelectionModel().select(c.getItems().stream()
                .filter(i -> String.valueOf(i).equals(value) || (c.getConverter() != null && value.equals(c.getConverter().toString(i))))
                .findFirst().orElseThrow(() -> new AssertionError("no item " + value + " in #" + id + ": " + c.getItems())));
    }

    // ---- what every member sees ----------------------------------------------------------------

    @Test
    void aClassroomsThirtyFollowersTakeOneLineEachInAListThatScrolls() throws Exception {
        show(Locale.ENGLISH, "teacher");
        Messages.Member[] members = new Messages.Member[31];
        members[0] = member("teacher", "leader", "here");
        for (int i = 1; i <= 30; i++) {
            members[i] = member(String.format("s%02d", i), "follower", i % 7 == 0 ? "away" : "here");
        }
        group(state(3, "teacher", "leader-follower", "auto", "full", List.of(), List.of(), members));
        double line = WaitForAsyncUtils.asyncFx(() -> lookup("#member-teacher").queryLabeled().getHeight()).get(10, TimeUnit.SECONDS);
        assertThat(line).isPositive();
        for (int i = 1; i <= 30; i++) {
            String id = String.format("member-s%02d", i);
            assertThat(text(id)).startsWith(String.format("• s%02d · ", i));
            double h = WaitForAsyncUtils.asyncFx(() -> lookup("#" + id).queryLabeled().getHeight()).get(10, TimeUnit.SECONDS);
            assertThat(h).as(id + " on one line").isEqualTo(line);
        }
        double list = WaitForAsyncUtils.asyncFx(() -> lookup("#groupMemberList").query().getBoundsInLocal().getHeight())
                .get(10, TimeUnit.SECONDS);
        double all = WaitForAsyncUtils.asyncFx(() -> lookup("#groupMembers").query().getBoundsInLocal().getHeight())
                .get(10, TimeUnit.SECONDS);
        assertThat(all).as("31 lines").isGreaterThan(30 * line);
        assertThat(list).as("the list shows about a dozen and scrolls").isLessThan(all / 2).isGreaterThan(8 * line);
    }

    @Test
    void mutualPartialGroupWithPausedAndAwayMembersInEnglish() throws Exception {
        show(Locale.ENGLISH, "bob");
        group(mutualPartial());
        model.onLink("alice", true);
        model.onLinkPath("alice", dev.companion.p2p.link.LinkPath.RELAYED, 42);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text("groupStatus")).isEqualTo("Following alice");
        assertThat(text("groupMode")).isEqualTo("Mode: everyone leads, automatic, scope partial");
        assertThat(text("groupScope")).isEqualTo("Only clicks, typing · on https://shop.example/product/*");
        assertThat(text("groupPresence")).isEqualTo("Took their screen back: bob · Away: carol");
        assertThat(text("member-alice")).isEqualTo("• alice (leads) · here · linked · relayed · 42 ms");
        assertThat(text("member-bob")).isEqualTo("• bob (you) · paused");
        assertThat(text("member-carol")).isEqualTo("• carol · away · connecting…");
        assertThat(text("pauseButton")).isEqualTo("Follow again");
        assertThat(exists("askLead")).isTrue();
        assertThat(exists("offerLead-carol")).as("only the leader hands over").isFalse();
        // mutual: a follower may change the settings too; the editor shows the group's settings
        assertThat(lookup("#applySettings").query().isDisabled()).isFalse();
        assertThat(lookup("#modeChoice").queryAs(ChoiceBox.class).getValue()).isEqualTo(Mode.MUTUAL);
        assertThat(lookup("#kind-click").queryAs(CheckBox.class).isSelected()).isTrue();
        assertThat(lookup("#kind-navigate").queryAs(CheckBox.class).isSelected()).isFalse();
        assertThat(text("pagePatterns")).isEqualTo("https://shop.example/product/*");
    }

    @Test
    void mutualPartialGroupWithPausedAndAwayMembersInChinese() throws Exception {
        show(MainWindow.ZH, "bob");
        group(mutualPartial());
        model.onLink("alice", true);
        model.onLinkPath("alice", dev.companion.p2p.link.LinkPath.DIRECT, 7);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text("member-alice")).isEqualTo("• alice（带领） · 在线 · 已连接 · 直连 · 7 毫秒");
        assertThat(text("groupStatus")).isEqualTo("正在跟随 alice");
        assertThat(text("groupMode")).isEqualTo("模式：互相跟随，自动，范围：部分");
        assertThat(text("groupScope")).isEqualTo("只跟随：点击、输入文字 · 网页：https://shop.example/product/*");
        assertThat(text("groupPresence")).isEqualTo("已收回屏幕：bob · 暂时离开：carol");
        assertThat(text("member-carol")).isEqualTo("• carol · 离开 · 连接中…");
        assertThat(text("pauseButton")).isEqualTo("继续跟随");
        assertThat(lookup("#applySettings").queryLabeled().getText()).isEqualTo("应用");
    }

    @Test
    void theLeaderSeesWhereEachFollowerIsAndCanHandOverTheLead() throws Exception {
        show(Locale.ENGLISH, "alice");
        group(leaderFollower("auto", member("alice", "leader", "here"), member("bob", "follower", "here")));
        model.onMemberStatus(new MemberStatus("bob", 42, Outcome.FAILED, "https://shop.example/product/green-tea", 1,
                "failed: not found #gift"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text("groupStatus")).isEqualTo("You lead; 1 following");
        assertThat(text("member-bob")).isEqualTo("• bob · here · step 42 · shop.example/product/green-tea"
                + " · 1 not followed (last: failed: not found #gift) · connecting…");
        assertThat(exists("pauseButton")).as("the leader does not follow").isFalse();
        assertThat(exists("askLead")).isFalse();
        fire("offerLead-bob");
        assertThat(session.calls).containsExactly("offerLead bob");
        assertThat(text("groupNotice")).isEqualTo("You offered the lead to bob");
        // the hand-over happens: bob leads now, alice is told and may pause
        group(state(4, "bob", "leader-follower", "auto", "full", List.of(), List.of(),
                member("alice", "follower", "here"), member("bob", "leader", "here")));
        assertThat(text("groupNotice")).isEqualTo("bob leads now");
        assertThat(exists("offerLead-bob")).as("alice leads no more").isFalse();
        assertThat(text("member-bob")).doesNotContain("step 42");
        assertThat(exists("pauseButton")).isTrue();
    }

    // ---- settings ------------------------------------------------------------------------------

    @Test
    void aFollowerCannotChangeTheSettingsInLeaderFollowerMode() throws Exception {
        show(Locale.ENGLISH, "bob");
        group(leaderFollower("auto", member("alice", "leader", "here"), member("bob", "follower", "here")));
        for (String id : List.of("modeChoice", "followingChoice", "scopeChoice", "kind-click", "pagePatterns", "applySettings")) {
            assertThat(lookup("#" + id).query().isDisabled()).as(id).isTrue();
        }
        assertThat(text("settingsWho")).isEqualTo("Only alice (who leads) can change these.");
        assertThat(exists("sendStep")).isFalse();
    }

    @Test
    void theLeaderAppliesSettingsWithKindsAndPages() throws Exception {
        show(Locale.ENGLISH, "alice");
        group(leaderFollower("auto", member("alice", "leader", "here"), member("bob", "follower", "here")));
        assertThat(lookup("#kind-click").query().isDisabled()).as("kinds only for partial scope").isTrue();
        interact(() -> {
            choose("modeChoice", "mutual");
            choose("followingChoice", "manual"); // by its shown text
            choose("scopeChoice", "partial");
        });
        assertThat(lookup("#kind-click").query().isDisabled()).isFalse();
        interact(() -> {
            lookup("#kind-scroll").queryAs(CheckBox.class).setSelected(false);
            lookup("#kind-media").queryAs(CheckBox.class).setSelected(false);
            lookup("#pagePatterns").queryAs(TextArea.class).setText("https://shop.example/product/*,\nhttps://shop.example/cart");
        });
        fire("applySettings");
        assertThat(session.calls).containsExactly("setSettings mutual manual partial [change, click, input, navigate, submit]"
                + " [https://shop.example/product/*, https://shop.example/cart]");
        assertThat(text("settingsMessage")).isEqualTo("Settings applied");
    }

    @Test
    void gameKeysAreChosenOnlyWithTheGamesPages() throws Exception {
        show(Locale.ENGLISH, "alice");
        group(leaderFollower("auto", member("alice", "leader", "here"), member("bob", "follower", "here")));
        interact(() -> choose("scopeChoice", "partial"));
        // every other kind is ticked for "every kind"; keys are not: they are opt-in
        assertThat(lookup("#kind-click").queryAs(CheckBox.class).isSelected()).isTrue();
        assertThat(lookup("#kind-key").queryAs(CheckBox.class).isSelected()).isFalse();
        interact(() -> lookup("#kind-key").queryAs(CheckBox.class).setSelected(true));
        fire("applySettings");
        assertThat(session.calls).isEmpty();
        assertThat(text("settingsMessage")).startsWith("Game keys travel only on the pages you name");
        interact(() -> lookup("#pagePatterns").queryAs(TextArea.class).setText("https://games.example/*"));
        fire("applySettings");
        assertThat(session.calls).containsExactly("setSettings leader-follower auto partial"
                + " [change, click, input, key, media, navigate, scroll, submit] [https://games.example/*]");
    }

    @Test
    void whenSomeoneChangedTheSettingsFirstTheUserSeesTheCurrentState() throws Exception {
        show(Locale.ENGLISH, "alice");
        group(state(4, "alice", "mutual", "auto", "full", List.of(), List.of(),
                member("alice", "leader", "here"), member("bob", "follower", "here")));
        session.settingsAnswer = CompletableFuture.failedFuture(new ProtocolException(ErrorCode.GROUP_CHANGED,
                "group g1 is at version 5, not 4 (last change: settings changed by bob (mode mutual, following manual,"
                        + " scope full)); nothing was changed"));
        interact(() -> choose("scopeChoice", "partial"));
        // bob's change arrives while alice's request is refused
        group(state(5, "alice", "mutual", "manual", "full", List.of(), List.of(),
                member("alice", "leader", "here"), member("bob", "follower", "here")));
        assertThat(text("settingsMessage")).isEqualTo(
                "Someone else changed the settings while you were editing; here is the current state.");
        assertThat(lookup("#followingChoice").queryAs(ChoiceBox.class).getValue()).isEqualTo(Following.MANUAL);
        assertThat(lookup("#scopeChoice").queryAs(ChoiceBox.class).getValue()).isEqualTo(Scope.FULL);
        assertThat(text("groupNotice")).isEqualTo("The settings changed. Mode: everyone leads, manual, scope full");
        // an edit that meets the control center's refusal: bob was first
        interact(() -> choose("scopeChoice", "partial"));
        fire("applySettings");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text("settingsMessage")).isEqualTo(
                "bob changed the settings first; here is the current state. Your change was not applied.");
        assertThat(lookup("#scopeChoice").queryAs(ChoiceBox.class).getValue()).isEqualTo(Scope.FULL);
        assertThat(model.activity).anyMatch(l -> l.contains("bob changed the settings first"));
    }

    @Test
    void tabLeavesThePagePatternsField() throws Exception {
        show(Locale.ENGLISH, "alice");
        group(state(4, "alice", "mutual", "auto", "partial", List.of(), List.of(),
                member("alice", "leader", "here"), member("bob", "follower", "here")));
        interact(() -> lookup("#groupSettingsSection").queryAs(javafx.scene.control.TitledPane.class).setExpanded(true));
        interact(() -> lookup("#pagePatterns").query().requestFocus());
        type(KeyCode.TAB);
        assertThat(lookup("#localAddressesToggle").query().isFocused()).as("the next control has the focus").isTrue();
        assertThat(text("pagePatterns")).doesNotContain("\t");
    }

    @Test
    void applyIsRightUnderTheChoicesAndSaysWhenTheyAreNotAppliedYet() throws Exception {
        show(Locale.ENGLISH, "alice");
        group(leaderFollower("auto", member("alice", "leader", "here"), member("bob", "follower", "here")));
        interact(() -> lookup("#groupSettingsSection").queryAs(javafx.scene.control.TitledPane.class).setExpanded(true));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lookup("#settingsNotApplied").query().isVisible()).as("nothing edited").isFalse();
        assertThat(lookup("#partialSettings").query().isVisible()).as("kinds and pages only for partial scope").isFalse();
        // Apply comes just after the last choice, not below the explanations
        Node toggle = lookup("#localAddressesToggle").query();
        Node apply = lookup("#applySettings").query();
        double gap = apply.localToScene(apply.getBoundsInLocal()).getMinY() - toggle.localToScene(toggle.getBoundsInLocal()).getMaxY();
        assertThat(gap).as("space between the last choice and Apply").isBetween(0.0, 20.0);

        interact(() -> choose("followingChoice", "manual"));
        assertThat(lookup("#settingsNotApplied").query().isVisible()).isTrue();
        assertThat(text("settingsNotApplied")).isEqualTo("Not applied yet");
        interact(() -> choose("followingChoice", "automatic"));
        assertThat(lookup("#settingsNotApplied").query().isVisible()).as("back to the group's settings").isFalse();

        interact(() -> choose("scopeChoice", "partial"));
        assertThat(lookup("#partialSettings").query().isVisible()).isTrue();
        assertThat(lookup("#settingsNotApplied").query().isVisible()).isTrue();
        interact(() -> choose("scopeChoice", "full"));
        interact(() -> choose("followingChoice", "manual"));
        fire("applySettings");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lookup("#settingsNotApplied").query().isVisible()).as("applied").isFalse();
        group(state(4, "alice", "leader-follower", "manual", "full", List.of(), List.of(),
                member("alice", "leader", "here"), member("bob", "follower", "here")));
        assertThat(lookup("#settingsNotApplied").query().isVisible()).isFalse();
    }

    @Test
    void notAppliedYetIsSaidInChinese() throws Exception {
        show(Locale.SIMPLIFIED_CHINESE, "alice");
        group(leaderFollower("auto", member("alice", "leader", "here"), member("bob", "follower", "here")));
        interact(() -> choose("modeChoice", "mutual"));
        assertThat(lookup("#settingsNotApplied").query().isVisible()).isTrue();
        assertThat(text("settingsNotApplied")).isEqualTo("尚未应用");
    }

    // ---- a language switch ----------------------------------------------------------------------

    @Test
    void noticesAndTheActivityListAreShownAgainInTheNewLanguageWhatCameFromElsewhereStaysAsItCame() throws Exception {
        show(Locale.ENGLISH, "alice");
        group(leaderFollower("auto", member("alice", "leader", "here"), member("bob", "follower", "here")));
        group(state(4, "alice", "leader-follower", "manual", "full", List.of(), List.of(),
                member("alice", "leader", "here"), member("bob", "follower", "here")));
        assertThat(text("groupNotice")).isEqualTo("The settings changed. Mode: leader and followers, manual, scope full");
        model.onControlCenter(dev.companion.app.session.ControlCenterState.of(
                dev.companion.app.session.ControlCenterState.Status.ONLINE, null));
        model.onControlCenter(dev.companion.app.session.ControlCenterState.of(
                dev.companion.app.session.ControlCenterState.Status.WAITING,
                dev.companion.scc.client.ControlCenterClient.CLOSED_BY_CONTROL_CENTER));
        model.log("words from a control center, as they came");
        model.failed(new IllegalStateException("disk full"));
        model.onInvitationAnswered(new Messages.InvitationAnswered("i1", "carol", "g1", false));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text("groupNotice")).isEqualTo("carol declined your invitation");

        Texts zh = new Texts(Locale.SIMPLIFIED_CHINESE);
        interact(() -> model.setTexts(zh));
        assertThat(text("groupNotice")).isEqualTo("carol 拒绝了你的邀请");
        List<String> lines = model.activity.stream().map(l -> l.substring(l.indexOf("  ") + 2)).toList();
        assertThat(lines).startsWith("carol 拒绝了你的邀请", "disk full", "words from a control center, as they came",
                "与控制中心的连接已断开：控制中心关闭了连接", "设置已更改。模式：带领与跟随，手动，范围：全部");
        assertThat(model.activity).allMatch(l -> l.matches("\\d\\d:\\d\\d:\\d\\d  .*"), "each line keeps its time");

        interact(() -> model.setTexts(new Texts(Locale.ENGLISH)));
        assertThat(text("groupNotice")).isEqualTo("carol declined your invitation");
        assertThat(model.activity.get(3)).endsWith("Lost the connection to the control center: the control center closed it");
        assertThat(model.activity.get(4)).endsWith("The settings changed. Mode: leader and followers, manual, scope full");
    }

    // ---- manual following ----------------------------------------------------------------------

    @Test
    void manualFollowingIsCalledManualAndWhatIsHeldSaysWhatSendStepDoes() throws Exception {
        // the README and CONTEXT.md say "automatic or manual"; the window says the same (in both languages)
        for (Locale locale : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
            show(locale, "alice");
            group(leaderFollower("manual", member("alice", "leader", "here"), member("bob", "follower", "here")));
            ChoiceBox<Following> following = lookup("#followingChoice").queryAs(ChoiceBox.class);
            boolean en = locale == Locale.ENGLISH;
            assertThat(following.getConverter().toString(Following.MANUAL)).isEqualTo(en ? "manual" : "手动");
            assertThat(following.getConverter().toString(Following.AUTO)).isEqualTo(en ? "automatic" : "自动");
            assertThat(following.getAccessibleHelp()).contains(en ? "the leader sends each step" : "带领者一步一步发送");
            assertThat(text("groupMode")).contains(en ? "manual" : "手动");
            model.onHeld(StepTextTest.sampleStep().subList(0, 1));
            WaitForAsyncUtils.waitForFxEvents();
            // held actions are not "steps": Send step sends them as one
            String send = lookup("#sendStep").queryLabeled().getText();
            assertThat(text("heldCount")).isEqualTo(en ? "1 action waiting: Send step sends it to the others"
                    : "有 1 个操作等待发送：按“发送这一步”发给其他人").contains(send);
            model.onHeld(StepTextTest.sampleStep().subList(0, 2));
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(text("heldCount")).contains(send).contains("2");
            FxToolkit.cleanupStages();
        }
    }

    @Test
    void theLeaderSendsOrDiscardsWhatIsHeld() throws Exception {
        show(Locale.ENGLISH, "alice");
        group(leaderFollower("manual", member("alice", "leader", "here"), member("bob", "follower", "here")));
        assertThat(text("heldCount")).isEqualTo("Nothing waiting to be sent");
        assertThat(lookup("#sendStep").query().isDisabled()).isTrue();
        model.onHeld(StepTextTest.sampleStep().subList(0, 3));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text("heldCount")).isEqualTo("3 actions waiting: Send step sends them to the others as one step");
        assertThat(text("heldList")).startsWith("open shop.example/product/green-tea · choose “250g”");
        fire("sendStep");
        WaitForAsyncUtils.waitForFxEvents();
        fire("discardStep");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(session.calls).containsExactly("sendHeld", "discardHeld");
    }

    @Test
    void aStepSentByKeyboardDoesNotPassTheKeysToLeaveGroup() throws Exception {
        show(Locale.ENGLISH, "alice");
        group(leaderFollower("manual", member("alice", "leader", "here"), member("bob", "follower", "here")));
        model.onHeld(StepTextTest.sampleStep().subList(0, 3));
        WaitForAsyncUtils.waitForFxEvents();
        interact(() -> lookup("#sendStep").query().requestFocus());
        type(KeyCode.SPACE);
        model.onHeld(List.of()); // sent: nothing is held any more, Send step is off
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.Node owner = lookup("#sendStep").query().getScene().getFocusOwner();
        assertThat(owner).as("the keys are not on Leave group").isNotSameAs(lookup("#leaveButton").query());
        type(KeyCode.SPACE); // pressed again out of habit
        type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(session.calls).containsExactly("sendHeld");
    }

    @Test
    void aFollowerSeesEachStepAndAcceptsOrDeclinesIt() throws Exception {
        show(Locale.ENGLISH, "bob");
        group(leaderFollower("manual", member("alice", "leader", "here"), member("bob", "follower", "here")));
        assertThat(exists("stepPreview")).isFalse();
        CompletableFuture<Boolean> first = model.decide("alice", 5, StepTextTest.sampleStep());
        CompletableFuture<Boolean> second = model.decide("alice", 6, List.of(StepTextTest.click("#checkout")));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text("stepPreview")).isEqualTo("alice wants you to: open shop.example/product/green-tea"
                + " · choose “250g” for size · tick gift wrap · press add to cart");
        fire("acceptStep");
        assertThat(first).isCompletedWithValue(true);
        assertThat(second).isNotDone();
        assertThat(text("stepPreview")).isEqualTo("alice wants you to: press checkout");
        fire("declineStep");
        assertThat(second).isCompletedWithValue(false);
        assertThat(exists("stepPreview")).isFalse();
        assertThat(model.activity.get(0)).contains("You skipped the step alice sent");
    }

    @Test
    void theStepButtonsWorkFromTheKeyboard() throws Exception {
        show(Locale.ENGLISH, "bob");
        group(leaderFollower("manual", member("alice", "leader", "here"), member("bob", "follower", "here")));
        CompletableFuture<Boolean> step = model.decide("alice", 1, List.of(StepTextTest.click("#go")));
        WaitForAsyncUtils.waitForFxEvents();
        interact(() -> lookup("#declineStep").query().requestFocus());
        push(KeyCode.SHIFT, KeyCode.TAB);
        assertThat(lookup("#acceptStep").query().isFocused()).isTrue();
        type(KeyCode.SPACE);
        assertThat(step.get(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void theAppsDeciderContinuesOffTheFxThread() throws Exception {
        show(Locale.ENGLISH, "bob");
        group(leaderFollower("manual", member("alice", "leader", "here"), member("bob", "follower", "here")));
        java.util.concurrent.ExecutorService follow = java.util.concurrent.Executors.newSingleThreadExecutor(
                r -> new Thread(r, "follow-test"));
        try {
            CompletableFuture<String> thread = model.stepDecider(follow).decide("alice", 1, List.of(StepTextTest.click("#go")))
                    .thenApply(yes -> yes + " on " + Thread.currentThread().getName());
            WaitForAsyncUtils.waitForFxEvents();
            fire("acceptStep");
            assertThat(thread.get(5, TimeUnit.SECONDS)).isEqualTo("true on follow-test");
        } finally {
            follow.shutdownNow();
        }
    }

    @Test
    void takingTheScreenBackDeclinesWaitingStepsAndTellsTheGroup() throws Exception {
        show(Locale.ENGLISH, "bob");
        group(leaderFollower("manual", member("alice", "leader", "here"), member("bob", "follower", "here")));
        CompletableFuture<Boolean> step = model.decide("alice", 1, List.of(StepTextTest.click("#go")));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text("pauseButton")).isEqualTo("Take my screen back");
        fire("pauseButton");
        assertThat(step).isCompletedWithValue(false);
        assertThat(session.calls).containsExactly("pause true");
        assertThat(text("pauseButton")).isEqualTo("Follow again");
        group(leaderFollower("manual", member("alice", "leader", "here"), member("bob", "follower", "paused")));
        fire("pauseButton");
        assertThat(session.calls).containsExactly("pause true", "pause false");
        assertThat(text("pauseButton")).isEqualTo("Take my screen back");
    }

    @Test
    void whenTheGroupEndsWaitingStepsAreDeclined() throws Exception {
        show(Locale.ENGLISH, "bob");
        group(leaderFollower("manual", member("alice", "leader", "here"), member("bob", "follower", "here")));
        CompletableFuture<Boolean> step = model.decide("alice", 1, List.of(StepTextTest.click("#go")));
        WaitForAsyncUtils.waitForFxEvents();
        model.onGroup(null, "left", "alice");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(step).isCompletedWithValue(false);
        assertThat(exists("stepPreview")).isFalse();
        assertThat(text("groupStatus")).isEqualTo("Not in a group. Invite a friend to browse together.");
    }

    // ---- lead hand-over ------------------------------------------------------------------------

    @Test
    void anIncomingLeadRequestIsAnswered() throws Exception {
        show(Locale.ENGLISH, "alice");
        group(leaderFollower("auto", member("alice", "leader", "here"), member("bob", "follower", "here")));
        model.onLeadProposal(new Messages.LeadProposal("g1", "p1", ProposalKind.ASK, "bob", "alice",
                System.currentTimeMillis() + 60_000));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text("leadProposal")).isEqualTo("bob asks to lead. Hand over the lead?");
        fire("acceptLead");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(session.calls).containsExactly("answerLead p1 true");
        assertThat(exists("leadProposal")).isFalse();
    }

    @Test
    void anAnswerTheControlCenterNoLongerTakesIsExplained() throws Exception {
        show(Locale.ENGLISH, "alice");
        group(leaderFollower("auto", member("alice", "leader", "here"), member("bob", "follower", "here")));
        // The request expired before alice answered: the control center no longer knows it.
        session.leadAnswer = CompletableFuture.failedFuture(
                new ProtocolException(ErrorCode.UNKNOWN_PROPOSAL, "no open lead proposal p1"));
        model.onLeadProposal(new Messages.LeadProposal("g1", "p1", ProposalKind.ASK, "bob", "alice",
                System.currentTimeMillis() + 60_000));
        WaitForAsyncUtils.waitForFxEvents();
        fire("acceptLead");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text("groupNotice")).isEqualTo("The request from bob has expired");
        // alice was removed from the group while the request was shown.
        session.leadAnswer = CompletableFuture.failedFuture(
                new ProtocolException(ErrorCode.NOT_IN_GROUP, "not a member of g1"));
        model.onLeadProposal(new Messages.LeadProposal("g1", "p2", ProposalKind.ASK, "bob", "alice",
                System.currentTimeMillis() + 60_000));
        WaitForAsyncUtils.waitForFxEvents();
        fire("acceptLead");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text("groupNotice")).isEqualTo("You are no longer in that group: the request from bob no longer applies");
        assertThat(session.calls).containsExactly("answerLead p1 true", "answerLead p2 true");
    }

    @Test
    void aFollowerAsksForTheLeadAndHearsTheAnswer() throws Exception {
        show(MainWindow.ZH, "bob");
        group(leaderFollower("auto", member("alice", "leader", "here"), member("bob", "follower", "here")));
        fire("askLead");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(session.calls).containsExactly("askLead");
        assertThat(text("groupNotice")).isEqualTo("你已请求 alice 交出带领");
        model.onLeadAnswered(new Messages.LeadAnswered("g1", "p1", "alice", false));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text("groupNotice")).isEqualTo("alice 拒绝了交接");
    }

    @Test
    void catchUpsAreSaidInTheActivity() throws Exception {
        show(Locale.ENGLISH, "bob");
        model.onCaughtUp("alice", 12, CatchUpReason.GAP, "https://shop.example/product/green-tea");
        model.onCaughtUp("carol", 3, CatchUpReason.JOIN, null);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.activity.get(1)).endsWith("Caught up with alice: loaded their page shop.example/product/green-tea"
                + " (too many steps were missed to repeat them one by one)");
        assertThat(model.activity.get(0)).endsWith("Caught up with carol (you joined or followed again)");
    }

    /** Records what the panel asked for; answers every request with success unless told otherwise. */
    static final class FakeGroup implements GroupActions {
        final List<String> calls = new CopyOnWriteArrayList<>();
        volatile CompletableFuture<Void> settingsAnswer = CompletableFuture.completedFuture(null);
        volatile CompletableFuture<Void> leadAnswer = CompletableFuture.completedFuture(null);

        @Override
        public CompletableFuture<Void> setSettings(Mode mode, Following following, Scope scope, List<ActionKind> kinds,
                                                   List<String> pages, boolean localAddresses) {
            calls.add("setSettings " + mode + " " + following + " " + scope + " " + kinds + " " + pages
                    + (localAddresses ? " local" : ""));
            return settingsAnswer;
        }

        @Override
        public CompletableFuture<Void> askLead() {
            calls.add("askLead");
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> offerLead(String to) {
            calls.add("offerLead " + to);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> answerLead(String proposal, boolean accept) {
            calls.add("answerLead " + proposal + " " + accept);
            return leadAnswer;
        }

        @Override
        public CompletableFuture<Void> pause(boolean paused) {
            calls.add("pause " + paused);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Boolean> sendHeld() {
            calls.add("sendHeld");
            return CompletableFuture.completedFuture(true);
        }

        @Override
        public CompletableFuture<Void> discardHeld() {
            calls.add("discardHeld");
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> leave() {
            calls.add("leave");
            return CompletableFuture.completedFuture(null);
        }
    }
}
