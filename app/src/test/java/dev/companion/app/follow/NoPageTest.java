package dev.companion.app.follow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.NavigationCause;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A terminal without a browser: what it is asked to apply or restore is answered no-page; it shares no page state. */
class NoPageTest {
    private final NoPage target = new NoPage();

    @Test
    void appliesNothingRestoresNothingAndHasNoPageState() throws Exception {
        target.load("https://s.example/");
        for (Action a : List.of(new Action.Click("https://s.example/", "", "#b"),
                Action.navigate("https://s.example/x", NavigationCause.USER))) {
            ApplyResult r = target.apply(a).get(1, TimeUnit.SECONDS);
            assertThat(r.applied()).isFalse();
            assertThat(r.reason()).isEqualTo(ApplyResult.NO_PAGE);
        }
        assertThat(target.snapshot().get(1, TimeUnit.SECONDS)).isNull();
        Messages.PageState state = new Messages.PageState("https://s.example/", List.of(), 0, 0, List.of());
        assertThat(target.restore(state).get(1, TimeUnit.SECONDS)).isEqualTo(ApplyResult.failed(ApplyResult.NO_PAGE));
    }
}
