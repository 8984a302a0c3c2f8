package dev.companion.scc.auth;

import dev.companion.scc.presence.Terminals;
import dev.companion.scc.presence.Terminals.StoredToken;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

/**
 * Session tokens handed out with login_ok: 32 random bytes, base64url. A client may reconnect by
 * sending its token as the password of a later login of the same user from the same terminal, which
 * skips the slow password hash.
 *
 * <p>One token per (user, terminal): every login of the terminal issues a new one, valid for
 * {@link #TTL}. Beside it stays valid the token that proved that login (after a password login: the
 * terminal's token until then), for a client whose connection dropped before login_ok reached it;
 * every older token of the terminal is refused. Only their SHA-256 digests are kept, with their
 * expiry, in the terminals table, written with the terminal's online mark (no extra transaction):
 * they survive a restart, so terminals do not all fall back to an Argon2id password login. Expired
 * digests are refused when looked up and overwritten by the terminal's next login; nothing sweeps.
 * Logic thread only.
 */
public final class Tokens {
    public static final Duration TTL = Duration.ofHours(24);
    /** One DRBG: NativePRNG (new SecureRandom()) reads /dev/urandom under a global lock at every call. */
    private static final SecureRandom RANDOM = drbg();

    /** A token just issued: the secret for login_ok, and its digest and expiry for the terminals table. */
    public record Issued(String token, String hash, long expiresAt) {
    }

    private final Clock clock;
    private final Terminals terminals;
    private final MessageDigest sha256;

    public Tokens(Clock clock, Terminals terminals) {
        this.clock = clock;
        this.terminals = terminals;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new token; it is valid once {@code Terminals.online} stored its digest. */
    public Issued issue() {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        return new Issued(token, digest(token), clock.millis() + TTL.toMillis());
    }

    /**
     * The stored token that secret is, when it is an unexpired token of user on terminal (its current
     * one or the one kept beside it); else null.
     */
    public StoredToken check(String user, String terminal, String secret) throws SQLException {
        if (user == null || terminal == null || secret == null) {
            return null;
        }
        byte[] hash = digest(secret).getBytes(StandardCharsets.US_ASCII);
        long now = clock.millis();
        StoredToken match = null;
        for (StoredToken t : terminals.tokens(user, terminal)) {
            if (MessageDigest.isEqual(hash, t.hash().getBytes(StandardCharsets.US_ASCII)) && t.expiresAt() > now) {
                match = t;
            }
        }
        return match;
    }

    private String digest(String s) {
        return Base64.getEncoder().encodeToString(sha256.digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    private static SecureRandom drbg() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no DRBG SecureRandom", e);
        }
    }
}
