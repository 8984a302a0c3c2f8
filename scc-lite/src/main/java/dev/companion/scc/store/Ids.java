package dev.companion.scc.store;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Random identifiers for invitations and groups: a prefix and 128 random bits in hex. */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static String next(String prefix) {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return prefix + "-" + HexFormat.of().formatHex(b);
    }
}
