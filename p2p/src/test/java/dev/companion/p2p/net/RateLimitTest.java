package dev.companion.p2p.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.Messages;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Frames per second per connection over real TLS: answered RATE_LIMITED, or read more slowly; nothing else lost. */
class RateLimitTest {
    private Wire.Server server;

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void framesOverTheRateAreAnsweredRateLimitedWithTheirReqAndTheConnectionCarriesOn() throws Exception {
        RateLimit limit = new RateLimit(10, 20, RateLimit.OverRate.ANSWER);
        server = new Wire.Server(Endpoint.DEFAULT.withRate(limit), (s, f) -> s.write(f.decode())); // echo
        try (Wire.Client c = server.client().secured()) {
            for (long req = 1; req <= 200; req++) {
                c.send(new Messages.Ok(req));
            }
            int echoed = 0;
            Set<Long> answered = new HashSet<>();
            for (int i = 0; i < 200; i++) {
                Message m = c.next();
                assertThat(answered.add(m.req())).as("req %s answered once", m.req()).isTrue();
                if (m instanceof Messages.Error e) {
                    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
                    assertThat(e).isEqualTo(LimitAnswers.rateLimited(e.req(), limit));
                } else {
                    echoed++;
                }
            }
            assertThat(echoed).isGreaterThanOrEqualTo(20).isLessThan(200); // the burst, and what the rate refilled meanwhile
            c.send(new Messages.Ok(201L)); // read once the bucket holds a frame again
            assertThat(c.next()).isEqualTo(new Messages.Ok(201L));
        }
    }

    @Test
    void throttledFramesAreAllProcessedInOrder() throws Exception {
        server = new Wire.Server(Endpoint.DEFAULT.withRate(new RateLimit(200, 50, RateLimit.OverRate.THROTTLE)),
                (s, f) -> s.write(f.decode()));
        try (Wire.Client c = server.client().secured()) {
            for (long req = 1; req <= 300; req++) {
                c.send(new Messages.Ok(req));
            }
            for (long req = 1; req <= 300; req++) {
                assertThat(c.next()).isEqualTo(new Messages.Ok(req));
            }
        }
    }
}
