package dev.companion.p2p.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A member's state: here (connected and following), away (lost its control-center connection; kept for
 * the away grace), paused (stopped following for now).
 */
public enum MemberState {
    HERE("here"),
    AWAY("away"),
    PAUSED("paused");

    private final String wire;

    MemberState(String wire) {
        this.wire = wire;
    }

    /** The name on the wire. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** The value named wire; anything else is refused with MISSING_FIELD. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static MemberState of(String wire) {
        return Require.oneOf(values(), MemberState::wire, wire, "member state");
    }

    @Override
    public String toString() {
        return wire;
    }
}
