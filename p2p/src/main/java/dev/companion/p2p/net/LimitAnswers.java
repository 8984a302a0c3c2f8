package dev.companion.p2p.net;

import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Messages;

/** The answers the connection limits send (docs/protocol.md, "Limits"; golden fixtures in golden/limits/). */
public final class LimitAnswers {
    /** What a connection refused over a cap is told to wait before it tries again, in milliseconds. */
    public static final long RECONNECT_AFTER_MS = 5_000;

    private LimitAnswers() {
    }

    /** To a connection refused over a cap, once its TLS is up; then it is closed. */
    public static Messages.Error tooManyConnections(String why) {
        return new Messages.Error(null, ErrorCode.TOO_MANY_CONNECTIONS, why + "; try again later", RECONNECT_AFTER_MS);
    }

    /** To a frame over the connection's rate, which was not processed; retryAfter: the time the rate gives one frame. */
    public static Messages.Error rateLimited(Long req, RateLimit limit) {
        return new Messages.Error(req, ErrorCode.RATE_LIMITED, "more than " + limit.perSecond()
                + " messages per second (bursts of " + limit.burst() + "); this one was not processed: send it again later",
                (1000L + limit.perSecond() - 1) / limit.perSecond());
    }
}
