package dev.companion.app.chat;

import dev.companion.p2p.protocol.Target;

/**
 * A point ("look here") as this terminal shows it: who pointed, in which group, when on their clock
 * (ms, shown only), and the element's evidence (found on this terminal's own page by its page agent).
 * Not kept in the profile.
 */
public record PointEntry(String group, String sender, long at, Target target) {
}
