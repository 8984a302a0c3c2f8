package dev.companion.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.fidelity.Events.Event;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A step's verdict from the two pages' reports: reached, refused, wrongly pressed, applied without effect. */
class ClassifierTest {
    private static Event e(String key, String value) {
        return new Event(0, "u", key, value);
    }

    private static Verdict classify(List<Event> leader, List<Event> follower, Map<String, String> before, int refusals) {
        return Classifier.classify(leader, follower, before::get, refusals);
    }

    @Test
    void theSameReportIsReached() {
        assertThat(classify(List.of(e("cart:green", "added")), List.of(e("cart:green", "added")), Map.of(), 0))
                .isEqualTo(Verdict.REACHED);
    }

    @Test
    void aStateTheFollowerHadAlreadyIsReachedWithoutAPress() {
        assertThat(classify(List.of(e("field:gift", "true")), List.of(), Map.of("field:gift", "true"), 0))
                .isEqualTo(Verdict.REACHED);
    }

    @Test
    void theNeighboursButtonIsAWrongPress() {
        assertThat(classify(List.of(e("cart:green", "added")), List.of(e("cart:black", "added")), Map.of(), 0))
                .isEqualTo(Verdict.WRONG);
        // the right key with a value the leader's page never had: wrong too
        assertThat(classify(List.of(e("rating", "4")), List.of(e("rating", "3")), Map.of(), 0)).isEqualTo(Verdict.WRONG);
        // a press that changed something while the step was refused is still wrong
        assertThat(classify(List.of(e("cart:green", "added")), List.of(e("cart:black", "added")), Map.of(), 1))
                .isEqualTo(Verdict.WRONG);
    }

    @Test
    void valuesOnTheWayCountAsMeant() {
        List<Event> typing = List.of(e("field:q", "g"), e("field:q", "gr"), e("field:q", "green"));
        assertThat(classify(typing, List.of(e("field:q", "gr"), e("field:q", "green")), Map.of(), 0)).isEqualTo(Verdict.REACHED);
    }

    @Test
    void aReportOfWhatTheFollowerHadBeforeIsNoPress() {
        assertThat(classify(List.of(e("cart:green", "added")), List.of(e("page", "/shop")), Map.of("page", "/shop"), 1))
                .isEqualTo(Verdict.REFUSED);
    }

    @Test
    void refusedOrMissed() {
        assertThat(classify(List.of(e("cart:green", "added")), List.of(), Map.of(), 1)).isEqualTo(Verdict.REFUSED);
        assertThat(classify(List.of(e("cart:green", "added")), List.of(), Map.of(), 0)).isEqualTo(Verdict.MISSED);
    }
}
