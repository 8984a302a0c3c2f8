package dev.companion.p2p.lan;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * The confirmation code of a certificate found on the LAN: 8 digits ("4821 0937") that the host's
 * screen shows for its own certificate and a terminal's screen for the certificate a beacon
 * announced; the person compares them before the terminal signs in (no password goes out before)
 * and pins that certificate. The code is a slow hash (Argon2id, 16 MiB, 3 passes: tens of ms) of the
 * fingerprint, so a forger who wants a certificate of its own with the host's code must try about
 * 10^8 keys at that cost each (years of one core) — a beacon is heard in seconds, so this cannot
 * happen during a lesson. What it does not stop: someone who spends that effort ahead of time on
 * one long-lived host certificate (docs/network.md).
 *
 * <p>Two terminals pairing without any control center ({@link LanPairing}) show the code of the pair
 * ({@link #ofPair}): both certificates' fingerprints, in sorted order, so both screens show the same
 * code. A man in the middle presents its own certificate to each side, so each side's code covers
 * another pair of certificates: to show equal codes it must find a key of its own whose two pair codes
 * agree (again about 10^8 slow hashes).
 */
public final class ConfirmCode {
    private static final byte[] SALT = "companion-lan-confirm-v1".getBytes(StandardCharsets.UTF_8);
    private static final Pattern FINGERPRINT = Pattern.compile("sha-256:[0-9a-f]{64}");
    private static final BigInteger TEN_TO_8 = BigInteger.TEN.pow(8);

    private ConfirmCode() {
    }

    /** The code of fingerprint ("sha-256:" + 64 hex digits), as shown: two groups of 4 digits. */
    public static String of(String fingerprint) {
        return hash(check(fingerprint));
    }

    /**
     * The code of a pair of certificates, the same whichever side asks (the fingerprints are sorted);
     * two equal fingerprints (a terminal pairing with itself, or a copy of its certificate) are refused.
     */
    public static String ofPair(String fingerprint, String other) {
        String a = check(fingerprint);
        String b = check(other);
        if (a.equals(b)) {
            throw new IllegalArgumentException("the same certificate on both sides");
        }
        return hash(a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a);
    }

    private static String check(String fingerprint) {
        if (fingerprint == null || !FINGERPRINT.matcher(fingerprint).matches()) {
            throw new IllegalArgumentException("not a fingerprint");
        }
        return fingerprint;
    }

    private static String hash(String fingerprint) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(SALT)
                .withMemoryAsKB(16 * 1024)
                .withIterations(3)
                .withParallelism(1)
                .build();
        Argon2BytesGenerator gen = new Argon2BytesGenerator();
        gen.init(params);
        byte[] out = new byte[16];
        gen.generateBytes(fingerprint.getBytes(StandardCharsets.US_ASCII), out);
        String digits = String.format("%08d", new BigInteger(1, out).mod(TEN_TO_8));
        return digits.substring(0, 4) + " " + digits.substring(4);
    }
}
