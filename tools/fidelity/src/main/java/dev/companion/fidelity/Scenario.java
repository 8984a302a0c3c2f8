package dev.companion.fidelity;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One page of the corpus and its scripted leader session: {@code corpus/ID/scenario.json}
 * (tools/fidelity/README.md). The leader opens start as leader and does the steps; each follower
 * opens start as itself and gets the actions the leader's page agent captured.
 *
 * @param id the folder's name
 * @param title what the page is, for the report
 * @param cause why the page is hard (the report groups by it), e.g. "per-user order", "shadow roots"
 * @param start the page both open, a path under the folder ("index.html")
 * @param leader the leading user
 * @param followers the users who follow, one run each
 * @param rules the followers' similar-action rules for the corpus's host (docs/protocol.md, "Similar
 *        actions"): kind as on the wire, value; none when absent
 * @param steps what the leader does
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record Scenario(String id, String title, String cause, String start, String leader, List<String> followers,
                       List<Rule> rules, List<Step> steps) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public Scenario {
        if (title == null || cause == null || steps == null || steps.isEmpty() || followers == null || followers.isEmpty()) {
            throw new IllegalArgumentException("scenario " + id + ": title, cause, followers and steps are required");
        }
        start = start == null ? "index.html" : start;
        leader = leader == null ? "alice" : leader;
        followers = List.copyOf(followers);
        rules = rules == null ? List.of() : List.copyOf(rules);
        steps = List.copyOf(steps);
    }

    /** One similar-action rule of the followers': its wire kind ("path_token"...) and value. */
    public record Rule(String kind, String value) {
    }

    /**
     * One thing the leader does, by real input in the leader's view. Exactly one of click, type,
     * select, back or go. Selectors are CSS in the leader's top document; {@code a >>> b} goes into a's
     * open shadow root; frame names an iframe the element is in (same origin), or, with at, a frame
     * of any origin clicked at that point (CSS pixels from its top left).
     *
     * @param click the element to click
     * @param type the field to click into and type text into
     * @param text what is typed ("\n" is Enter)
     * @param select the select to choose option in (by its label, typed)
     * @param option the option's label
     * @param back true: the browser's Back
     * @param go a path the leader types into the address bar (the browser loads it: a navigation of cause user)
     * @param frame the iframe (CSS in the top document) the element is in
     * @param at a point in frame to click, for frames of another origin
     * @param navigates true when the step leads the leader's top page to another document; false on a
     *        back that stays in the same document (a single-page app's route, by popstate)
     * @param says what the step means, for the report
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Step(String click, String type, String text, String select, String option, Boolean back, String go,
                       String frame, List<Double> at, Boolean navigates, String says) {
        public Step {
            int kinds = (click != null || at != null ? 1 : 0) + (type != null ? 1 : 0) + (select != null ? 1 : 0)
                    + (Boolean.TRUE.equals(back) ? 1 : 0) + (go != null ? 1 : 0);
            if (kinds != 1) {
                throw new IllegalArgumentException("a step is one of click, type, select, back, go: " + says);
            }
            if (go != null && (!go.startsWith("/") || go.startsWith("//"))) {
                throw new IllegalArgumentException("go is a path on the corpus's host: " + says);
            }
            if (type != null && text == null || select != null && option == null) {
                throw new IllegalArgumentException("type needs text, select needs option: " + says);
            }
            if (at != null && (at.size() != 2 || frame == null)) {
                throw new IllegalArgumentException("at is [x, y] in a frame: " + says);
            }
        }

        /** True when the step leads the top page to another document (a Back does unless navigates is false). */
        public boolean leaves() {
            return Boolean.TRUE.equals(navigates) || go != null || Boolean.TRUE.equals(back) && !Boolean.FALSE.equals(navigates);
        }

        /** What the step is, for people. */
        public String describe() {
            if (says != null) {
                return says;
            }
            if (Boolean.TRUE.equals(back)) {
                return "Back";
            }
            if (go != null) {
                return "go to " + go;
            }
            return click != null ? "click " + click : type != null ? "type '" + text + "' into " + type
                    : "choose '" + option + "' in " + select;
        }
    }

    /** The scenario in folder dir (its scenario.json). */
    public static Scenario read(Path dir) throws IOException {
        Scenario s = JSON.readValue(Files.readString(dir.resolve("scenario.json")), Scenario.class);
        return new Scenario(dir.getFileName().toString(), s.title, s.cause, s.start, s.leader, s.followers, s.rules,
                s.steps);
    }

    /** Every scenario of the corpus folder, by folder name. */
    public static List<Scenario> all(Path corpus) throws IOException {
        List<Scenario> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(corpus)) {
            for (Path d : dirs.sorted().toList()) {
                if (Files.isRegularFile(d.resolve("scenario.json"))) {
                    out.add(read(d));
                }
            }
        }
        return out;
    }
}
