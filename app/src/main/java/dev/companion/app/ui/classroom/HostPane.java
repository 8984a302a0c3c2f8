package dev.companion.app.ui.classroom;

import static dev.companion.app.ui.lan.PaneParts.shown;
import static dev.companion.app.ui.lan.PaneParts.wrapped;

import dev.companion.app.session.Classrooms;
import dev.companion.app.thread.FxThread;
import dev.companion.app.ui.AppActions;
import dev.companion.app.ui.Texts;
import dev.companion.app.ui.lan.StatusLine;
import dev.companion.p2p.lan.LanInterfaces;
import dev.companion.p2p.protocol.LanBeacon;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * "Host a classroom" (docs/network.md): the teacher names the room, gives their name and the students
 * (name and password, one a line) and presses Host; the room's control center starts in this process,
 * is announced on the LAN, and the teacher is signed in to it; the room's code and address are shown
 * for the students to compare; the students are invited into the teacher's group as they sign in and
 * show in the group panel, one line each. "Stop the classroom" signs the teacher out and stops the room.
 * On a computer with several LAN interfaces the teacher picks the one to host on (the list shows only
 * then; the one with a private address comes first and is taken by default).
 * The work runs in {@link Classrooms}' futures, never on the FX thread.
 */
public final class HostPane extends VBox {
    private final Texts t;
    private final Classrooms classrooms;
    private final Consumer<String> onSignedIn;
    private final Runnable onStopped;
    private final TextField room = new TextField();
    private final TextField teacher = new TextField();
    private final TextArea roster = new TextArea();
    private final Button start = new Button();
    private final Button stop = new Button();
    private final StatusLine status;
    private final Label code = new Label();
    private final VBox form;
    private final ChoiceBox<LanInterfaces.Lan> where = new ChoiceBox<>();

    /** onSignedIn: the teacher signed in to the room (their name); onStopped: signed out, the room stopped. */
    public HostPane(Texts t, Classrooms classrooms, Supplier<String> presetName, Consumer<String> onSignedIn, Runnable onStopped) {
        this.t = t;
        this.classrooms = classrooms;
        this.onSignedIn = onSignedIn;
        this.onStopped = onStopped;
        setId("hostPane");
        setSpacing(6);
        Label hint = wrapped(new Label(t.get("classroom.host.hint")));
        hint.getStyleClass().add("hint");
        Label roomLabel = wrapped(new Label(t.get("classroom.host.room")));
        roomLabel.setLabelFor(room);
        room.setId("hostRoom");
        room.setAccessibleText(t.get("classroom.host.room"));
        Label teacherLabel = wrapped(new Label(t.get("classroom.host.teacher")));
        teacherLabel.setLabelFor(teacher);
        teacher.setId("hostTeacher");
        teacher.setAccessibleText(t.get("classroom.host.teacher"));
        String preset = presetName.get();
        teacher.setText(preset == null ? "" : preset);
        Label rosterLabel = wrapped(new Label(t.get("classroom.host.roster")));
        rosterLabel.setLabelFor(roster);
        roster.setId("hostRoster");
        roster.setAccessibleText(t.get("classroom.host.roster"));
        roster.setPromptText(t.get("classroom.host.roster.prompt"));
        roster.setPrefRowCount(6);
        roster.setWrapText(false);
        roster.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.TAB && !e.isControlDown()) {
                // Tab moves on, as in every other field (a TextArea would type it): sent on as Ctrl+Tab, its traversal key
                e.consume();
                roster.fireEvent(new KeyEvent(e.getSource(), e.getTarget(), e.getEventType(), e.getCharacter(), e.getText(),
                        e.getCode(), e.isShiftDown(), true, e.isAltDown(), e.isMetaDown()));
            }
        });
        where.setId("hostInterface");
        where.setAccessibleText(t.get("classroom.host.interface"));
        where.setConverter(new StringConverter<>() {
            @Override
            public String toString(LanInterfaces.Lan lan) {
                return lan == null ? "" : lan.describe();
            }

            @Override
            public LanInterfaces.Lan fromString(String s) {
                return where.getItems().stream().filter(l -> l.describe().equals(s)).findFirst().orElse(null);
            }
        });
        Label whereLabel = wrapped(new Label(t.get("classroom.host.interface")));
        whereLabel.setLabelFor(where);
        VBox whereBox = new VBox(6, whereLabel, where);
        shown(whereBox, false);
        classrooms.lans().whenComplete((lans, e) -> FxThread.run(() -> {
            if (e == null) { // else: hosting says why (no network)
                where.getItems().setAll(lans);
                where.getSelectionModel().selectFirst(); // the preferred one
                whereBox.setVisible(lans.size() > 1);
            }
        }));
        start.setId("hostStart");
        start.setText(t.get("classroom.host.start"));
        start.setWrapText(true);
        start.getStyleClass().add("primary");
        start.setOnAction(e -> host());
        form = new VBox(6, roomLabel, room, teacherLabel, teacher, rosterLabel, roster, whereBox, start);
        shown(form, true);
        status = new StatusLine(t, "hostStatus");
        code.setId("hostCode");
        code.getStyleClass().add("section-title");
        shown(code, false);
        stop.setId("hostStop");
        stop.setText(t.get("classroom.host.stop"));
        stop.setWrapText(true);
        stop.setOnAction(e -> stop());
        shown(stop, false);
        getChildren().addAll(hint, form, status, code, stop);
        Classrooms.Hosted h = classrooms.hosted();
        if (h != null) {
            running(h); // a rebuilt window (another language) while hosting
        }
    }

    private void say(String key, Object... args) {
        status.say(key, args);
    }

    private void fail(String key, Object... args) {
        status.fail(key, args);
    }

    private void host() {
        String name = room.getText().strip();
        try {
            LanBeacon.checkName(name);
        } catch (RuntimeException e) {
            fail("classroom.host.badRoom");
            return;
        }
        String who = teacher.getText().strip();
        if (who.isEmpty()) {
            fail("classroom.host.badTeacher");
            return;
        }
        Roster.Parsed students = Roster.parse(roster.getText());
        if (!students.ok()) {
            fail(students.errorKey(), students.errorArg());
            return;
        }
        form.setDisable(true);
        say("classroom.host.starting");
        classrooms.host(where.getValue(), name, who, students.students()).whenComplete((h, e) -> FxThread.run(() -> {
            form.setDisable(false);
            if (e != null) {
                fail("classroom.host.failed", AppActions.message(e));
                return;
            }
            running(h);
            onSignedIn.accept(h.teacher());
        }));
    }

    private void running(Classrooms.Hosted h) {
        form.setVisible(false);
        String where = h.classroom().address().getHostString() + ":" + h.classroom().address().getPort();
        say("classroom.host.running", h.room(), where);
        code.setText(h.classroom().code());
        code.setAccessibleText(t.get("classroom.host.code", h.classroom().code()));
        code.setVisible(true);
        stop.setDisable(false);
        stop.setVisible(true);
    }

    private void stop() {
        stop.setDisable(true);
        say("classroom.host.stopping");
        classrooms.stop().whenComplete((v, e) -> FxThread.run(() -> {
            code.setVisible(false);
            stop.setVisible(false);
            form.setVisible(true);
            if (e != null) {
                fail("classroom.host.failed", AppActions.message(e));
            } else {
                say("classroom.host.stopped");
            }
            onStopped.run();
        }));
    }
}
