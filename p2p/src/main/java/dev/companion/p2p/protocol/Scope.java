package dev.companion.p2p.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Whether every action travels (full) or only those of the group's kinds and pages (partial). */
public enum Scope {
    FULL("full"),
    PARTIAL("partial");

    private final String wire;

    Scope(String wire) {
        this.wire = wire;
    }

    /** The name on the wire. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** The value named wire; anything else is refused with MISSING_FIELD. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Scope of(String wire) {
        return Require.oneOf(values(), Scope::wire, wire, "scope");
    }

    @Override
    public String toString() {
        return wire;
    }
}
