package dev.companion.bench.follow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.companion.bench.app.Clocks;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The samples of one kind in one run, in µs from the robot's input (t0): to the follower's DOM
 * effect, to the follower's next animation frame after it, to the leader's own page seeing its
 * input (paired by time: the leader's first record at or after t0 and before the next t0), and for
 * scrolls to the follower reaching the leader's final position (and the leader's own last scroll
 * event of the sample, the end of its smooth scrolling). A missing effect is a miss.
 */
final class Samples {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String kind;
    private final String leaderKind;
    private final List<Long> t0s = new ArrayList<>();
    private final List<Long> effect = new ArrayList<>();
    private final List<Long> frame = new ArrayList<>();
    private final List<Long> last = new ArrayList<>();
    private final List<Long> moved = new ArrayList<>();
    private int misses;
    private int finalMisses;

    Samples(String kind) {
        this(kind, kind);
    }

    /** leaderKind: the kind of the leader page's records these samples pair with (click-dom: click). */
    Samples(String kind, String leaderKind) {
        this.kind = kind;
        this.leaderKind = leaderKind;
    }

    void add(long t0, JsonNode mark) {
        t0s.add(t0);
        if (mark == null) {
            misses++;
            effect.add(-1L);
            frame.add(-1L);
            return;
        }
        effect.add(Clocks.pageMicros(mark.path("t").asDouble()) - t0);
        frame.add(mark.has("frame") ? Clocks.pageMicros(mark.path("frame").asDouble()) - t0 : -1L);
    }

    void addFinal(long t0, JsonNode mark, double movedY) {
        moved.add(Math.round(movedY));
        if (mark == null) {
            finalMisses++;
            last.add(-1L);
        } else {
            last.add(Clocks.pageMicros(mark.path("t").asDouble()) - t0);
        }
    }

    ObjectNode toJson(List<JsonNode> leaderRecords) {
        List<Long> leaderTimes = new ArrayList<>();
        for (JsonNode r : leaderRecords) {
            if (leaderKind.equals(r.path("kind").asText())) {
                leaderTimes.add(Clocks.pageMicros(r.path("t").asDouble()));
            }
        }
        leaderTimes.sort(Comparator.naturalOrder());
        List<Long> leaderPage = new ArrayList<>();
        List<Long> leaderLast = new ArrayList<>();
        for (int i = 0; i < t0s.size(); i++) {
            long from = t0s.get(i);
            long to = i + 1 < t0s.size() ? t0s.get(i + 1) : Long.MAX_VALUE;
            long found = -1;
            long lastFound = -1;
            for (long t : leaderTimes) {
                if (t >= from && t < to) {
                    if (found < 0) {
                        found = t - from;
                    }
                    lastFound = t - from;
                }
            }
            leaderPage.add(found);
            leaderLast.add(lastFound);
        }
        ObjectNode o = JSON.createObjectNode();
        o.put("kind", kind);
        o.put("samples", t0s.size());
        o.put("misses", misses);
        o.set("effectMicros", array(effect));
        o.set("frameMicros", array(frame));
        o.set("leaderPageMicros", array(leaderPage));
        if (!last.isEmpty()) {
            o.put("finalMisses", finalMisses);
            o.set("finalMicros", array(last));
            o.set("movedPixels", array(moved));
            o.set("leaderPageLastMicros", array(leaderLast));
        }
        return o;
    }

    private static ArrayNode array(List<Long> v) {
        ArrayNode a = JSON.createArrayNode();
        v.forEach(a::add);
        return a;
    }
}
