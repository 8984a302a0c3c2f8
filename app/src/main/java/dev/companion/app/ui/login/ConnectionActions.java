package dev.companion.app.ui.login;

import dev.companion.app.session.SessionService;
import java.util.concurrent.CompletableFuture;

/**
 * What the control-center line asks of the session; each call returns at once (the session works on
 * its own thread). An interface so the line can be tested without a control center.
 */
public interface ConnectionActions {
    /** Tries the control center now instead of waiting. */
    void reconnect();

    /** Signs the signed-in user in again with the password (after the session token was refused). */
    CompletableFuture<?> signInAgain(String user, String password);

    /** The real thing. */
    static ConnectionActions of(SessionService session) {
        return new ConnectionActions() {
            @Override
            public void reconnect() {
                session.reconnect();
            }

            @Override
            public CompletableFuture<?> signInAgain(String user, String password) {
                return session.login(user, password);
            }
        };
    }
}
