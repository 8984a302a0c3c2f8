package dev.companion.p2p.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** An ICE candidate's kind: an address of the terminal itself, its router's (from STUN), or a TURN relay's. */
public enum IceCandidateType {
    HOST("host"),
    SRFLX("srflx"),
    RELAY("relay");

    private final String wire;

    IceCandidateType(String wire) {
        this.wire = wire;
    }

    /** The name on the wire. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** The value named wire; anything else is refused with MISSING_FIELD. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static IceCandidateType of(String wire) {
        return Require.oneOf(values(), IceCandidateType::wire, wire, "candidate type");
    }

    @Override
    public String toString() {
        return wire;
    }
}
