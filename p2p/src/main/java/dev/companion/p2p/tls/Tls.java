package dev.companion.p2p.tls;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.ssl.SslFilter;

/**
 * TLS 1.3 contexts for the control center and the peer link, with fingerprint pinning. The MINA
 * filters that use them are built by {@code dev.companion.p2p.net.FramedTls}.
 */
public final class Tls {
    /** The DNS name every Companion certificate carries; identity is the fingerprint, not the name. */
    public static final String PEER_NAME = "peer.invalid";
    public static final String[] PROTOCOLS = {"TLSv1.3"};
    private static final int SHARED_MAX = 64;
    private static final Map<SharedKey, SSLContext> SHARED = new ConcurrentHashMap<>();

    /** Identity compares by instance (one object per loaded or created identity). */
    private record SharedKey(Identity identity, String pinned) {
    }

    private Tls() {
    }

    /**
     * An SSLContext presenting identity and trusting exactly the certificates whose fingerprint
     * accepted allows (pass {@code fp -> true} on a server that does not ask for client certificates).
     */
    public static SSLContext context(Identity identity, Predicate<String> accepted) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            char[] pw = "x".toCharArray();
            ks.setKeyEntry("identity", identity.key(), pw, new Certificate[] {identity.certificate()});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pw);
            SSLContext ctx = SSLContext.getInstance("TLSv1.3");
            ctx.init(kmf.getKeyManagers(), new TrustManager[] {new PinnedTrustManager(accepted)}, new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot build TLS context", e);
        }
    }

    /**
     * A client context presenting identity and trusting exactly the certificate with fingerprint
     * pinned, the same instance for every caller with the same identity and pin. Sharing it shares the
     * JDK's client session cache (per host and port), so that a new connection, even from a new
     * client object, resumes the TLS 1.3 session of an earlier one (no certificate, no signature)
     * instead of making a full handshake. Pinning holds: a session enters the cache only after a full
     * handshake in which this context's trust manager accepted the pinned certificate, resuming it
     * takes that session's secret, which only that server has, and another pin or identity gets
     * another context, with its own cache. At most {@value #SHARED_MAX} contexts are kept.
     */
    public static SSLContext sharedClientContext(Identity identity, String pinned) {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(pinned, "pinned");
        SharedKey key = new SharedKey(identity, pinned);
        SSLContext ctx = SHARED.get(key);
        if (ctx != null) {
            return ctx;
        }
        if (SHARED.size() >= SHARED_MAX) {
            SHARED.clear(); // one per control center and per peer linked to: a handful; this only bounds growth
        }
        return SHARED.computeIfAbsent(key, k -> context(identity, pinned::equals));
    }

    /** The fingerprint of the certificate the other side of session presented, or null. */
    public static String peerFingerprint(IoSession session) {
        Object s = session.getAttribute(SslFilter.SSL_SECURED);
        if (s instanceof SSLSession ssl) {
            try {
                Certificate[] chain = ssl.getPeerCertificates();
                if (chain.length > 0 && chain[0] instanceof X509Certificate x) {
                    return Identity.fingerprint(x);
                }
            } catch (SSLPeerUnverifiedException e) {
                return null;
            }
        }
        return null;
    }
}
