package dev.companion.app.browser;

import dev.companion.p2p.protocol.Action;

/**
 * What the page agent reports. Called on one background thread per view (in order), never on the
 * JavaFX thread and never on the CEF/AWT thread, so a slow listener does not stall the browser.
 */
public interface AgentListener {
    /** A local user action (already validated by the {@link Action} record). */
    void onAction(Action action);

    /** The agent is ready in a page or frame (DOM parsed); frame is the frame path ("" = top). */
    void onPageReady(String url, String frame);

    /** The person drew a stroke on the top page in draw mode (see BrowserView#drawMode). */
    default void onStroke(Stroke stroke) {
    }

    /** The person left draw mode on the page itself (Esc): the window's toggle follows. */
    default void onDrawModeEnded() {
    }
}
