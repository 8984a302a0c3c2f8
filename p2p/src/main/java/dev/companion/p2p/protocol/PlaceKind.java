package dev.companion.p2p.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a {@code not_placed} answer is about: the sender's point or drawing. */
public enum PlaceKind {
    POINT("point"),
    DRAW("draw");

    private final String wire;

    PlaceKind(String wire) {
        this.wire = wire;
    }

    /** The name on the wire. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** The kind named wire; anything else is refused with MISSING_FIELD. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static PlaceKind of(String wire) {
        return Require.oneOf(values(), PlaceKind::wire, wire, "kind");
    }

    @Override
    public String toString() {
        return wire;
    }
}
