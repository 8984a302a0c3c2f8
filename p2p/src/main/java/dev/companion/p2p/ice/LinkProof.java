package dev.companion.p2p.ice;

import dev.companion.p2p.tls.Identity;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.function.Predicate;

/**
 * The QUIC client's proof of identity, the first bytes on the link's stream (docs/protocol.md, "The
 * ICE path"). A QUIC server made with Kwik cannot ask for a client certificate, so the server sends a
 * fresh 32-byte challenge and the client answers with its certificate and an ECDSA signature over
 * the context string, the challenge and the server's fingerprint. The server checks that the
 * certificate's fingerprint is one it expects and that the signature verifies. Only the key's owner
 * can sign, and the signature names the server it was made for, so it cannot be relayed to another.
 */
public final class LinkProof {
    static final int CHALLENGE_BYTES = 32;
    /** A certificate or signature longer than this is refused before it is read. */
    static final int MAX_PART = 4096;
    private static final byte[] CONTEXT = "companion link proof v1".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private LinkProof() {
    }

    /** A proof that could not be checked: the message says why (for the log). */
    public static final class Refused extends IOException {
        Refused(String message) {
            super(message);
        }
    }

    static byte[] challenge() {
        byte[] c = new byte[CHALLENGE_BYTES];
        RANDOM.nextBytes(c);
        return c;
    }

    /** The client's answer to challenge from the server with fingerprint serverFingerprint. */
    static void answer(Identity me, byte[] challenge, String serverFingerprint, OutputStream out) throws IOException {
        try {
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initSign(me.key());
            s.update(signed(challenge, serverFingerprint));
            byte[] sig = s.sign();
            byte[] cert = me.certificate().getEncoded();
            DataOutputStream d = new DataOutputStream(out);
            d.writeShort(cert.length);
            d.write(cert);
            d.writeShort(sig.length);
            d.write(sig);
            d.flush();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot sign the link proof", e);
        }
    }

    /**
     * Reads the client's answer to challenge; returns the fingerprint of the proven certificate.
     *
     * @throws Refused when the answer is malformed, the certificate is not one accepted allows, or the
     *                 signature does not verify
     */
    static String check(InputStream in, byte[] challenge, String ownFingerprint, Predicate<String> accepted) throws IOException {
        DataInputStream d = new DataInputStream(in);
        byte[] cert = part(d, "certificate");
        byte[] sig = part(d, "signature");
        X509Certificate x;
        try {
            x = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(cert));
            x.checkValidity();
        } catch (CertificateException e) {
            throw new Refused("link proof: not a valid certificate (" + e.getMessage() + ")");
        }
        String fp = Identity.fingerprint(x);
        if (!accepted.test(fp)) {
            throw new Refused("link proof: certificate " + fp + " is not one this terminal expects");
        }
        try {
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initVerify(x.getPublicKey());
            s.update(signed(challenge, ownFingerprint));
            if (!s.verify(sig)) {
                throw new Refused("link proof: the signature of " + fp + " does not verify");
            }
        } catch (GeneralSecurityException e) {
            throw new Refused("link proof: the signature of " + fp + " cannot be checked (" + e.getMessage() + ")");
        }
        return fp;
    }

    private static byte[] part(DataInputStream d, String what) throws IOException {
        int n = d.readUnsignedShort();
        if (n == 0 || n > MAX_PART) {
            throw new Refused("link proof: " + what + " of " + n + " bytes");
        }
        byte[] b = new byte[n];
        d.readFully(b);
        return b;
    }

    private static byte[] signed(byte[] challenge, String serverFingerprint) {
        byte[] fp = serverFingerprint.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[CONTEXT.length + challenge.length + fp.length];
        System.arraycopy(CONTEXT, 0, all, 0, CONTEXT.length);
        System.arraycopy(challenge, 0, all, CONTEXT.length, challenge.length);
        System.arraycopy(fp, 0, all, CONTEXT.length + challenge.length, fp.length);
        return all;
    }
}
