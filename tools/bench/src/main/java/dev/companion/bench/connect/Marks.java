package dev.companion.bench.connect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.companion.bench.link.Codecs;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a child's answer ({"ok":true, mark: µs, ..., optionally "handshake": "full" | "resumed"} or
 * {"ok":false, "why": ...}) into a {@link Sample}.
 */
final class Marks {
    private Marks() {
    }

    static Sample sample(Row row, int index, String json) {
        return sample(row, index, Codecs.tree(json));
    }

    static Sample sample(Row row, int index, JsonNode o) {
        if (!o.path("ok").asBoolean(false)) {
            return Sample.failed(row.id(), index, o.path("why").asText("failed"));
        }
        Map<String, Long> marks = new LinkedHashMap<>();
        for (Row.Mark m : row.marks()) {
            if (o.hasNonNull(m.name())) {
                marks.put(m.name(), o.get(m.name()).asLong());
            }
        }
        if (!marks.containsKey(row.total())) {
            return Sample.failed(row.id(), index, "no '" + row.total() + "' in " + o);
        }
        return new Sample(row.id(), index, true, null, marks, o.hasNonNull("handshake") ? o.get("handshake").asText() : null);
    }
}
