package dev.companion.p2p.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Whether actions travel at once (auto) or are held until the sender presses Send (manual). */
public enum Following {
    AUTO("auto"),
    MANUAL("manual");

    private final String wire;

    Following(String wire) {
        this.wire = wire;
    }

    /** The name on the wire. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** The value named wire; anything else is refused with MISSING_FIELD. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Following of(String wire) {
        return Require.oneOf(values(), Following::wire, wire, "following");
    }

    @Override
    public String toString() {
        return wire;
    }
}
