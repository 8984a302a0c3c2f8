package dev.companion.app.thread;

/**
 * The rule that keeps the window and the page responsive: no blocking work (SQLite, sockets, key
 * derivation) on the JavaFX thread or on the AWT thread that runs Chromium's callbacks. Classes that
 * block call {@link #blockingAllowed} first, so a wrong hop fails loudly in every test instead of
 * freezing a window now and then.
 */
public final class ThreadRules {
    private ThreadRules() {
    }

    /**
     * Throws when the calling thread must not block.
     *
     * @param what the blocking work, for the message ("SQLite", ...)
     * @throws IllegalStateException on the FX or the AWT/CEF thread
     */
    public static void blockingAllowed(String what) {
        String name = Thread.currentThread().getName();
        if (FxThread.NAME.equals(name) || name.startsWith("AWT-EventQueue")) {
            throw new IllegalStateException(what + " must not run on the " + name + " thread");
        }
    }
}
