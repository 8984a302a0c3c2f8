package dev.companion.bench.link;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.HdrHistogram.Histogram;

/**
 * What the leader measured in one run (all in microseconds): rtt from each action's intended send
 * time to its ack's arrival (one sample per follower), the same from the actual send time, and how
 * late each send was against the schedule.
 *
 * @param sent     actions sent
 * @param expected acks expected (sent × followers)
 * @param acked    acks that arrived before the drain timeout
 */
public record RunResult(int sent, long expected, long acked, Histogram rtt, Histogram fromSend, Histogram late,
                        double seconds) {

    public long lost() {
        return Math.max(0, expected - acked);
    }

    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("sent", sent).put("expected", expected).put("acked", acked).put("seconds", seconds);
        o.put("rtt", Hist.encode(rtt)).put("fromSend", Hist.encode(fromSend)).put("late", Hist.encode(late));
        return o;
    }

    public static RunResult fromJson(JsonNode o) {
        return new RunResult(o.get("sent").asInt(), o.get("expected").asLong(), o.get("acked").asLong(),
                Hist.decode(o.get("rtt").asText()), Hist.decode(o.get("fromSend").asText()),
                Hist.decode(o.get("late").asText()), o.get("seconds").asDouble());
    }
}
