package dev.companion.p2p.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A group's mode: only the leader's actions travel, or every member's. */
public enum Mode {
    LEADER_FOLLOWER("leader-follower"),
    MUTUAL("mutual");

    private final String wire;

    Mode(String wire) {
        this.wire = wire;
    }

    /** The name on the wire. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** The value named wire; anything else is refused with MISSING_FIELD. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Mode of(String wire) {
        return Require.oneOf(values(), Mode::wire, wire, "mode");
    }

    @Override
    public String toString() {
        return wire;
    }
}
