package dev.companion.app.chat;

import dev.companion.p2p.protocol.Ink;
import dev.companion.p2p.protocol.Messages.Draw;
import dev.companion.p2p.protocol.Target;
import java.util.List;

/**
 * A drawing (docs/protocol.md, "Drawing") as this terminal shows it: who drew, in which group, when
 * on their clock (ms, shown only), the evidence of the element it is anchored to (found on this
 * terminal's own page by its page agent), its colour, lifetime (ms) and points (x, y fractions of
 * that element's box). Not kept in the profile, never an action.
 */
public record DrawEntry(String group, String sender, long at, Target target, Ink color, int lifeMs, List<Double> xy) {
    /** The drawing a draw message carries. */
    static DrawEntry of(Draw d) {
        return new DrawEntry(d.group(), d.from(), d.at(), d.target(), d.color(), d.lifeMs(), d.xy());
    }
}
