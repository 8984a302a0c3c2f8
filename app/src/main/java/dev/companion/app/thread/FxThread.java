package dev.companion.app.thread;

import javafx.application.Platform;

/**
 * The one hop onto the JavaFX application thread: every class that must touch a node or a
 * view-model property from another thread calls {@link #run}, never {@code Platform.runLater}
 * (an architecture test holds this).
 */
public final class FxThread {
    /** JavaFX's name for its application thread. */
    static final String NAME = "JavaFX Application Thread";

    private FxThread() {
    }

    /** Runs r on the FX thread: now when already there, else soon (in order of calls). */
    public static void run(Runnable r) {
        if (isCurrent()) {
            r.run();
        } else {
            Platform.runLater(r);
        }
    }

    /** Always later, also when called on the FX thread (after the current event). */
    public static void later(Runnable r) {
        Platform.runLater(r);
    }

    /** True on the FX application thread; works before and without the toolkit (bots, tests). */
    public static boolean isCurrent() {
        return NAME.equals(Thread.currentThread().getName());
    }
}
