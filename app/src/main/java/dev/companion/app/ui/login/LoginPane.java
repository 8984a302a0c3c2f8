package dev.companion.app.ui.login;

import dev.companion.app.ui.AppActions;
import dev.companion.app.ui.AppViewModel;
import dev.companion.app.ui.Texts;
import java.util.function.Supplier;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.WeakChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * Sign in to the control center: user name and password (the password stays on this device's TLS link).
 * The control center's address is read again each time the pane shows or the connection changes: a
 * classroom joined and left points the session elsewhere.
 */
public final class LoginPane extends VBox {
    // held strongly here, registered weakly: a pane replaced by a language switch can be collected
    private final ChangeListener<Object> onChange;

    /** Where the session's next sign-in goes now ("host:port"), or fallback without a session. */
    public static Supplier<String> addressOf(AppActions actions, String fallback) {
        return () -> {
            var c = actions.session() == null ? null : actions.session().config();
            return c == null ? fallback : c.host() + ":" + c.port();
        };
    }

    public LoginPane(AppViewModel model, AppActions actions, Supplier<String> server, String presetUser) {
        Texts t = model.texts();
        getStyleClass().add("login");
        setSpacing(6);
        setPadding(new Insets(4));
        Label title = new Label(t.get("login.title"));
        title.getStyleClass().add("section-title");
        Label userLabel = new Label(t.get("login.user"));
        TextField user = new TextField(presetUser == null ? "" : presetUser);
        user.setId("loginUser");
        userLabel.setLabelFor(user);
        user.setAccessibleText(t.get("login.user"));
        Label pwLabel = new Label(t.get("login.password"));
        PasswordField password = new PasswordField();
        password.setId("loginPassword");
        pwLabel.setLabelFor(password);
        password.setAccessibleText(t.get("login.password"));
        Label serverLabel = new Label();
        serverLabel.setId("loginServer");
        serverLabel.getStyleClass().add("hint");
        Runnable where = () -> serverLabel.setText(t.get("login.server") + ": " + server.get());
        where.run();
        onChange = (o, was, now) -> where.run();
        model.signedIn.addListener(new WeakChangeListener<>(onChange));
        model.controlCenter.addListener(new WeakChangeListener<>(onChange));
        Button signIn = new Button(t.get("login.button"));
        signIn.setId("loginButton");
        signIn.getStyleClass().add("primary");
        signIn.setDefaultButton(true);
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(20, 20);
        progress.setVisible(false);
        Label error = new Label();
        error.setId("loginError");
        error.getStyleClass().add("error");
        signIn.setOnAction(e -> {
            if (user.getText().isBlank() || password.getText().isEmpty()) {
                return;
            }
            signIn.setDisable(true);
            progress.setVisible(true);
            error.setText(t.get("login.working"));
            String name = user.getText().trim();
            String pw = password.getText();
            actions.run(() -> actions.session().login(name, pw), ok -> {
                password.clear();
                error.setText("");
                model.signedIn(ok.user());
            }, err -> {
                signIn.setDisable(false);
                progress.setVisible(false);
                error.setText(t.get("login.failed", err));
            });
        });
        getChildren().addAll(title, userLabel, user, pwLabel, password, serverLabel,
                new HBox(8, signIn, progress), error);
    }
}
