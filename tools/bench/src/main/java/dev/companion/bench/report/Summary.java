package dev.companion.bench.report;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/** The head every scenario's summary.json starts with: scenario, the command that reruns it, date, machine. */
public final class Summary {
    private Summary() {
    }

    /** With this machine's facts, read now. */
    public static ObjectNode start(String scenario, String command) {
        return start(scenario, command, Machine.facts());
    }

    /**
     * A picocli command's own arguments as given, with a leading space ("" when none): the parse
     * result's list starts at the top command's, so it is cut after the command's name.
     */
    public static String ownArgs(CommandSpec spec) {
        List<String> all = spec.commandLine().getParseResult().originalArgs();
        int at = all.indexOf(spec.name());
        String args = String.join(" ", at < 0 ? all : all.subList(at + 1, all.size()));
        return args.isEmpty() ? "" : " " + args;
    }

    /** The command that reruns a scenario: base, then the command's own arguments (spec null: run without picocli). */
    public static String command(String base, CommandSpec spec) {
        return spec == null ? base : base + ownArgs(spec);
    }

    /** With machine facts read earlier (e.g. before the benchmark pinned itself to one core). */
    public static ObjectNode start(String scenario, String command, Map<String, String> machine) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("scenario", scenario);
        root.put("command", command);
        root.put("date", Instant.now().toString());
        ObjectNode m = root.putObject("machine");
        machine.forEach(m::put);
        return root;
    }
}
