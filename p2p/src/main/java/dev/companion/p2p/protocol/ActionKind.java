package dev.companion.p2p.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The kind of an {@link Action}, named as on the wire (the "kind" property; the group's partial-scope
 * kinds).
 */
public enum ActionKind {
    NAVIGATE("navigate"),
    CLICK("click"),
    INPUT("input"),
    CHANGE("change"),
    SUBMIT("submit"),
    SCROLL("scroll"),
    MEDIA("media");

    private final String wire;

    ActionKind(String wire) {
        this.wire = wire;
    }

    /** The name on the wire. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** The value named wire; anything else is refused with MISSING_FIELD. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ActionKind of(String wire) {
        return Require.oneOf(values(), ActionKind::wire, wire, "action kind");
    }

    @Override
    public String toString() {
        return wire;
    }
}
