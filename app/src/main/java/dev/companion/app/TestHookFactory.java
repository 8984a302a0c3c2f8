package dev.companion.app;

import dev.companion.app.browser.BrowserView;
import dev.companion.app.session.SessionService;
import dev.companion.app.ui.AppViewModel;
import dev.companion.app.ui.flows.FlowLibrary;
import java.util.Optional;
import java.util.ServiceLoader;
import javafx.scene.Scene;

/**
 * Tests only: starts the test hook, a loopback server through which a test or a benchmark drives this
 * window from another process ({@code --test-hook-port}, with the token in COMPANION_TEST_HOOK_TOKEN).
 * The app has no implementation: one comes from the class path (tools/testkit, registered in its
 * META-INF/services), and is only looked for when a test-hook port is given.
 */
public interface TestHookFactory {
    /** Said when a test-hook port is given but no implementation is on the class path. */
    String MISSING = "--test-hook-port was given, but there is no test hook on the class path: it is in"
            + " tools/testkit (companion-testkit), which never ships with the app";

    /**
     * Starts the hook on 127.0.0.1:port for this window; closed when the window stops. flows: the
     * profile's flow library, as the Flows section's buttons use it (a test exports a flow with it:
     * the native file dialog cannot be driven).
     */
    AutoCloseable start(int port, Scene scene, BrowserView view, SessionService session, AppViewModel model,
                        FlowLibrary flows);

    /** The implementation on the class path, if any. */
    static Optional<TestHookFactory> find() {
        return ServiceLoader.load(TestHookFactory.class).findFirst();
    }
}
