package dev.companion.app.flow;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A recorded flow: its name, the language it was recorded in (a BCP 47 tag, optional) and its
 * steps, in order (1 to {@link #MAX_STEPS}). Immutable: each edit returns a new flow, which the
 * store keeps as a new version. A flow file is this record with "format" and "version" before it
 * ({@link FlowFormat}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "lang", "steps"})
public record Flow(String name, String lang, List<FlowStep> steps) {
    public static final int MAX_NAME = 200;
    public static final int MAX_STEPS = 500;

    public Flow {
        name = Check.readable(Check.required(name, "name", MAX_NAME), "name", MAX_NAME).strip();
        lang = Check.optional(lang, "lang", 35);
        if (lang != null && !lang.matches("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")) {
            throw Check.bad("lang must be a language tag such as en or zh-CN");
        }
        if (steps == null || steps.isEmpty()) {
            throw Check.bad("a flow needs at least one step");
        }
        if (steps.size() > MAX_STEPS) {
            throw Check.bad("a flow has at most " + MAX_STEPS + " steps");
        }
        for (FlowStep s : steps) {
            if (s == null) {
                throw Check.bad("a step is null");
            }
        }
        steps = List.copyOf(steps);
    }

    public Flow renamed(String newName) {
        return new Flow(newName, lang, steps);
    }

    /** This flow with step number (1-based) given hint (blank: none). */
    public Flow withHint(int number, String hint) {
        List<FlowStep> s = new ArrayList<>(steps);
        s.set(index(number), steps.get(index(number)).withHint(hint));
        return new Flow(name, lang, s);
    }

    /** This flow without step number (1-based); the last step cannot be deleted (delete the flow). */
    public Flow withoutStep(int number) {
        List<FlowStep> s = new ArrayList<>(steps);
        s.remove(index(number));
        return new Flow(name, lang, s);
    }

    /** This flow with step number from moved to position to (both 1-based). */
    public Flow withStepMoved(int from, int to) {
        List<FlowStep> s = new ArrayList<>(steps);
        FlowStep moved = s.remove(index(from));
        s.add(index(to), moved);
        return new Flow(name, lang, s);
    }

    private int index(int number) {
        if (number < 1 || number > steps.size()) {
            throw new FlowException(FlowError.NOT_FOUND, 0, number, "no step " + number + " (the flow has "
                    + steps.size() + ")");
        }
        return number - 1;
    }
}
