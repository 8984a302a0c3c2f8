package dev.companion.app.ui.classroom;

import static dev.companion.app.ui.lan.PaneParts.shown;
import static dev.companion.app.ui.lan.PaneParts.wrapped;

import dev.companion.app.session.Classrooms;
import dev.companion.app.thread.FxThread;
import dev.companion.app.ui.AppActions;
import dev.companion.app.ui.Texts;
import dev.companion.app.ui.lan.PaneParts;
import dev.companion.app.ui.lan.StatusLine;
import dev.companion.p2p.lan.LanDiscovery;
import dev.companion.p2p.protocol.Messages;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * "Classrooms on this network" (docs/network.md): the student starts looking; the classrooms whose
 * beacons this terminal hears are listed (name, teacher, address, "joined before"), refreshed each second;
 * opening one — or an "address:port" typed where multicast does not reach — shows its code to compare
 * with the teacher's screen and what the profile knows of its certificate ({@link RoomQuestion}); Join
 * pins it and signs in to the room's control center. "Leave the classroom" (shown while one is joined)
 * leaves its group, signs out of it and points the session back where it was; when the teacher stops
 * the room the pane says the classroom ended and the same happens. Sockets, the code's slow hash and the profile are
 * touched only through {@link Classrooms}' futures, never on the FX thread.
 */
public final class RoomsPane extends VBox {
    private final Texts t;
    private final Classrooms classrooms;
    private final Button look = new Button();
    private final StatusLine status;
    private final ListView<LanDiscovery.Found> heard = new ListView<>();
    private final TextField address = new TextField();
    private final RoomQuestion question;
    private final Button leave = new Button();
    private final Runnable onLeft;
    private final Timeline refresh = new Timeline(new KeyFrame(Duration.seconds(1), e -> refresh()));
    private Map<String, String> pinned = Map.of(); // FX thread

    /** onJoined: signed in to a room; onLeft: signed out of it (left, or the classroom ended). FX thread. */
    public RoomsPane(Texts t, Classrooms classrooms, Consumer<Messages.LoginOk> onJoined, Runnable onLeft) {
        this.t = t;
        this.classrooms = classrooms;
        this.onLeft = onLeft;
        setId("roomsPane");
        setSpacing(6);
        Label hint = wrapped(new Label(t.get("classroom.rooms.hint")));
        hint.getStyleClass().add("hint");
        look.setId("roomsLook");
        look.setText(t.get("classroom.rooms.look"));
        look.setWrapText(true);
        look.getStyleClass().add("primary");
        look.setOnAction(e -> look());
        shown(look, true);
        status = new StatusLine(t, "roomsStatus");
        PaneParts.heardList(heard, "roomsHeard", t.get("classroom.rooms.heard"), t.get("classroom.rooms.none"),
                this::describe, this::openPicked);
        Button open = new Button(t.get("classroom.rooms.open"));
        open.setId("roomsOpen");
        open.disableProperty().bind(heard.getSelectionModel().selectedItemProperty().isNull());
        open.setOnAction(e -> openPicked());
        address.setId("roomsAddress");
        address.setPromptText(t.get("classroom.rooms.address.prompt"));
        address.setAccessibleText(t.get("classroom.rooms.address"));
        address.setOnAction(e -> openAddress());
        Button ask = new Button(t.get("classroom.rooms.address.ask"));
        ask.setId("roomsOpenAddress");
        ask.setOnAction(e -> openAddress());
        HBox.setHgrow(address, Priority.ALWAYS);
        Label addressLabel = wrapped(new Label(t.get("classroom.rooms.address")));
        addressLabel.setLabelFor(address);
        VBox looking = new VBox(6, heard, open);
        looking.visibleProperty().bind(look.visibleProperty().not());
        looking.managedProperty().bind(looking.visibleProperty());
        question = new RoomQuestion(t, classrooms, status, ok -> {
            loadPinned();
            shown(leave, true);
            onJoined.accept(ok);
        });
        leave.setId("roomsLeave");
        leave.setText(t.get("classroom.rooms.leave"));
        leave.setAccessibleText(t.get("classroom.rooms.leave"));
        leave.setWrapText(true);
        leave.setOnAction(e -> leave());
        shown(leave, classrooms.joined() != null);
        classrooms.onEnded(room -> FxThread.run(() -> left("classroom.rooms.ended", room)));
        getChildren().addAll(hint, look, status, leave, looking, addressLabel, new HBox(6, address, ask), question);
        refresh.setCycleCount(Timeline.INDEFINITE);
        sceneProperty().addListener((o, was, now) -> {
            if (now == null) {
                refresh.stop(); // a rebuilt window (another language) replaced this pane
            }
        });
    }

    private String describe(LanDiscovery.Found f) {
        String where = f.address().getHostString() + ":" + f.beacon().port();
        String teacher = f.beacon().teacher(); // null in a beacon from before the field
        String line = teacher == null ? t.get("classroom.rooms.line", f.beacon().name(), where)
                : t.get("classroom.rooms.lineTeacher", f.beacon().name(), teacher, where);
        return f.beacon().fingerprint().equals(pinned.get(f.beacon().name())) ? line + " · " + t.get("classroom.rooms.known") : line;
    }

    private void say(String key, Object... args) {
        status.say(key, args);
    }

    private void fail(String key, Object... args) {
        status.fail(key, args);
    }

    private void look() {
        look.setDisable(true);
        say("classroom.rooms.looking");
        classrooms.look().whenComplete((d, e) -> FxThread.run(() -> {
            look.setVisible(false);
            if (e != null) {
                fail("classroom.rooms.noDiscovery", AppActions.message(e));
                return;
            }
            refresh.play();
            loadPinned();
        }));
    }

    private void loadPinned() {
        classrooms.pinned().thenAccept(p -> FxThread.run(() -> {
            pinned = p;
            refresh();
        }));
    }

    /** The classrooms heard within the last seconds; the pick is kept while it is heard. */
    private void refresh() {
        LanDiscovery.Found picked = heard.getSelectionModel().getSelectedItem();
        List<LanDiscovery.Found> now = classrooms.heard().stream().filter(f -> f.beacon().isClassroom()).toList();
        heard.getItems().setAll(now);
        if (picked != null) {
            now.stream().filter(f -> f.beacon().instance().equals(picked.beacon().instance())).findFirst()
                    .ifPresent(f -> heard.getSelectionModel().select(f));
        }
    }

    private void leave() {
        String room = classrooms.joined();
        leave.setDisable(true);
        say("classroom.rooms.leaving", room);
        classrooms.leave().whenComplete((v, e) -> FxThread.run(() -> {
            if (e != null) {
                leave.setDisable(false);
                fail("classroom.rooms.leaveFailed", AppActions.message(e));
            } else {
                left("classroom.rooms.left", room);
            }
        }));
    }

    /** Out of the room (left, or it ended): not listening any more, the sign-in view where it was before. */
    private void left(String key, String room) {
        if (getScene() == null) {
            return; // a window rebuilt in another language: its new pane says it
        }
        refresh.stop();
        heard.getItems().clear();
        shown(leave, false);
        leave.setDisable(false);
        look.setDisable(false);
        look.setVisible(true);
        say(key, room);
        onLeft.run();
    }

    private void openPicked() {
        LanDiscovery.Found f = heard.getSelectionModel().getSelectedItem();
        if (f != null) {
            open(f.beacon().name(), classrooms.room(f));
        }
    }

    private void openAddress() {
        String text = address.getText().strip();
        int colon = text.lastIndexOf(':');
        int port = -1;
        try {
            port = colon > 0 ? Integer.parseInt(text.substring(colon + 1)) : -1;
        } catch (NumberFormatException e) {
            // shown below
        }
        if (port < 1 || port > 65535) {
            fail("classroom.rooms.address.bad", text);
            return;
        }
        open(text, classrooms.probe(text.substring(0, colon), port));
    }

    private void open(String what, java.util.concurrent.CompletableFuture<Classrooms.Room> room) {
        say("classroom.rooms.opening", what);
        room.whenComplete((r, e) -> FxThread.run(() -> {
            if (e != null) {
                fail("classroom.rooms.openFailed", AppActions.message(e));
            } else {
                status.setVisible(false); // the question says what to compare
                question.show(r);
            }
        }));
    }
}
