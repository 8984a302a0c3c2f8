package dev.companion.p2p.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.p2p.protocol.Codec;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** RATE_LIMITED answers encoded once and shared: the same bytes as encoding each, and each connection gets its own. */
class RateLimitedAnswersTest {
    private static final RateLimit LIMIT = new RateLimit(10, 20, RateLimit.OverRate.ANSWER);
    private Wire.Server server;

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void eachPayloadIsTheEncodedAnswerByteForByte() {
        RateLimitedAnswers answers = new RateLimitedAnswers(Endpoint.CONTROL_CENTER.rate());
        for (Long req : new Long[] {null, 0L, 1L, 9L, 10L, 12L, -5L, Long.MAX_VALUE, Long.MIN_VALUE}) {
            assertThat(new String(answers.payload(req), StandardCharsets.UTF_8)).as("req %s", req)
                    .isEqualTo(new String(Codec.encode(LimitAnswers.rateLimited(req, Endpoint.CONTROL_CENTER.rate())),
                            StandardCharsets.UTF_8));
        }
        assertThat(answers.payload(null)).as("the shared answer without a req").isSameAs(answers.payload(null));
    }

    @Test
    void twoConnectionsOverTheRateEachGetCorrectAnswersWithTheirOwnReqs() throws Exception {
        byte[] shared = new RateLimitedAnswers(LIMIT).payload(null).clone();
        server = new Wire.Server(Endpoint.DEFAULT.withRate(LIMIT), (s, f) -> { // echo, or the decoder's refusal
            try {
                s.write(f.decode());
            } catch (ProtocolException e) {
                s.write(e.toMessage(f.requestId()));
            }
        });
        try (Wire.Client a = server.client().secured(); Wire.Client b = server.client().secured()) {
            for (int i = 1; i <= 60; i++) { // interleaved: numbered on a, bad frames without a req on b, and pings on a
                a.send(new Messages.Ok((long) i));
                b.send("x".getBytes(StandardCharsets.UTF_8));
                a.send(new Messages.Ping(i));
            }
            List<Message> onA = new ArrayList<>();
            List<byte[]> onB = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                onA.add(a.next());
            }
            for (int i = 0; i < 60; i++) {
                onB.add(b.nextPayload());
            }
            long limitedOnA = 0;
            List<Long> reqs = new ArrayList<>();
            for (Message m : onA) {
                if (m instanceof Messages.Error e) {
                    assertThat(e).isEqualTo(LimitAnswers.rateLimited(e.req(), LIMIT));
                    limitedOnA++;
                }
                if (m.req() != null) {
                    reqs.add(m.req());
                }
            }
            assertThat(limitedOnA).as("a went over the rate").isGreaterThan(0);
            assertThat(reqs).as("every numbered frame of a answered once, with its own req").hasSize(60).doesNotHaveDuplicates()
                    .allMatch(r -> r >= 1 && r <= 60);
            long limitedOnB = onB.stream().filter(p -> Codec.decode(p) instanceof Messages.Error e
                    && e.code() == ErrorCode.RATE_LIMITED).count();
            assertThat(limitedOnB).as("b went over the rate").isGreaterThan(0);
            for (byte[] p : onB) {
                Messages.Error e = (Messages.Error) Codec.decode(p);
                assertThat(e.req()).isNull();
                if (e.code() == ErrorCode.RATE_LIMITED) {
                    assertThat(p).isEqualTo(shared);
                } else {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_FRAME); // under the rate: the echo's decode refused it
                }
            }
        }
        assertThat(new RateLimitedAnswers(LIMIT).payload(null)).as("nothing wrote into a shared answer").isEqualTo(shared);
    }
}
