package dev.companion.p2p.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A drawing's colour ({@code draw}'s {@code color}): a name from this closed palette, which each
 * receiver paints in its own colour for that name; anything else (a CSS colour, markup) is refused
 * with MISSING_FIELD, so no sender's text ever reaches a style.
 */
public enum Ink {
    RED("red"),
    YELLOW("yellow"),
    GREEN("green"),
    BLUE("blue");

    private final String wire;

    Ink(String wire) {
        this.wire = wire;
    }

    /** The name on the wire. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** The colour named wire; anything else is refused with MISSING_FIELD. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Ink of(String wire) {
        return Require.oneOf(values(), Ink::wire, wire, "color");
    }

    @Override
    public String toString() {
        return wire;
    }
}
