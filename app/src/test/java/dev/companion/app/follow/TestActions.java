package dev.companion.app.follow;

import dev.companion.p2p.protocol.Action;

/** What the follow tests read from any action: its value, when its kind has one (else null). */
final class TestActions {
    private TestActions() {
    }

    static String value(Action a) {
        return switch (a) {
            case Action.Input i -> i.value();
            case Action.Change c -> c.value();
            case Action.Media m -> m.op().wire();
            default -> null;
        };
    }
}
