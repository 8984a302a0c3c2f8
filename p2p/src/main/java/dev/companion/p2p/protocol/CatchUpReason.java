package dev.companion.p2p.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Why a catch-up was sent: join (the member is new, or resumes after a pause) or gap (the sender's log
 * cannot fill it).
 */
public enum CatchUpReason {
    JOIN("join"),
    GAP("gap");

    private final String wire;

    CatchUpReason(String wire) {
        this.wire = wire;
    }

    /** The name on the wire. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** The value named wire; anything else is refused with MISSING_FIELD. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static CatchUpReason of(String wire) {
        return Require.oneOf(values(), CatchUpReason::wire, wire, "reason");
    }

    @Override
    public String toString() {
        return wire;
    }
}
