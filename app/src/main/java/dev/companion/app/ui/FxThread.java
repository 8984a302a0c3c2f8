package dev.companion.app.ui;

import javafx.application.Platform;

/** The one hop onto the FX thread: services call this, never Platform directly. */
public final class FxThread {
    private FxThread() {
    }

    public static void run(Runnable r) {
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            Platform.runLater(r);
        }
    }
}
