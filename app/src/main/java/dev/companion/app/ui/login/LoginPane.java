package dev.companion.app.ui.login;

import dev.companion.app.ui.AppActions;
import dev.companion.app.ui.AppViewModel;
import dev.companion.app.ui.Texts;
import dev.companion.p2p.link.HostPort;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
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
 * Sign in to the control center: user name, password (it stays on this device's TLS link) and the
 * control center's address, which the person can change here (an installed app is not started with a
 * command line). A field left empty, an address that cannot be one or a failed sign-in says why in
 * words (SignInProblem) and puts the keyboard where the person has to type next. The address shown is
 * read again when the pane shows or the connection changes (a classroom joined and left points the
 * session elsewhere), unless the person is typing in it.
 */
public final class LoginPane extends VBox {
    private final TextField user;
    private final PasswordField password;
    // held strongly here, registered weakly: a pane replaced by a language switch can be collected
    private final ChangeListener<Object> onChange;

    /** Where the session's next sign-in goes now ("host:port"), or fallback without a session. */
    public static Supplier<String> addressOf(AppActions actions, String fallback) {
        return () -> {
            var c = actions.session() == null ? null : actions.session().config();
            return c == null ? fallback : new HostPort(c.host(), c.port()).toString();
        };
    }

    /**
     * server: where the next sign-in goes now; remember: called on the FX thread with the address a
     * sign-in succeeded at after the person changed it here (the window stores it for the next start).
     */
    public LoginPane(AppViewModel model, AppActions actions, Supplier<String> server, String presetUser,
                     Consumer<String> remember) {
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
        Label serverLabel = new Label(t.get("login.serverField"));
        TextField address = new TextField();
        address.setId("loginServer");
        address.setPromptText(t.get("login.serverPrompt"));
        serverLabel.setLabelFor(address);
        address.setAccessibleText(t.get("login.serverField"));
        Runnable where = () -> {
            if (!address.isFocused()) {
                address.setText(server.get());
            }
        };
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
        error.setWrapText(true);
        signIn.setOnAction(e -> {
            if (user.getText().isBlank() || password.getText().isEmpty()) {
                boolean noUser = user.getText().isBlank();
                error.setText(t.get(noUser ? "login.missing.user" : "login.missing.password"));
                (noUser ? user : password).requestFocus();
                return;
            }
            HostPort to;
            try {
                to = HostPort.parse(address.getText().strip());
            } catch (IllegalArgumentException bad) {
                error.setText(t.get("login.badServer"));
                address.requestFocus();
                address.selectAll();
                return;
            }
            String shown = to.toString();
            boolean changed = !shown.equals(server.get());
            signIn.setDisable(true);
            progress.setVisible(true);
            error.setText(t.get("login.working"));
            String name = user.getText().trim();
            String pw = password.getText();
            actions.attempt(() -> (changed ? actions.session().useControlCenter(to) : CompletableFuture.<Void>completedFuture(null))
                    .thenCompose(v -> actions.session().login(name, pw)), ok -> {
                password.clear();
                error.setText("");
                if (changed) {
                    remember.accept(shown);
                }
                model.signedIn(ok.user());
            }, err -> {
                signIn.setDisable(false);
                progress.setVisible(false);
                error.setText(SignInProblem.explain(t, err, shown));
                password.requestFocus(); // the usual fix is another try: the password is selected, ready to retype
                password.selectAll();
            });
        });
        getChildren().addAll(title, userLabel, user, pwLabel, password, serverLabel, address,
                new HBox(8, signIn, progress), error);
    }

    /** Puts the keyboard in the first field still to fill: the password when the name is already there. */
    public void focusFirstEmpty() {
        (user.getText().isBlank() ? user : password).requestFocus();
    }
}
