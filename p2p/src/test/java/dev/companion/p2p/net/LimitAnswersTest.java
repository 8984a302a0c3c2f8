package dev.companion.p2p.net;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.companion.p2p.protocol.Codec;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Message;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The answers of the limits on the wire (golden/limits/): what the control center's limits send, byte for byte. */
class LimitAnswersTest {
    private static void matchesFixture(Message answer, String fixture) throws Exception {
        String json;
        try (InputStream in = LimitAnswersTest.class.getResourceAsStream("/golden/limits/" + fixture)) {
            assertThat(in).as(fixture).isNotNull();
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(Codec.decode(json)).isEqualTo(answer);
        JsonNode fixtureTree = Codec.mapper().readTree(json);
        assertThat(Codec.mapper().readTree(Codec.encode(answer))).isEqualTo(fixtureTree);
    }

    @Test
    void rateLimited() throws Exception {
        var answer = LimitAnswers.rateLimited(12L, Endpoint.CONTROL_CENTER.rate());
        assertThat(answer.code()).isEqualTo(ErrorCode.RATE_LIMITED);
        matchesFixture(answer, "rate_limited.json");
    }

    @Test
    void tooManyConnections() throws Exception {
        var answer = LimitAnswers.tooManyConnections("too many connections from 203.0.113.7 (2000 at once, the most)");
        assertThat(answer.req()).isNull();
        matchesFixture(answer, "too_many_connections.json");
    }
}
