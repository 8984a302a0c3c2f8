package dev.companion.app.ui.login;

import dev.companion.app.session.ControlCenterState;
import dev.companion.app.session.ControlCenterState.Status;
import dev.companion.app.ui.AppActions;
import dev.companion.app.ui.AppViewModel;
import dev.companion.app.ui.Texts;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.WeakChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The control-center line under the user's name once signed in: connected, connecting, "trying again
 * in N s" (counting down) with a Reconnect-now button, or stopped with why: a session that expired
 * asks for the password right here (the group and its links stay), another device took over, or the
 * control center refuses this app. Following over the peer links goes on meanwhile.
 */
public final class ConnectionStatus extends VBox {
    private final AppViewModel model;
    private final Texts t;
    private final Label status = new Label();
    private final Tooltip details = new Tooltip();
    private final Button reconnect;
    private final HBox reauth;
    // held strongly here, registered weakly: a line replaced by a language switch can be collected
    private final ChangeListener<Object> onChange = (o, was, now) -> refresh();

    /** server: the control center's HOST:PORT, named when a sign-in again fails. */
    public ConnectionStatus(AppViewModel model, AppActions actions, String server) {
        this(model, actions, ConnectionActions.of(actions.session()), server);
    }

    public ConnectionStatus(AppViewModel model, AppActions actions, ConnectionActions session, String server) {
        this.model = model;
        this.t = model.texts();
        setSpacing(4);
        status.setId("ccStatus");
        status.setWrapText(true);
        reconnect = new Button(t.get("session.cc.reconnect"));
        reconnect.setId("reconnectButton");
        reconnect.setAccessibleText(t.get("session.cc.reconnect"));
        reconnect.setOnAction(e -> session.reconnect());
        PasswordField password = new PasswordField();
        password.setId("reauthPassword");
        password.setPromptText(t.get("login.password"));
        password.setAccessibleText(t.get("login.password"));
        Button again = new Button(t.get("session.cc.signInAgain"));
        again.setId("reauthButton");
        Label error = new Label();
        error.setId("reauthError");
        error.getStyleClass().add("error");
        error.setWrapText(true);
        again.setOnAction(e -> {
            if (password.getText().isEmpty()) {
                return;
            }
            again.setDisable(true);
            String pw = password.getText();
            actions.attempt(() -> session.signInAgain(model.user.get(), pw), ok -> {
                password.clear();
                error.setText("");
                again.setDisable(false);
            }, err -> {
                again.setDisable(false);
                error.setText(SignInProblem.explain(t, err, server));
                password.requestFocus();
                password.selectAll();
            });
        });
        reauth = new HBox(6, password, again);
        VBox reauthBox = new VBox(4, reauth, error);
        reauthBox.visibleProperty().bind(reauth.visibleProperty());
        reauthBox.managedProperty().bind(reauth.visibleProperty());
        reconnect.managedProperty().bind(reconnect.visibleProperty());
        getChildren().addAll(status, reconnect, reauthBox);
        model.controlCenter.addListener(new WeakChangeListener<>(onChange));
        model.retrySeconds.addListener(new WeakChangeListener<>(onChange));
        refresh();
    }

    private void refresh() {
        ControlCenterState s = model.controlCenter.get();
        Status st = s == null ? Status.CONNECTING : s.status();
        String reason = s == null || s.reason() == null ? "" : s.reason();
        status.setText(switch (st) {
            case ONLINE -> t.get("session.cc.online");
            case CONNECTING -> t.get("session.cc.connecting");
            case WAITING -> t.get("session.cc.retrying", reason, model.retrySeconds.get());
            case PASSWORD_NEEDED -> t.get("session.cc.passwordNeeded");
            case REPLACED -> t.get("session.cc.replaced");
            case OFFLINE -> t.get("session.cc.offline", reason);
            case ENDED -> t.get("session.cc.ended", reason);
        });
        // the line says what it means in the person's language; the client's own words (English) are details
        details.setText(t.get("session.cc.details", reason));
        status.setTooltip(reason.isEmpty() ? null : details);
        status.getStyleClass().setAll("label", st == Status.ONLINE ? "status-online" : "status-offline");
        reconnect.setVisible(st == Status.WAITING || st == Status.REPLACED || st == Status.OFFLINE);
        reauth.setVisible(st == Status.PASSWORD_NEEDED);
    }
}
