package dev.companion.scc.ice;

import java.time.Duration;
import java.util.List;

/**
 * What the control center tells terminals about NAT traversal (docs/network.md).
 *
 * @param stunPort      UDP port of its own STUN server (on the control center's bind address); -1: none
 * @param iceHost       the address terminals reach the STUN server at; null: the address each terminal
 *                      reached the control center at
 * @param turn          TURN relays ("host:port", coturn with use-auth-secret), empty for none
 * @param turnSecret    the secret shared with the relays (static-auth-secret); required with turn
 * @param credentialTtl how long TURN credentials are valid
 */
public record IceSettings(int stunPort, String iceHost, List<String> turn, String turnSecret, Duration credentialTtl) {
    /** The STUN port when none is given: 3478 is coturn's, which often runs on the same host. */
    public static final int DEFAULT_STUN_PORT = 3479;
    public static final Duration DEFAULT_TTL = Duration.ofHours(24);
    /** No STUN server, no relays: terminals get empty lists. */
    public static final IceSettings NONE = new IceSettings(-1, null, List.of(), null, DEFAULT_TTL);

    public IceSettings {
        if (stunPort < -1 || stunPort > 65535) {
            throw new IllegalArgumentException("stun port must be -1..65535: " + stunPort);
        }
        turn = List.copyOf(turn);
        if (!turn.isEmpty() && (turnSecret == null || turnSecret.isBlank())) {
            throw new IllegalArgumentException("TURN relays need the shared secret");
        }
        credentialTtl = credentialTtl == null ? DEFAULT_TTL : credentialTtl;
        if (credentialTtl.isNegative() || credentialTtl.isZero()) {
            throw new IllegalArgumentException("credential lifetime must be positive");
        }
    }
}
