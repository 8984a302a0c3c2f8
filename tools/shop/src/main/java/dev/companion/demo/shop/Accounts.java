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
        return sid;
    }

    void closeSession(String sessionId) {
        if (sessionId != null) {
            userBySession.remove(sessionId);
        }
    }

    Optional<String> userOf(String sessionId) {
        return sessionId == null ? Optional.empty() : Optional.ofNullable(userBySession.get(sessionId));
    }
}
