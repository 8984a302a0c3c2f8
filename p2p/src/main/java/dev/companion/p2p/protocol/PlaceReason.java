package dev.companion.p2p.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Why a member could not place a point or drawing on their page ({@code not_placed}'s {@code reason}):
 * a closed list, so no page text ever travels back to the sender.
 */
public enum PlaceReason {
    /** No element on the member's page matches the evidence. */
    NOT_FOUND("not_found"),
    /** Several elements match and none is clearly the one (or none matches well enough). */
    AMBIGUOUS("ambiguous");

    private final String wire;

    PlaceReason(String wire) {
        this.wire = wire;
    }

    /** The name on the wire. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** The reason named wire; anything else is refused with MISSING_FIELD. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static PlaceReason of(String wire) {
        return Require.oneOf(values(), PlaceReason::wire, wire, "reason");
    }

    @Override
    public String toString() {
        return wire;
    }
}
