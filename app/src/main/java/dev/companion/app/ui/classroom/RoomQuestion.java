package dev.companion.app.ui.classroom;

import static dev.companion.app.ui.lan.PaneParts.shown;
import static dev.companion.app.ui.lan.PaneParts.wrapped;

import dev.companion.app.session.Classrooms;
import dev.companion.app.thread.FxThread;
import dev.companion.app.ui.AppActions;
import dev.companion.app.ui.Texts;
import dev.companion.app.ui.lan.StatusLine;
import dev.companion.p2p.protocol.Messages;
import java.util.function.Consumer;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * One classroom the student opened, in {@link RoomsPane}: the room and its address, its code to
 * compare with the teacher's screen, what the profile knows of its certificate, the name and password
 * the teacher gave, and Join or Cancel. A room whose certificate changed since the student joined it
 * shows a warning whose box must be ticked before Join does anything; Cancel stores nothing. FX thread.
 */
final class RoomQuestion extends VBox {

    private final Texts t;
    private final Classrooms classrooms;
    private final StatusLine status;
    private final Consumer<Messages.LoginOk> onJoined;
    private final Label who = new Label();
    private final Label code = new Label();
    private final Label trust = new Label();
    private final CheckBox acceptChanged = new CheckBox();
    private final TextField user = new TextField();
    private final PasswordField password = new PasswordField();
    private final Button join = new Button();
    private final Button cancel = new Button();
    private Classrooms.Room current;

    RoomQuestion(Texts t, Classrooms classrooms, StatusLine status, Consumer<Messages.LoginOk> onJoined) {
        super(6);
        this.t = t;
        this.classrooms = classrooms;
        this.status = status;
        this.onJoined = onJoined;
        setId("roomQuestion");
        getStyleClass().add("group-box");
        who.setId("roomWho");
        wrapped(who);
        code.setId("roomCode");
        code.getStyleClass().add("section-title");
        trust.setId("roomTrust");
        wrapped(trust);
        acceptChanged.setId("roomAcceptChanged");
        acceptChanged.setText(t.get("classroom.room.changed.accept"));
        acceptChanged.setWrapText(true);
        acceptChanged.setMinHeight(Region.USE_PREF_SIZE);
        Label userLabel = wrapped(new Label(t.get("classroom.room.user")));
        userLabel.setLabelFor(user);
        user.setId("roomUser");
        user.setAccessibleText(t.get("classroom.room.user"));
        Label passwordLabel = wrapped(new Label(t.get("classroom.room.password")));
        passwordLabel.setLabelFor(password);
        password.setId("roomPassword");
        password.setAccessibleText(t.get("classroom.room.password"));
        password.setOnAction(e -> join());
        join.setId("roomJoin");
        join.setText(t.get("classroom.room.join"));
        join.getStyleClass().add("primary");
        join.disableProperty().bind(acceptChanged.visibleProperty().and(acceptChanged.selectedProperty().not())
                .or(user.textProperty().isEmpty()).or(password.textProperty().isEmpty()));
        join.setOnAction(e -> join());
        cancel.setId("roomCancel");
        cancel.setText(t.get("classroom.room.cancel"));
        cancel.setOnAction(e -> cancel());
        getChildren().addAll(who, code, trust, acceptChanged, userLabel, user, passwordLabel, password, new HBox(8, join, cancel));
        shown(this, false);
        shown(trust, false);
        shown(acceptChanged, false);
    }

    /** The room opened: who and where, its code, and what the profile knows of it. */
    void show(Classrooms.Room room) {
        current = room;
        who.setText(t.get("classroom.room.who", room.name(), room.address()));
        code.setText(room.code());
        code.setAccessibleText(t.get("classroom.room.code", room.code()));
        trust.getStyleClass().remove("error");
        acceptChanged.setSelected(false);
        shown(trust, room.joinedBefore() || room.certificateChanged());
        shown(acceptChanged, room.certificateChanged());
        if (room.joinedBefore()) {
            trust.setText(t.get("classroom.room.known", room.name()));
        } else if (room.certificateChanged()) {
            trust.setText(t.get("classroom.room.changed", room.name()));
            trust.getStyleClass().add("error");
        }
        trust.setAccessibleText(trust.getText());
        setDisable(false);
        setVisible(true);
        user.requestFocus();
    }

    private void join() {
        Classrooms.Room room = current;
        if (room == null || join.isDisabled()) {
            return;
        }
        setDisable(true);
        status.say("classroom.room.joining", room.name());
        String pw = password.getText();
        classrooms.join(room, user.getText().strip(), pw).whenComplete((ok, e) -> FxThread.run(() -> {
            setDisable(false);
            if (e != null) {
                status.fail("classroom.room.failed", AppActions.message(e));
                return;
            }
            password.clear();
            current = null;
            setVisible(false);
            status.say("classroom.room.joined", room.name());
            onJoined.accept(ok);
        }));
    }

    private void cancel() {
        current = null;
        password.clear();
        acceptChanged.setSelected(false);
        setVisible(false);
        status.say("classroom.room.cancelled");
    }
}
