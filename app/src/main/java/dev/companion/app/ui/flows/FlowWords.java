package dev.companion.app.ui.flows;

import dev.companion.app.flow.FlowException;
import dev.companion.app.flow.FlowStep;
import dev.companion.app.ui.AppActions;
import dev.companion.app.ui.Texts;
import dev.companion.app.ui.group.StepText;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;

/** The flows' words: a refusal with its line, step and reason, and one step as a line of the list. */
final class FlowWords {
    private FlowWords() {
    }

    /** A failure for people: a refused flow says its code, where (line, step) and why; else the message. */
    static String failure(Texts t, Throwable e) {
        Throwable c = AppActions.cause(e);
        if (c instanceof java.io.UncheckedIOException u) {
            c = u.getCause();
        }
        if (c instanceof FlowException f) {
            return f.line() > 0 || f.step() > 0
                    ? t.get("flows.refused.where", f.code().name(), f.line(), f.step(), f.reason())
                    : t.get("flows.refused", f.code().name(), f.reason());
        }
        return t.get("error.generic", AppActions.message(c));
    }

    /** Step number (1-based) as a line: what it does, owner-only, its hint. */
    static String step(Texts t, int number, FlowStep s) {
        String line = t.get("flows.step.line", number, StepText.describeAll(t, List.of(s.action())));
        if (s.ownerOnly()) {
            line += " " + t.get("flows.step.ownerOnly");
        }
        return s.hint() == null ? line : line + " — " + t.get("flows.step.hint", s.hint());
    }

    /** A control's accessible text, also its tooltip (for people who hover rather than listen). */
    static <C extends Control> C describe(C c, String id, String accessible) {
        c.setId(id);
        c.setAccessibleText(accessible);
        c.setTooltip(new Tooltip(accessible));
        return c;
    }

    /** A button with text key, accessible text (and tooltip) key + ".help", doing action. */
    static Button button(Texts t, String id, String key, Runnable action) {
        Button b = describe(new Button(t.get(key)), id, t.get(key + ".help"));
        b.setOnAction(e -> action.run());
        return b;
    }
}
