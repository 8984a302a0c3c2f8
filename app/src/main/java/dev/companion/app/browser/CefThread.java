package dev.companion.app.browser;

import java.awt.EventQueue;

/**
 * The one hop onto the thread that runs Chromium: JCEF pumps CEF's message loop on AWT's event
 * thread, so every call into a browser or frame, and every CEF callback, happens there. Only the
 * browser package uses it (an architecture test holds this); nothing on it blocks.
 */
public final class CefThread {
    private CefThread() {
    }

    /** Runs r on the CEF/AWT thread: now when already there, else soon (in order of calls). */
    public static void run(Runnable r) {
        if (EventQueue.isDispatchThread()) {
            r.run();
        } else {
            EventQueue.invokeLater(r);
        }
    }

    /** True on the CEF/AWT thread. */
    public static boolean isCurrent() {
        return EventQueue.isDispatchThread();
    }
}
