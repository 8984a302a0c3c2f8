package dev.companion.fidelity;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The corpus's report (docs/fidelity.md): per cause and per page, the share of the leader's steps
 * each follower reached, had refused with a reason, pressed wrongly, or applied without reaching;
 * then every step with its verdict and the reasons given. Deterministic: the same results give the
 * same text (no times), so a rerun changes the file only when the results change.
 */
public final class Report {
    /** One leader step as one follower's page took it. */
    public record Line(Scenario scenario, String follower, int step, String says, int actions, Verdict verdict,
                       List<String> reasons) {
    }

    private final List<Line> lines = new ArrayList<>();

    public synchronized void add(Line line) {
        lines.add(line);
    }

    public synchronized List<Line> lines() {
        return List.copyOf(lines);
    }

    public synchronized long count(Verdict v) {
        return lines.stream().filter(l -> l.verdict() == v).count();
    }

    /** The report as Markdown. */
    public synchronized String markdown() {
        StringBuilder b = new StringBuilder();
        b.append("# Fidelity: does the follower's page end where the leader meant?\n\n");
        b.append("Written by `FidelityCorpusTest` (tools/fidelity) from its last run; do not edit by hand.\n\n");
        b.append("Each page of the corpus (`tools/fidelity/corpus/`) differs per user, as real pages do. A\n"
                + "scripted leader session is done by real input in a leader's view; the page agent captures it;\n"
                + "each captured action goes (encoded and decoded as on the wire) to a follower's view of the same\n"
                + "page as another user, one Chromium, two views. What each press meant is read from the pages\n"
                + "themselves (they report it: `fidelity.set`), so a step is **reached** when the follower's page\n"
                + "ends with the leader's values, **refused** when nothing wrong happened and the follower said\n"
                + "why, **wrongly pressed** when the follower's page reported something the leader's did not, and\n"
                + "**applied, not reached** otherwise. The test fails on any wrong press.\n\n");
        b.append("Rerun (about a minute; the modules it needs are built, their tests skipped):\n\n```sh\n"
                + "flock /tmp/companion-heavy.lock xvfb-run -a -s \"-screen 0 1280x1024x24\" \\\n"
                + "  mvn -B -pl tools/fidelity -am verify -Dtest='dev.companion.fidelity.*Test' -Dsurefire.failIfNoSpecifiedTests=false\n"
                + "```\n\n(`./companion test` runs it with everything else.) A new page is a new folder in the\n"
                + "corpus; tools/fidelity/README.md says how.\n\n");
        long total = lines.size();
        b.append("## In all\n\n").append(total).append(" steps");
        b.append(" (").append(lines.stream().mapToInt(Line::actions).sum()).append(" actions)");
        b.append(": ").append(shares(lines)).append(".\n\n");

        b.append("## By cause\n\n");
        table(b, "cause", group(l -> l.scenario().cause()));
        b.append("## By page\n\n");
        table(b, "page (follower)", group(l -> l.scenario().id() + " (" + l.follower() + ")"));

        b.append("## Every step\n\n| page | follower | # | step | actions | verdict | reasons |\n|---|---|---|---|---|---|---|\n");
        for (Line l : lines) {
            b.append("| ").append(l.scenario().id()).append(" | ").append(l.follower()).append(" | ").append(l.step())
                    .append(" | ").append(cell(l.says())).append(" | ").append(l.actions()).append(" | ")
                    .append(l.verdict().words()).append(" | ").append(cell(String.join("; ", l.reasons()))).append(" |\n");
        }
        return b.toString();
    }

    private interface Key {
        String of(Line l);
    }

    private Map<String, List<Line>> group(Key key) {
        Map<String, List<Line>> out = new LinkedHashMap<>();
        for (Line l : lines) {
            out.computeIfAbsent(key.of(l), k -> new ArrayList<>()).add(l);
        }
        return out;
    }

    private static void table(StringBuilder b, String what, Map<String, List<Line>> groups) {
        b.append("| ").append(what).append(" | steps | reached | refused | wrongly pressed | applied, not reached |\n");
        b.append("|---|---|---|---|---|---|\n");
        for (Map.Entry<String, List<Line>> g : groups.entrySet()) {
            Map<Verdict, Integer> n = counts(g.getValue());
            b.append("| ").append(cell(g.getKey())).append(" | ").append(g.getValue().size());
            for (Verdict v : Verdict.values()) {
                b.append(" | ").append(share(n.get(v), g.getValue().size()));
            }
            b.append(" |\n");
        }
        b.append('\n');
    }

    private static Map<Verdict, Integer> counts(List<Line> ls) {
        Map<Verdict, Integer> n = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) {
            n.put(v, 0);
        }
        ls.forEach(l -> n.merge(l.verdict(), 1, Integer::sum));
        return n;
    }

    private static String shares(List<Line> ls) {
        Map<Verdict, Integer> n = counts(ls);
        List<String> parts = new ArrayList<>();
        for (Verdict v : Verdict.values()) {
            parts.add(v.words() + " " + share(n.get(v), ls.size()));
        }
        return String.join(", ", parts);
    }

    private static String share(int n, int of) {
        return of == 0 ? "0" : n + " (" + Math.round(100.0 * n / of) + " %)";
    }

    private static String cell(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
    }
}
