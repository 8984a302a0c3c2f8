package dev.companion.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.app.StoredFlows;
import dev.companion.app.flow.Flow;
import dev.companion.app.flow.FlowFormat;
import dev.companion.app.flow.FlowStep;
import dev.companion.app.flow.Recording;
import dev.companion.app.store.FlowStore;
import dev.companion.app.store.LocalStore;
import dev.companion.app.ui.flows.FileChoices;
import dev.companion.app.ui.flows.FlowLibrary;
import dev.companion.app.ui.flows.FlowOffers;
import dev.companion.app.ui.flows.FlowsPane;
import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.Following;
import dev.companion.p2p.protocol.MemberState;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Mode;
import dev.companion.p2p.protocol.NavigationCause;
import dev.companion.p2p.protocol.Role;
import dev.companion.p2p.protocol.Scope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.StackPane;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The flows section and the flow library on their own, over a real profile database (SQLite in a
 * temporary folder) reached on a background thread as in the app; the browser's captured actions
 * are handed to the recording as the app's agent listener does. File dialogs answer with the test's
 * files (a native dialog cannot be driven by a robot).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class FlowsPaneTest extends FxRobot {
    private static final String SHOP = "http://127.0.0.1:48080/";
    private static final Path GOLDEN = Path.of("src/test/resources/flows/golden/shop-purchase.json");
    private static final Path BAD = Path.of("src/test/resources/flows/bad/unknown-kind.json");

    @TempDir
    Path dir;
    private final ExecutorService io = Executors.newSingleThreadExecutor();
    private final AtomicBoolean sending = new AtomicBoolean(false);
    private final Recording recording = new Recording(sending::get, System::currentTimeMillis);
    private final AtomicReference<Path> chosen = new AtomicReference<>();
    /** What the library asked the session to share: "to: name". */
    private final List<String> shared = new java.util.concurrent.CopyOnWriteArrayList<>();
    private FlowOffers offers;
    /** What the Flows section asked of the window's guide: "guide ID", "stop". */
    private final List<String> guided = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile java.util.concurrent.CompletableFuture<Void> guideAnswer = java.util.concurrent.CompletableFuture.completedFuture(null);
    private final dev.companion.app.ui.flows.Guiding guiding = new dev.companion.app.ui.flows.Guiding() {
        @Override
        public java.util.concurrent.CompletableFuture<Void> guide(long flowId) {
            guided.add("guide " + flowId);
            return guideAnswer;
        }

        @Override
        public java.util.concurrent.CompletableFuture<Void> stop() {
            guided.add("stop");
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }
    };
    private LocalStore store;
    private FlowStore flows;
    private AppViewModel model;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
        io.shutdownNow();
        if (store != null) {
            store.close();
        }
    }

    private void show(Locale locale, String me, boolean largeText) throws Exception {
        store = LocalStore.open(dir.resolve("profile"));
        flows = store.flows();
        model = new AppViewModel(new Texts(locale));
        model.signedIn(me);
        FileChoices files = new FileChoices() {
            @Override
            public Path toImport(Window owner) {
                return chosen.get();
            }

            @Override
            public Path toExport(Window owner, String suggestedName) {
                return chosen.get();
            }
        };
        StoredFlows library = new StoredFlows(flows, io);
        offers = new FlowOffers(model, library);
        FlowsPane.Parts parts = new FlowsPane.Parts(recording, library, offers, (to, flow) -> {
            shared.add(to + ": " + flow.name());
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }, guiding);
        FxToolkit.setupStage(stage -> {
            FlowsPane pane = new FlowsPane(model, new AppActions(null, model), parts, files);
            StackPane root = new StackPane(pane);
            root.getStylesheets().add(FlowsPane.class.getResource("/dev/companion/app/ui/companion.css").toExternalForm());
            if (largeText) {
                root.getStyleClass().add("large-text");
            }
            stage.setScene(new Scene(root, 480, 520));
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Waits until the background thread and the FX hops after it are done (an edit, then the list's refresh). */
    private void settle() throws Exception {
        for (int i = 0; i < 3; i++) {
            io.submit(() -> { }).get(20, TimeUnit.SECONDS);
            WaitForAsyncUtils.waitForFxEvents();
        }
    }

    private String text(String id) {
        return lookup("#" + id).queryAs(Labeled.class).getText();
    }

    private boolean shown(String id) {
        Node n = lookup("#" + id).query();
        return n.isVisible() && n.isManaged();
    }

    private void fire(String id) throws Exception {
        ButtonBase b = lookup("#" + id).queryAs(ButtonBase.class);
        assertThat(b.isDisabled()).as(id + " enabled").isFalse();
        interact(b::fire);
        settle();
    }

    private void type(String id, String text) {
        interact(() -> lookup("#" + id).queryAs(TextField.class).setText(text));
    }

    private void select(String list, int index) {
        interact(() -> lookup("#" + list).queryAs(ListView.class).getSelectionModel().select(index));
    }

    private static Messages.GroupState group(String leader, String... users) {
        return new Messages.GroupState("g1", 1, leader, Mode.LEADER_FOLLOWER, Following.AUTO, Scope.FULL, List.of(),
                List.of(), java.util.Arrays.stream(users).map(u -> new Messages.Member(u, u + "-pc",
                        Role.of(u.equals(leader) ? "leader" : "follower"), MemberState.HERE, 1)).toList());
    }

    @Test
    void aloneRecordStopAndKeepUnderAName() throws Exception {
        show(Locale.ENGLISH, "alice", false);
        assertThat(shown("recordingIndicator")).isFalse();
        fire("recordFlow");
        assertThat(shown("recordingIndicator")).isTrue();
        assertThat(text("recordingIndicator")).isEqualTo("● Recording: 0 steps so far");
        assertThat(lookup("#recordingIndicator").queryAs(Label.class).getAccessibleText()).isEqualTo(text("recordingIndicator"));
        assertThat(text("recordFlow")).isEqualTo("■ Stop");
        // what the page agent captured here, as the app's agent listener hands it over
        recording.onLocalAction(new Action.Navigate(SHOP, "", SHOP, NavigationCause.USER));
        recording.onLocalAction(new Action.Input(SHOP, "", "#search", "green tea"));
        recording.onLocalAction(new Action.Submit(SHOP, "", "#search-form", "#search-button"));
        recording.onLocalAction(new Action.Navigate(SHOP + "search?q=green+tea", "", SHOP + "search?q=green+tea",
                NavigationCause.PAGE));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text("recordingIndicator")).isEqualTo("● Recording: 3 steps so far");

        fire("recordFlow");
        assertThat(shown("recordingIndicator")).isFalse();
        assertThat(shown("flowNaming")).isTrue();
        assertThat(text("flowsStatus")).isEqualTo("Recorded 3 steps. Give the flow a name to keep it.");
        recording.onLocalAction(new Action.Click(SHOP, "", "#after-stop"));
        assertThat(lookup("#recordFlow").queryAs(ButtonBase.class).isDisabled()).as("waits for the name").isTrue();

        fire("saveFlow"); // no name: refused, nothing kept, the steps wait still
        assertThat(text("flowsStatus")).startsWith("Refused (BAD_FIELD): ").endsWith("Nothing was kept.");
        assertThat(flows.list()).isEmpty();
        type("flowName", "Search for green tea");
        fire("saveFlow");
        assertThat(text("flowsStatus")).isEqualTo("Kept “Search for green tea” (3 steps)");
        assertThat(shown("flowNaming")).isFalse();
        assertThat(flows.list()).singleElement().satisfies(e -> {
            assertThat(e.name()).isEqualTo("Search for green tea");
            assertThat(e.steps()).isEqualTo(3);
        });
        Flow kept = flows.get(flows.list().get(0).id()).flow();
        assertThat(kept.lang()).isEqualTo("en");
        assertThat(kept.steps()).extracting(s -> s.action().kind().wire()).containsExactly("navigate", "input", "submit");
        assertThat(kept.steps().get(2).expect().url()).isEqualTo(SHOP + "search?*");
        assertThat(model.activity).anyMatch(l -> l.endsWith("Kept “Search for green tea” (3 steps)"));
    }

    @Test
    void aFollowerCannotRecordTheLeaderCanAndStoppingWithNothingKeepsNothing() throws Exception {
        show(Locale.ENGLISH, "bob", false);
        model.onGroup(group("alice", "alice", "bob"), null, null);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lookup("#recordFlow").queryAs(ButtonBase.class).isDisabled()).isTrue();
        assertThat(lookup(".hint").queryAllAs(Label.class)).anyMatch(l -> l.isVisible()
                && l.getText().equals("Only the person who leads the group can record."));
        model.onGroup(group("bob", "alice", "bob"), null, null); // the lead is handed to bob
        WaitForAsyncUtils.waitForFxEvents();
        fire("recordFlow");
        sending.set(true); // bob leads a live group: what he sends is recorded, not the local copy
        recording.onLocalAction(new Action.Click(SHOP, "", "#local-copy"));
        fire("recordFlow");
        assertThat(text("flowsStatus")).isEqualTo("Nothing was recorded, so nothing was kept.");
        assertThat(shown("flowNaming")).isFalse();
        assertThat(flows.list()).isEmpty();
        assertThat(recording.active()).isFalse();
    }

    @Test
    void theLibraryListsEditsExportsImportsAndDeletesFlows() throws Exception {
        show(Locale.ENGLISH, "alice", false);
        FlowStore.Stored tea = flows.add(FlowFormat.read(GOLDEN));
        fire("openLibrary");
        ListView<?> list = lookup("#flowList").queryAs(ListView.class);
        assertThat(list.getItems()).hasSize(1);
        select("flowList", 0);
        fire("openFlow");
        assertThat(text("editorTitle")).isEqualTo("Steps of “Add green tea to your cart” (version 1)");
        assertThat(lookup("#stepList").queryAs(ListView.class).getItems()).hasSize(6);
        assertThat(lookup("#stepUp").queryAs(ButtonBase.class).isDisabled()).as("the first step").isTrue();

        select("stepList", 1); // step 2: a new hint
        type("hintField", "Press the green Search button.");
        fire("saveHint");
        assertThat(flows.get(tea.id()).version()).isEqualTo(2);
        assertThat(flows.get(tea.id()).flow().steps().get(1).hint()).isEqualTo("Press the green Search button.");
        assertThat(text("editorTitle")).endsWith("(version 2)");

        List<FlowStep> before = flows.get(tea.id()).flow().steps();
        select("stepList", 1);
        fire("stepUp"); // keyboard-reachable buttons, not only drag
        assertThat(flows.get(tea.id()).flow().steps()).containsExactly(before.get(1), before.get(0), before.get(2),
                before.get(3), before.get(4), before.get(5));
        assertThat(lookup("#stepList").queryAs(ListView.class).getSelectionModel().getSelectedIndex()).isZero();
        fire("stepDown");
        assertThat(flows.get(tea.id()).flow().steps()).isEqualTo(before);
        select("stepList", 5);
        fire("deleteStep");
        assertThat(flows.get(tea.id()).flow().steps()).isEqualTo(before.subList(0, 5));

        type("renameField", "Green tea");
        fire("renameFlow");
        assertThat(flows.get(tea.id()).flow().name()).isEqualTo("Green tea");
        assertThat(text("libraryStatus")).isEqualTo("Renamed to “Green tea”");
        assertThat(((Labeled) lookup("#flowList .list-cell").queryAll().iterator().next()).getText())
                .startsWith("Green tea — 5 steps — changed ");

        Path out = dir.resolve("green-tea.json");
        chosen.set(out);
        fire("exportFlow");
        assertThat(Files.readString(out)).isEqualTo(FlowFormat.export(flows.get(tea.id()).flow()));

        chosen.set(BAD); // a refused import: where and why, nothing stored
        fire("importFlow");
        assertThat(text("libraryStatus")).isEqualTo(
                "Refused (BAD_FIELD) at line 9, step 1: unknown action kind: hover. Nothing was kept.");
        assertThat(flows.list()).hasSize(1);
        chosen.set(out);
        fire("importFlow");
        assertThat(text("libraryStatus")).isEqualTo("Imported “Green tea” (5 steps)");
        assertThat(flows.list()).hasSize(2);
        assertThat(list.getItems()).hasSize(2);

        select("flowList", 0);
        fire("deleteFlow");
        assertThat(shown("confirmDelete")).isTrue();
        assertThat(flows.list()).as("asked first").hasSize(2);
        fire("keepFlow");
        assertThat(flows.list()).hasSize(2);
        fire("deleteFlow");
        fire("confirmDelete");
        assertThat(flows.list()).hasSize(1);
        assertThat(list.getItems()).hasSize(1);
    }

    @Test
    void anEditOnAVersionChangedElsewhereIsRefusedAndChangesNothing() throws Exception {
        show(Locale.ENGLISH, "alice", false);
        FlowStore.Stored tea = flows.add(FlowFormat.read(GOLDEN));
        fire("openLibrary");
        select("flowList", 0);
        fire("openFlow");
        flows.rename(tea.id(), 1, "Renamed in another window");
        select("stepList", 0);
        type("hintField", "lost?");
        fire("saveHint");
        assertThat(text("libraryStatus")).startsWith("Refused (STALE_VERSION): the flow changed (version 2");
        assertThat(flows.get(tea.id()).version()).isEqualTo(2);
        assertThat(flows.get(tea.id()).flow().steps().get(0).hint()).isNotEqualTo("lost?");
    }

    @Test
    void inChineseWithLargeTextEveryControlSpeaks() throws Exception {
        show(MainWindow.ZH, "alice", true);
        flows.add(FlowFormat.read(GOLDEN));
        assertThat(text("recordFlow")).isEqualTo("● 录制");
        fire("openLibrary");
        Parent library = lookup("#flowLibrary").queryAs(Parent.class);
        assertThat(library.getScene().getRoot().getStyleClass()).as("the window's text size").contains("large-text");
        select("flowList", 0);
        fire("openFlow");
        assertThat(text("editorTitle")).isEqualTo("“Add green tea to your cart”的步骤（版本 1）");
        chosen.set(BAD);
        fire("importFlow");
        assertThat(text("libraryStatus")).isEqualTo(
                "已拒绝（BAD_FIELD），第 9 行，第 1 步：unknown action kind: hover。没有保存任何内容。");
        for (String root : new String[] {"#flowsPane", "#flowLibrary"}) {
            for (Node n : lookup(root).queryAs(Parent.class).lookupAll(".button, .text-field, .list-view")) {
                assertThat(((Control) n).getAccessibleText()).as(n.getId()).isNotBlank();
            }
        }
    }

    @Test
    void guideMeWithAStoredFlowThenStopGuidingAndARefusalIsSaid() throws Exception {
        show(Locale.ENGLISH, "alice", false);
        long tea = flows.add(FlowFormat.read(GOLDEN)).id();
        @SuppressWarnings("unchecked")
        ComboBox<FlowLibrary.Entry> pick = lookup("#guideFlow").queryAs(ComboBox.class);
        assertThat(lookup("#guideMe").queryAs(ButtonBase.class).isDisabled()).as("no flow picked").isTrue();
        interact(pick::show); // opened (by mouse, or Alt+Down from the keyboard): the list is read again
        settle();
        interact(pick::hide);
        assertThat(pick.getItems()).extracting(FlowLibrary.Entry::name).containsExactly("Add green tea to your cart");
        assertThat(pick.getAccessibleText()).isEqualTo("Guide me with:");
        interact(() -> pick.getSelectionModel().select(0));
        assertThat(lookup("#stopGuiding").queryAs(ButtonBase.class).isDisabled()).as("not guiding yet").isTrue();
        fire("guideMe");
        assertThat(guided).containsExactly("guide " + tea);
        assertThat(text("guideStatus")).isEqualTo("Your guide leads this window through \"Add green tea to your cart\".");
        assertThat(lookup("#guideMe").queryAs(ButtonBase.class).isDisabled()).as("one guide at a time").isTrue();
        fire("stopGuiding");
        assertThat(guided).containsExactly("guide " + tea, "stop");
        assertThat(text("guideStatus")).isEqualTo("Guiding stopped.");

        guideAnswer = java.util.concurrent.CompletableFuture.failedFuture(new dev.companion.app.ui.flows.Guiding.InGroup());
        fire("guideMe");
        assertThat(text("guideStatus")).isEqualTo("Leave your group first: a window follows one group at a time.");
        assertThat(lookup("#stopGuiding").queryAs(ButtonBase.class).isDisabled()).as("nothing to stop").isTrue();
    }

    @Test
    void aFlowIsSharedWithAMemberAndASharedFlowIsKeptOnlyOnYes() throws Exception {
        show(Locale.ENGLISH, "alice", false);
        flows.add(FlowFormat.read(GOLDEN));
        model.onGroup(group("alice", "alice", "bob", "carol"), null, null);
        fire("openLibrary");
        select("flowList", 0);
        @SuppressWarnings("unchecked")
        javafx.scene.control.ChoiceBox<String> with = lookup("#shareWith").queryAs(javafx.scene.control.ChoiceBox.class);
        assertThat(with.getItems()).as("the other members").containsExactly("bob", "carol");
        interact(() -> with.setValue("carol"));
        fire("shareFlow");
        assertThat(shared).containsExactly("carol: Add green tea to your cart");
        assertThat(text("libraryStatus")).isEqualTo("Sent “Add green tea to your cart” to carol. They are asked before it is kept.");
        model.onGroup(null, "left", "alice");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(with.getItems()).isEmpty();
        assertThat(lookup("#shareFlow").queryAs(ButtonBase.class).isDisabled()).as("no group: nobody to share with").isTrue();

        // bob and carol share flows with alice through the session's inbox: each is shown; nothing is kept before her yes
        dev.companion.app.flow.FlowInbox inbox = new dev.companion.app.flow.FlowInbox(System::currentTimeMillis, offers,
                offers::keep);
        Flow fromBob = FlowFormat.read(GOLDEN).renamed("Bob's tea");
        for (String who : List.of("bob", "carol")) {
            Flow f = who.equals("bob") ? fromBob : fromBob.renamed("Carol's tea");
            for (var part : dev.companion.app.flow.FlowInbox.parts("g1", who, "alice", "s1",
                    FlowFormat.export(f).getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
                assertThat(inbox.onPart(who, part)).isNull();
            }
        }
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text("offer-bob")).isEqualTo("bob shares the flow “Bob's tea” (6 steps). Keep it?");
        assertThat(text("offer-carol")).isEqualTo("carol shares the flow “Carol's tea” (6 steps). Keep it?");
        assertThat(flows.list()).hasSize(1);
        fire("refuseOffer-carol");
        assertThat(lookup("#offer-carol").tryQuery()).isEmpty();
        fire("keepOffer-bob");
        assertThat(flows.list()).extracting(FlowStore.Summary::name).containsExactly("Add green tea to your cart", "Bob's tea");
        assertThat(shown("flowOffers")).isFalse();
        assertThat(model.activity).anyMatch(l -> l.endsWith("Did not keep “Carol's tea” from carol"));
    }
}
