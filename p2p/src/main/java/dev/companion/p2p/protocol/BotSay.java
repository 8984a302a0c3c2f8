package dev.companion.p2p.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a bot tells its group ({@code bot_says}'s {@code say}): a key the receiving app turns into its
 * person's language; anything else is refused with MISSING_FIELD, so no sender's text is ever shown
 * as a sentence of the app's.
 */
public enum BotSay {
    /** Step {@code step} of {@code steps} was sent; {@code hint} says what it does. */
    STEP("step"),
    /** The step did not work and was sent once more. */
    RETRYING("retrying"),
    /** A step only the person may do: please do it yourself. */
    YOURS("yours"),
    /** The step did not work twice: the bot waits for the person. */
    STUCK("stuck"),
    /** Every step worked. */
    DONE("done"),
    /**
     * The person said they did step {@code step} ("I did it"), but their page does not show what the
     * step expects: the bot still waits for them.
     */
    NOT_DONE("not_done");

    private final String wire;

    BotSay(String wire) {
        this.wire = wire;
    }

    /** The name on the wire. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** The value named wire; anything else is refused with MISSING_FIELD. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static BotSay of(String wire) {
        return Require.oneOf(values(), BotSay::wire, wire, "say");
    }

    @Override
    public String toString() {
        return wire;
    }
}
