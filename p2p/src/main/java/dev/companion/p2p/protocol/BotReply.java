package dev.companion.p2p.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The person's answer to the bot that leads ({@code bot_answer}'s {@code answer}). */
public enum BotReply {
    /** Send the step again. */
    RETRY("retry"),
    /** I did the step myself: check it and go on. */
    DID_IT("did_it"),
    /** Send the step before this one again. */
    BACK("back");

    private final String wire;

    BotReply(String wire) {
        this.wire = wire;
    }

    /** The name on the wire. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** The value named wire; anything else is refused with MISSING_FIELD. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static BotReply of(String wire) {
        return Require.oneOf(values(), BotReply::wire, wire, "answer");
    }

    @Override
    public String toString() {
        return wire;
    }
}
