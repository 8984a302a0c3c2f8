package dev.companion.scc.ice;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short-lived TURN credentials in the TURN REST style (draft-uberti-behave-turn-rest, coturn's
 * use-auth-secret): username = "&lt;expiry, epoch seconds&gt;:&lt;user&gt;", password = base64 of
 * HMAC-SHA1(shared secret, username). The relay recomputes the password from the username with the
 * same secret and refuses an expired one, so the control center keeps no relay state.
 */
public final class TurnCredentials {
    private TurnCredentials() {
    }

    /** username and password for user, valid until expiry. */
    public record Credential(String username, String password, Instant expiry) {
    }

    public static Credential issue(String secret, String user, Instant expiry) {
        String username = expiry.getEpochSecond() + ":" + user;
        return new Credential(username, password(secret, username), expiry);
    }

    static String password(String secret, String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA1 not available", e);
        }
    }
}
