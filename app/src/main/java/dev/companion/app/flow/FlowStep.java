package dev.companion.app.flow;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.companion.p2p.protocol.Action;

/**
 * One step of a flow: the page it starts on, the action (the protocol's {@link Action}, with
 * whatever evidence the follow engine sends with it), what the page should show after it
 * (optional), a hint for the person, the time the recorder took before it (afterMs) and whether
 * only the person may do it themself (ownerOnly: a payment, placing an order — the bot asks, never
 * presses).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"page", "action", "expect", "hint", "after_ms", "owner_only"})
public record FlowStep(String page, Action action, Expectation expect, String hint,
                       @JsonProperty("after_ms") Long afterMs, @JsonProperty("owner_only") Boolean ownerOnly) {
    public static final int MAX_HINT = 500;
    public static final long MAX_AFTER_MS = 3_600_000;

    public FlowStep {
        Check.required(page, "page", Action.MAX_URL);
        if (!Action.isWebUrl(page)) {
            throw Check.bad("page must be an http or https URL");
        }
        if (action == null) {
            throw Check.bad("missing field: action");
        }
        hint = Check.readable(hint, "hint", MAX_HINT);
        hint = hint == null || hint.isBlank() ? null : hint;
        afterMs = afterMs == null ? 0L : afterMs;
        if (afterMs < 0 || afterMs > MAX_AFTER_MS) {
            throw Check.bad("after_ms must be 0.." + MAX_AFTER_MS);
        }
        ownerOnly = Boolean.TRUE.equals(ownerOnly);
    }

    public FlowStep withHint(String newHint) {
        return new FlowStep(page, action, expect, newHint, afterMs, ownerOnly);
    }
}
