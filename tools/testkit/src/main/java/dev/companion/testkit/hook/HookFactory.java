package dev.companion.testkit.hook;

import dev.companion.app.TestHookFactory;
import dev.companion.app.browser.BrowserView;
import dev.companion.app.session.SessionService;
import dev.companion.app.ui.AppViewModel;
import dev.companion.app.ui.flows.FlowLibrary;
import javafx.scene.Scene;

/**
 * The app's way to the {@link TestHook}: listed in META-INF/services, found by the app
 * ({@link TestHookFactory#find()}) when it is started with --test-hook-port and this module is on
 * its class path.
 */
public final class HookFactory implements TestHookFactory {
    @Override
    public AutoCloseable start(int port, Scene scene, BrowserView view, SessionService session, AppViewModel model,
                               FlowLibrary flows) {
        return TestHook.start(port, scene, view, session, model, flows);
    }
}
