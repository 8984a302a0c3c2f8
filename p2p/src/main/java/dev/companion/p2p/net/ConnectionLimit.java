package dev.companion.p2p.net;

import java.time.Duration;
import java.util.Objects;

/**
 * How many connections an acceptor holds, and how long a connection may take to be admitted:
 * TLS, then the protocol's own first step (the control center's {@code login}, the peer link's
 * {@code peer_hello} / {@code peer_welcome}), after which its handler calls {@link FramedTls#admit}.
 * OpenSSH's {@code LoginGraceTime} and {@code MaxStartups}, per source address and in total.
 *
 * <p>A connection over a cap is refused: once its TLS is up it is answered {@code error
 * TOO_MANY_CONNECTIONS} and closed (its handler never hears of it). While as many refusals as
 * {@code unadmitted} (64 when that is not capped) are already waiting for their TLS, further
 * connections over a cap are closed at once, unanswered; so are those of an address already answered
 * four times within the answer's retryAfter. A connection not admitted within {@code deadline} is closed. Zero: no cap (no
 * deadline). Caps apply to acceptors only; the deadline to connectors too.
 *
 * @param total                connections at once
 * @param perAddress           connections at once from one source address
 * @param unadmitted           connections at once that are not admitted yet (MaxStartups)
 * @param unadmittedPerAddress of those, from one source address
 * @param deadline             time from the TCP connection to admission
 */
public record ConnectionLimit(int total, int perAddress, int unadmitted, int unadmittedPerAddress, Duration deadline) {
    /** No caps, no deadline. */
    public static final ConnectionLimit NONE = new ConnectionLimit(0, 0, 0, 0, Duration.ZERO);

    public ConnectionLimit {
        Objects.requireNonNull(deadline, "deadline");
        if (total < 0 || perAddress < 0 || unadmitted < 0 || unadmittedPerAddress < 0 || deadline.isNegative()) {
            throw new IllegalArgumentException("bad connection limit: " + total + "/" + perAddress + " connections, "
                    + unadmitted + "/" + unadmittedPerAddress + " not admitted, deadline " + deadline);
        }
    }

    /** True when some cap is set (an acceptor then counts its connections). */
    boolean caps() {
        return total > 0 || perAddress > 0 || unadmitted > 0 || unadmittedPerAddress > 0;
    }

    public ConnectionLimit withDeadline(Duration d) {
        return new ConnectionLimit(total, perAddress, unadmitted, unadmittedPerAddress, d);
    }
}
