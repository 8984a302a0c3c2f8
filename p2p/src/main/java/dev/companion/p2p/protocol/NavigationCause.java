package dev.companion.p2p.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Why a page was reached: {@code user} (address bar, back, forward, reload) or {@code page} (a link, a
 * form or script).
 */
public enum NavigationCause {
    USER("user"),
    PAGE("page");

    private final String wire;

    NavigationCause(String wire) {
        this.wire = wire;
    }

    /** The name on the wire. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** The value named wire; anything else is refused with MISSING_FIELD. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static NavigationCause of(String wire) {
        return Require.oneOf(values(), NavigationCause::wire, wire, "cause");
    }

    @Override
    public String toString() {
        return wire;
    }
}
