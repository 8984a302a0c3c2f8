package dev.companion.p2p.net;

import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Messages;

/** The answers the connection limits send (docs/protocol.md, "Limits"; golden fixtures in golden/limits/). */
public final class LimitAnswers {
    private LimitAnswers() {
    }

    /** To a connection refused over a cap, once its TLS is up; then it is closed. */
    public static Messages.Error tooManyConnections(String why) {
        return new Messages.Error(null, ErrorCode.TOO_MANY_CONNECTIONS, why + "; try again later");
    }

    /** To a frame over the connection's rate, which was not processed. */
    public static Messages.Error rateLimited(Long req, RateLimit limit) {
        return new Messages.Error(req, ErrorCode.RATE_LIMITED, "more than " + limit.perSecond()
                + " messages per second (bursts of " + limit.burst() + "); this one was not processed: send it again later");
    }
}
