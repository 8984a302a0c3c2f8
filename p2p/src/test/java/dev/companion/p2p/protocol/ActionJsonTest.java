package dev.companion.p2p.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** An action on its own (as the app hands it to the page agent) has the same JSON as inside a message. */
class ActionJsonTest {
    private static final List<Action> ACTIONS = List.of(
            Action.navigate("https://a.example/", NavigationCause.USER),
            new Action.Click("https://a.example/", "0.1", "#b"),
            new Action.Input("https://a.example/", "", "#q", "tea"),
            new Action.Change(null, "", "#gift", null, true),
            new Action.Submit("https://a.example/", "", "#f", "#go"),
            new Action.Scroll("https://a.example/", "", null, 0, 640),
            new Action.Media("https://a.example/v", "", "#film", MediaOp.SEEK, 73.5, 1.5),
            new Action.Key("https://a.example/game", "", null, "A", "KeyA", KeyPhase.UP, true));

    @Test
    void aBareActionCarriesItsKind() throws Exception {
        for (Action a : ACTIONS) {
            String bare = Codec.mapper().writeValueAsString(a);
            String asAction = Codec.mapper().writerFor(Action.class).writeValueAsString(a);
            assertThat(bare).isEqualTo(asAction).startsWith("{\"kind\":\"" + a.kind().wire() + "\",");
            assertThat(Codec.mapper().readValue(bare, Action.class)).isEqualTo(a);
            assertThat(Codec.encodeToString(new Messages.ActionMsg("g", "a", 1, a))).contains("\"action\":" + bare);
        }
        assertThat(ACTIONS.stream().map(Action::kind)).containsExactly(ActionKind.values());
    }

    @Test
    void whatThePageAgentSendsDecodes() throws Exception {
        assertThat(Codec.mapper().readValue("{\"kind\":\"media\",\"selector\":\"#film\",\"value\":\"play\",\"time\":2,"
                + "\"rate\":1,\"page\":\"https://a.example/v\",\"frame\":\"\"}", Action.class))
                .isEqualTo(new Action.Media("https://a.example/v", "", "#film", MediaOp.PLAY, 2, 1.0));
        assertThat(Codec.mapper().readValue("{\"kind\":\"scroll\",\"x\":0,\"y\":10,\"page\":\"https://a.example/\","
                + "\"frame\":\"\"}", Action.class)).isEqualTo(new Action.Scroll("https://a.example/", "", null, 0, 10));
    }
}
