package dev.companion.p2p.protocol;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The records' range and length checks, written once in {@link Require}: each out-of-range value is
 * refused MISSING_FIELD with the words it always had (peers and docs quote them).
 */
class RangeChecksTest {
    private static final Action CLICK = new Action.Click("https://s.example/", "", "#b");

    @Test
    void sequenceNumbersBelowTheirFloorAreRefused() {
        refused(() -> new Messages.ActionMsg("g", "a", 0, CLICK), "seq must be >= 1");
        refused(() -> new Messages.Step("g", "a", 0, 1, List.of(CLICK)), "seq must be >= 1");
        refused(() -> new Messages.Chat("g", "a", 0, 1, "hi"), "seq must be >= 1");
        refused(() -> new Messages.ChatLine(-5, 1, "hi"), "seq must be >= 1");
        refused(() -> new Messages.CatchUp("g", "a", -1, CatchUpReason.JOIN, null), "seq must be >= 0");
        refused(() -> new Messages.Resume("g", "a", "b", -1L), "after must be >= 0");
        refused(() -> new Messages.ChatResume("g", "a", -1), "after must be >= 0");
        // the floor itself is taken
        new Messages.CatchUp("g", "a", 0, CatchUpReason.JOIN, null);
        new Messages.Resume("g", "a", "b", null);
        new Messages.ChatResume("g", "a", 0);
        new Messages.ChatLine(1, 1, "hi");
    }

    @Test
    void overlongOptionalTextsAreRefused() {
        refused(() -> new Messages.Film("g", "a", "f".repeat(65), "video", "", 0, 1, true, false, 1),
                "field too long: frame");
        refused(() -> new Messages.Film("g", "a", null, "video", "https://s.example/" + "v".repeat(Action.MAX_URL), 0, 1,
                true, false, 1), "field too long: src");
        refused(() -> new Messages.FieldState("", "#q", "x".repeat(Action.MAX_VALUE + 1), null), "field too long: value");
        new Messages.Film("g", "a", "f".repeat(64), "video", null, 0, 1, true, false, 1);
        new Messages.FieldState("", "#q", null, true);
        refused(() -> new Action.Change("https://s.example/", "", "#drink", "tea-large", null, "Large", null,
                "g".repeat(Target.MAX_TEXT + 1)), "field too long: option_group");
        new Action.Change("https://s.example/", "", "#drink", "tea-large", null, "Large", null, "g".repeat(Target.MAX_TEXT));
    }

    private static void refused(ThrowingCallable make, String message) {
        assertThatThrownBy(make).isInstanceOf(ProtocolException.class).hasMessage(message)
                .extracting(e -> ((ProtocolException) e).code()).isEqualTo(ErrorCode.MISSING_FIELD);
    }
}
