package dev.companion.app.browser;

import com.fasterxml.jackson.databind.JsonNode;
import dev.companion.p2p.protocol.Action;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A call into one frame's page agent (apply, restore, snapshot) waiting for its answer: AgentBridge
 * keeps it from sending until the answer comes, the timeout fires or the view closes.
 */
final class AgentCall {
    final String id;
    /** The action applied, or null for a snapshot or restore. */
    final Action action;
    /** The agent message type that answers it ("result", "state"). */
    final String answerType;
    /** Hears why the agent waits for the target (may be null). */
    final Consumer<String> waiting;
    final CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    volatile String frame;
    volatile String code;
    volatile boolean dispatched;
    private final AtomicBoolean pressed = new AtomicBoolean();

    AgentCall(String id, String frame, Action action, String code, String answerType, Consumer<String> waiting) {
        this.id = id;
        this.frame = frame;
        this.action = action;
        this.code = code;
        this.answerType = answerType;
        this.waiting = waiting;
    }

    /** True the first time only: a click's call asks for one real press at most. */
    boolean takePress() {
        return pressed.compareAndSet(false, true);
    }

    /** The action goes to the frame at path (found by its evidence), as this code. */
    void reroute(String path, String newCode) {
        frame = path;
        code = newCode;
    }
}
