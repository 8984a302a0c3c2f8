package dev.companion.fidelity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.Codec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The leader's side of a scripted session: each step done by real input in the leader's view
 * (mouse and keys into Chromium, as a person's), and the actions its page agent captured for it.
 */
final class LeaderSteps {
    /** Finds the step's element (CSS; "a >>> b" into a's shadow root; in a frame when given). */
    private static final String FIND = "const deep = (root, sel) => { let el = null;"
            + " for (const part of sel.split('>>>')) { el = (el ? el.shadowRoot : root).querySelector(part.trim());"
            + " if (!el) { throw new Error('no element ' + sel); } } return el; };"
            + " const frame = FRAME === null ? null : document.querySelector(FRAME);"
            + " const doc = frame === null ? document : frame.contentDocument;";
    private static final String TWO_FRAMES = "await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));";

    private final Side side;

    LeaderSteps(Side side) {
        this.side = side;
    }

    /** Does step; the actions captured for it (scrolls left out), in order. */
    List<Action> perform(Scenario.Step step) throws Exception {
        side.actions.clear();
        List<Action> skipped = new ArrayList<>();
        List<Action> taken = new ArrayList<>();
        String before = side.view.urlProperty().get();
        side.readies.clear();
        if (Boolean.TRUE.equals(step.back())) {
            side.view.back();
            taken.add(side.await(a -> a instanceof Action.Navigate, skipped));
        } else if (step.go() != null) {
            side.view.load(side.url(step.go()));
            taken.add(side.await(a -> a instanceof Action.Navigate, skipped));
        } else if (step.type() != null) {
            clickAt(point(step.frame(), step.type(), null));
            awaitFocus(step.frame(), step.type());
            side.view.userType(step.text());
            String last = step.text().replace("\n", "");
            taken.add(side.await(a -> step.text().endsWith("\n") ? a instanceof Action.Submit
                    : a instanceof Action.Input i && i.value().endsWith(last), skipped));
        } else if (step.select() != null) {
            side.eval("(() => { const FRAME = " + js(step.frame()) + "; " + FIND + " deep(doc, " + js(step.select())
                    + ").focus(); return true; })()");
            side.view.userType(step.option());
            taken.add(side.await(a -> a instanceof Action.Change, skipped));
        } else {
            clickAt(point(step.frame(), step.click(), step.at()));
            taken.add(side.await(a -> !(a instanceof Action.Scroll) && !(a instanceof Action.Navigate), skipped));
        }
        if (step.leaves()) {
            side.awaitReady(u -> !u.equals(before) || Boolean.TRUE.equals(step.back()));
        } else {
            side.eval("true"); // the page's handlers for this input have run
        }
        List<Action> all = new ArrayList<>(skipped);
        all.addAll(taken);
        all.addAll(side.drain());
        return all.stream().filter(a -> !(a instanceof Action.Scroll)).toList();
    }

    /** Where to click: the centre of the element (scrolled into view), or a point in the frame. */
    private double[] point(String frame, String selector, List<Double> at) throws Exception {
        String js = "(async () => { const FRAME = " + js(frame) + "; " + FIND
                + (at != null ? " frame.scrollIntoView({block: 'center'}); " + TWO_FRAMES
                        + " const fr = frame.getBoundingClientRect();"
                        + " return [fr.left + frame.clientLeft + " + at.get(0) + ", fr.top + frame.clientTop + " + at.get(1) + "];"
                        : " const el = deep(doc, " + js(selector) + "); if (frame) { frame.scrollIntoView({block: 'center'}); }"
                        + " el.scrollIntoView({block: 'center'}); " + TWO_FRAMES + " const r = el.getBoundingClientRect();"
                        + " let dx = 0, dy = 0; if (frame) { const fr = frame.getBoundingClientRect();"
                        + " dx = fr.left + frame.clientLeft; dy = fr.top + frame.clientTop; }"
                        + " return [dx + r.left + r.width / 2, dy + r.top + r.height / 2];")
                + " })()";
        JsonNode xy = side.eval(js);
        return new double[] {xy.get(0).asDouble(), xy.get(1).asDouble()};
    }

    private void clickAt(double[] xy) {
        side.view.userClick(xy[0], xy[1]);
    }

    /** Waits until the field is the focused element (a click into it takes effect asynchronously). */
    private void awaitFocus(String frame, String selector) throws Exception {
        String js = "(() => { const FRAME = " + js(frame) + "; " + FIND + " const el = deep(doc, " + js(selector) + ");"
                + " let a = doc.activeElement; while (a && a.shadowRoot && a.shadowRoot.activeElement) { a = a.shadowRoot.activeElement; }"
                + " return a === el || (el.isContentEditable && el.contains(a)); })()";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Side.WAIT_S);
        while (!side.eval(js).asBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the leader's click did not focus " + selector);
            }
            side.drawn();
        }
    }

    static String js(Object value) {
        try {
            return Codec.mapper().writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
