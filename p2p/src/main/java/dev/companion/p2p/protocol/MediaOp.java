package dev.companion.p2p.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What happened to an audio or video element (the media action's {@code value}). */
public enum MediaOp {
    PLAY("play"),
    PAUSE("pause"),
    SEEK("seek"),
    RATE("rate");

    private final String wire;

    MediaOp(String wire) {
        this.wire = wire;
    }

    /** The name on the wire. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** The value named wire; anything else is refused with MISSING_FIELD. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static MediaOp of(String wire) {
        return Require.oneOf(values(), MediaOp::wire, wire, "media value");
    }

    @Override
    public String toString() {
        return wire;
    }
}
