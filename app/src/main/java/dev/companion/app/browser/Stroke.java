package dev.companion.app.browser;

import dev.companion.p2p.protocol.Target;
import java.util.List;

/**
 * A stroke the person drew in draw mode (docs/protocol.md, "Drawing"): the evidence of the element
 * under its start and its points as x0, y0, x1, y1... fractions 0..1 of that element's box (2 to 64
 * points, rounded to 1/1000), checked as a received drawing's would be.
 */
public record Stroke(Target target, List<Double> xy) {
    public Stroke {
        xy = List.copyOf(xy);
    }
}
