package dev.companion.p2p.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A lead proposal: ask (from wants the lead) or offer (from gives it). */
public enum ProposalKind {
    ASK("ask"),
    OFFER("offer");

    private final String wire;

    ProposalKind(String wire) {
        this.wire = wire;
    }

    /** The name on the wire. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** The value named wire; anything else is refused with MISSING_FIELD. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ProposalKind of(String wire) {
        return Require.oneOf(values(), ProposalKind::wire, wire, "kind");
    }

    @Override
    public String toString() {
        return wire;
    }
}
