package dev.companion.app.ui.login;

import dev.companion.app.ui.AppActions;
import dev.companion.app.ui.AppViewModel;
import dev.companion.app.ui.Texts;
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
 * A field left empty or a failed sign-in says why in words (SignInProblem) and puts the keyboard where
 * the person has to type next.
 */
public final class LoginPane extends VBox {
    private final TextField user;
    private final PasswordField password;

    public LoginPane(AppViewModel model, AppActions actions, String server, String presetUser) {
        Texts t = model.texts();
        getStyleClass().add("login");
        setSpacing(6);
        setPadding(new Insets(4));
        Label title = new Label(t.get("login.title"));
        title.getStyleClass().add("section-title");
        Label userLabel = new Label(t.get("login.user"));
        user = new TextField(presetUser == null ? "" : presetUser);
        user.setId("loginUser");
        userLabel.setLabelFor(user);
        user.setAccessibleText(t.get("login.user"));
        Label pwLabel = new Label(t.get("login.password"));
        password = new PasswordField();
        password.setId("loginPassword");
        pwLabel.setLabelFor(password);
        password.setAccessibleText(t.get("login.password"));
        Label serverLabel = new Label(t.get("login.serverAt", server));
        serverLabel.setWrapText(true);
        serverLabel.getStyleClass().add("hint");
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
        error.setWrapText(true);
        signIn.setOnAction(e -> {
            if (user.getText().isBlank() || password.getText().isEmpty()) {
                boolean noUser = user.getText().isBlank();
                error.setText(t.get(noUser ? "login.missing.user" : "login.missing.password"));
                (noUser ? user : password).requestFocus();
                return;
            }
            signIn.setDisable(true);
            progress.setVisible(true);
            error.setText(t.get("login.working"));
            String name = user.getText().trim();
            String pw = password.getText();
            actions.attempt(() -> actions.session().login(name, pw), ok -> {
                password.clear();
                error.setText("");
                model.signedIn(ok.user());
            }, err -> {
                signIn.setDisable(false);
                progress.setVisible(false);
                error.setText(SignInProblem.explain(t, err, server));
                password.requestFocus(); // the usual fix is another try: the password is selected, ready to retype
                password.selectAll();
            });
        });
        getChildren().addAll(title, userLabel, user, pwLabel, password, serverLabel,
                new HBox(8, signIn, progress), error);
    }

    /** Puts the keyboard in the first field still to fill: the password when the name is already there. */
    public void focusFirstEmpty() {
        (user.getText().isBlank() ? user : password).requestFocus();
    }
}
