package dev.companion.app.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.companion.p2p.protocol.Codec;
import dev.companion.p2p.protocol.Messages.FieldState;
import dev.companion.p2p.protocol.Messages.MediaState;
import dev.companion.p2p.protocol.Messages.PageState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Java side's reading of the agent's snapshot answer (no browser needed): a malformed answer is
 * a clear IllegalStateException, never a half-read state, and a state too big for one wire frame
 * loses fields from the end until it fits.
 */
class PageStateAnswerTest {
    private static JsonNode answer(String json) throws Exception {
        return Codec.mapper().readTree(json);
    }

    @Test
    void aWellFormedAnswerIsRead() throws Exception {
        PageState s = AgentAnswers.pageState(answer("{\"t\":\"state\",\"id\":\"1\",\"state\":{\"url\":\"https://shop.example/p\","
                + "\"fields\":[{\"frame\":\"\",\"selector\":\"#qty\",\"value\":\"3\"},{\"frame\":\"\",\"selector\":\"#gift\",\"checked\":true}],"
                + "\"scrollX\":0,\"scrollY\":612.5,\"media\":[{\"frame\":\"\",\"selector\":\"#film\",\"time\":2.25,\"paused\":false,\"rate\":1.5}]}}"));
        assertThat(s).isEqualTo(new PageState("https://shop.example/p",
                List.of(new FieldState("", "#qty", "3", null), new FieldState("", "#gift", null, true)), 0, 612.5,
                List.of(new MediaState("", "#film", 2.25, false, 1.5))));
        assertThat(AgentAnswers.pageState(answer("{\"t\":\"state\",\"id\":\"1\",\"state\":null}"))).isNull();
        assertThat(AgentAnswers.pageState(answer("{\"t\":\"state\",\"id\":\"1\"}"))).isNull();
    }

    @Test
    void malformedAnswersFailWithAClearMessage() throws Exception {
        Map<String, String> bad = Map.of(
                "not a web page", "{\"url\":\"javascript:alert(1)\",\"fields\":[],\"scrollX\":0,\"scrollY\":0,\"media\":[]}",
                "fields not a list", "{\"url\":\"https://a.example/\",\"fields\":\"#qty=3\",\"scrollX\":0,\"scrollY\":0,\"media\":[]}",
                "field without selector", "{\"url\":\"https://a.example/\",\"fields\":[{\"value\":\"x\"}],\"scrollX\":0,\"scrollY\":0}",
                "media rate 0", "{\"url\":\"https://a.example/\",\"scrollX\":0,\"scrollY\":0,"
                        + "\"media\":[{\"selector\":\"#v\",\"time\":1,\"paused\":true,\"rate\":0}]}",
                "scroll not a number", "{\"url\":\"https://a.example/\",\"scrollX\":\"left\",\"scrollY\":0}",
                "state not an object", "[1,2,3]",
                "no url", "{\"fields\":[],\"scrollX\":0,\"scrollY\":0}");
        for (Map.Entry<String, String> e : bad.entrySet()) {
            JsonNode msg = answer("{\"t\":\"state\",\"id\":\"1\",\"state\":" + e.getValue() + "}");
            assertThatThrownBy(() -> AgentAnswers.pageState(msg)).as(e.getKey())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("the page agent's snapshot is not a valid page state");
        }
        assertThatThrownBy(() -> AgentAnswers.pageState(answer("{\"t\":\"state\",\"id\":\"1\",\"error\":\"TypeError\"}")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the page agent could not take a snapshot: TypeError");
    }

    @Test
    void aStateTooBigForOneFrameLosesItsLastFields() throws Exception {
        List<FieldState> fields = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            fields.add(new FieldState("", "#f" + i, "x".repeat(8 * 1024), null));
        }
        List<MediaState> media = List.of(new MediaState("", "#film", 1, true, 1));
        PageState big = new PageState("https://a.example/", fields, 0, 10, media);
        JsonNode msg = Codec.mapper().valueToTree(Map.of("t", "state", "id", "1", "state", big));
        PageState fitted = AgentAnswers.pageState(msg);
        assertThat(Codec.mapper().writeValueAsBytes(fitted).length).isLessThanOrEqualTo(AgentAnswers.MAX_STATE_BYTES);
        assertThat(fitted.fields()).isNotEmpty().hasSizeLessThan(8);
        assertThat(fitted.fields()).isEqualTo(fields.subList(0, fitted.fields().size())); // a prefix, in order
        assertThat(fitted.media()).isEqualTo(media);
        assertThat(fitted.scrollY()).isEqualTo(10);
    }
}
