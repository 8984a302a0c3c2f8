package dev.companion.app.ui.flows;

import dev.companion.app.flow.Flow;
import java.util.concurrent.CompletableFuture;

/** Sends a flow to another member of the group over the peer link (the session's shareFlow). */
public interface FlowSender {
    CompletableFuture<Void> share(String to, Flow flow);
}
