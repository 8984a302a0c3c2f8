package dev.companion.p2p.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The kind of an {@link Action}, named as on the wire (the "kind" property; the group's partial-scope
 * kinds).
 */
public enum ActionKind {
    NAVIGATE("navigate"),
    CLICK("click"),
    INPUT("input"),
    CHANGE("change"),
    SUBMIT("submit"),
    SCROLL("scroll"),
    MEDIA("media"),
    KEY("key");

    private final String wire;

    ActionKind(String wire) {
        this.wire = wire;
    }

    /** The name on the wire. */
    /**
     * True for kinds a group follows only when its partial scope names them and names the pages:
     * never implied by the full scope, by "every kind" or by "every page". A key pressed on a page can mean anything the page makes of it
     * (a game's move, a mail site's "delete"), so keys travel only where the group chose them.
     */
    public boolean optIn() {
        return this == KEY;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** The value named wire; anything else is refused with MISSING_FIELD. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ActionKind of(String wire) {
        return Require.oneOf(values(), ActionKind::wire, wire, "action kind");
    }

    @Override
    public String toString() {
        return wire;
    }
}
