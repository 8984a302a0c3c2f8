package dev.companion.p2p.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What became of an action or step on a member's terminal (a result's {@code outcome}). All are final
 * but {@link #WAITING}: an interim answer, "its target is not on my page yet; I am waiting for it",
 * followed by a final one for the same seq. {@link #OWNER_ONLY} is final: the member's own page agent
 * judged the step to commit money or identity (pay, place an order, delete an account, submit a
 * form with sensitive fields, or marked {@code data-companion-confirm}) and left it to its person.
 */
public enum Outcome {
    APPLIED("applied"),
    FAILED("failed"),
    DECLINED("declined"),
    REFUSED("refused"),
    SUPERSEDED("superseded"),
    PAUSED("paused"),
    WAITING("waiting"),
    OWNER_ONLY("owner_only");

    private final String wire;

    Outcome(String wire) {
        this.wire = wire;
    }

    /** The name on the wire. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** The value named wire; anything else is refused with MISSING_FIELD. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Outcome of(String wire) {
        return Require.oneOf(values(), Outcome::wire, wire, "outcome");
    }

    @Override
    public String toString() {
        return wire;
    }
}
