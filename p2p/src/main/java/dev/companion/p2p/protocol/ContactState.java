package dev.companion.p2p.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A contact as the user sees it: an accepted contact, pending_in (they asked you), pending_out (you
 * asked).
 */
public enum ContactState {
    CONTACT("contact"),
    PENDING_IN("pending_in"),
    PENDING_OUT("pending_out");

    private final String wire;

    ContactState(String wire) {
        this.wire = wire;
    }

    /** The name on the wire. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** The value named wire; anything else is refused with MISSING_FIELD. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ContactState of(String wire) {
        return Require.oneOf(values(), ContactState::wire, wire, "contact state");
    }

    @Override
    public String toString() {
        return wire;
    }
}
