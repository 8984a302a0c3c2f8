package dev.companion.p2p.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A member's role in a group. */
public enum Role {
    LEADER("leader"),
    FOLLOWER("follower");

    private final String wire;

    Role(String wire) {
        this.wire = wire;
    }

    /** The name on the wire. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** The value named wire; anything else is refused with MISSING_FIELD. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Role of(String wire) {
        return Require.oneOf(values(), Role::wire, wire, "role");
    }

    @Override
    public String toString() {
        return wire;
    }
}
