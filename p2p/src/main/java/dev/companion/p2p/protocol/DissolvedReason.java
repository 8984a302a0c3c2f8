package dev.companion.p2p.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Why a group was dissolved: its second-last member left or was disconnected. */
public enum DissolvedReason {
    LEFT("left"),
    DISCONNECTED("disconnected");

    private final String wire;

    DissolvedReason(String wire) {
        this.wire = wire;
    }

    /** The name on the wire. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** The value named wire; anything else is refused with MISSING_FIELD. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static DissolvedReason of(String wire) {
        return Require.oneOf(values(), DissolvedReason::wire, wire, "reason");
    }

    @Override
    public String toString() {
        return wire;
    }
}
