package dev.companion.app.session;

import dev.companion.p2p.protocol.Action;

/** What the session tests read from any action: its value and selector, when its kind has them (else null). */
final class TestActions {
    private TestActions() {
    }

    static String value(Action a) {
        return switch (a) {
            case Action.Input i -> i.value();
            case Action.Change c -> c.value();
            case Action.Media m -> m.op().wire();
            case Action.Key k -> k.key();
            default -> null;
        };
    }

    static String selector(Action a) {
        return switch (a) {
            case Action.Navigate n -> null;
            case Action.Click c -> c.selector();
            case Action.Input i -> i.selector();
            case Action.Change c -> c.selector();
            case Action.Submit s -> s.selector();
            case Action.Scroll s -> s.selector();
            case Action.Media m -> m.selector();
            case Action.Key k -> k.selector();
        };
    }
}
