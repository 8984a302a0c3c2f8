package dev.companion.p2p.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Whether a key went down or came up (the key action's {@code phase}). */
public enum KeyPhase {
    DOWN("down"),
    UP("up");

    private final String wire;

    KeyPhase(String wire) {
        this.wire = wire;
    }

    /** The name on the wire. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** The value named wire; anything else is refused with MISSING_FIELD. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static KeyPhase of(String wire) {
        return Require.oneOf(values(), KeyPhase::wire, wire, "key phase");
    }

    @Override
    public String toString() {
        return wire;
    }
}
