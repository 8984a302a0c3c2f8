package dev.companion.bench.report;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;

/** The head every scenario's summary.json starts with: scenario, the command that reruns it, date, machine. */
public final class Summary {
    private Summary() {
    }

    /** With this machine's facts, read now. */
    public static ObjectNode start(String scenario, String command) {
        return start(scenario, command, Machine.facts());
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
