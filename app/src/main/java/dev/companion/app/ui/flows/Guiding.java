package dev.companion.app.ui.flows;

import java.util.concurrent.CompletableFuture;

/**
 * "Guide me with: …": a virtual companion inside this app leads this window through a stored flow
 * (docs/flows.md, "Guide me with"). Calls come from the FX thread; the work runs off it.
 */
public interface Guiding {
    /**
     * Starts guiding this window through stored flow id (a guide already running is stopped first);
     * completes once the guide is linked to this window and leads. Refused with {@link InGroup}
     * while the window is in a group (one group per window).
     */
    CompletableFuture<Void> guide(long flowId);

    /** The window is in a group: leave it first (a window follows one group at a time). */
    final class InGroup extends IllegalStateException {
        public InGroup() {
            super("leave your group first: a window follows one group at a time");
        }
    }

    /** Ends the guide, its link and its threads; nothing when none runs. */
    CompletableFuture<Void> stop();
}
