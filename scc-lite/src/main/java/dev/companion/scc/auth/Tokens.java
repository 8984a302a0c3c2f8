package dev.companion.scc.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Session tokens handed out with login_ok: 32 random bytes, base64url. Only their SHA-256 is kept,
 * in memory, for {@link #TTL}; a restart forgets them all. A client may reconnect by sending a
 * token it was given as the password of its next login (same user), which skips the slow password
 * hash. Logic thread only.
 */
public final class Tokens {
    public static final Duration TTL = Duration.ofHours(24);
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Entry(String user, long expiresAt) {
    }

    private final Clock clock;
    private final Map<String, Entry> byHash = new HashMap<>();

    public Tokens(Clock clock) {
        this.clock = clock;
    }

    public String issue(String user) {
        long now = clock.millis();
        byHash.values().removeIf(e -> e.expiresAt() <= now);
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        byHash.put(digest(token), new Entry(user, now + TTL.toMillis()));
        return token;
    }

    /** True when secret is an unexpired token issued to user. */
    public boolean valid(String user, String secret) {
        Entry e = byHash.get(digest(secret));
        return e != null && e.user().equals(user) && e.expiresAt() > clock.millis();
    }

    private static String digest(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
