package dev.companion.demo.shop;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The shop's built-in users and their sign-in sessions, in memory. */
final class Accounts {
    /** Name of the session cookie. */
    static final String COOKIE = "shop_session";

    private static final Map<String, String> PASSWORDS = Map.of(
            "alice", "alice-pass",
            "bob", "bob-pass",
            "carol", "carol-pass");

    private final SecureRandom random = new SecureRandom();
    private final Map<String, String> userBySession = new ConcurrentHashMap<>();
    private final Map<String, String> tokenByUser = new ConcurrentHashMap<>();
    private final Map<String, String> urlSidBySession = new ConcurrentHashMap<>();

    /** @return true when the user exists and the password is right */
    boolean checkPassword(String user, String password) {
        String expected = user == null ? null : PASSWORDS.get(user);
        if (expected == null || password == null) {
            return false;
        }
        return MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8));
    }

    /** Starts a session for a signed-in user; returns its new random id. */
    String openSession(String user) {
        byte[] id = new byte[32];
        random.nextBytes(id);
        String sid = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        userBySession.put(sid, user);
        urlSidBySession.put(sid, hex(8));
        return sid;
    }

    void closeSession(String sessionId) {
        if (sessionId != null) {
            userBySession.remove(sessionId);
            urlSidBySession.remove(sessionId);
        }
    }

    /**
     * The user's own token in their cart and account addresses ({@code /cart/<token>}): random per
     * account and run, 24 hex digits, so two users' addresses for "my cart" differ, as on real shops.
     */
    String token(String user) {
        return tokenByUser.computeIfAbsent(user, u -> hex(12));
    }

    /** The session's {@code ?sid=} value in those addresses (not the cookie): another session's is refused. */
    String urlSid(String sessionId) {
        return sessionId == null ? null : urlSidBySession.get(sessionId);
    }

    private String hex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return java.util.HexFormat.of().formatHex(b);
    }

    Optional<String> userOf(String sessionId) {
        return sessionId == null ? Optional.empty() : Optional.ofNullable(userBySession.get(sessionId));
    }
}
