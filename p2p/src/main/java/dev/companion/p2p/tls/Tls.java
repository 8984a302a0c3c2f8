package dev.companion.p2p.tls;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.function.Predicate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.ssl.SslFilter;

/** TLS 1.3 contexts for the control center and the peer link, with fingerprint pinning. */
public final class Tls {
    /** The DNS name every Companion certificate carries; identity is the fingerprint, not the name. */
    public static final String PEER_NAME = "peer.invalid";
    public static final String[] PROTOCOLS = {"TLSv1.3"};

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
     * A MINA SSL filter for a server side; needClientAuth makes the client show its certificate.
     * Uses MINA's blocking TLS pipeline: see {@link #clientFilter}.
     */
    public static SslFilter serverFilter(SSLContext ctx, boolean needClientAuth) {
        SslFilter f = new SslFilter(ctx);
        f.setEnabledProtocols(PROTOCOLS);
        f.setNeedClientAuth(needClientAuth);
        f.setUseNonBlockingPipeline(false);
        return f;
    }

    /**
     * A MINA SSL filter for a client side.
     *
     * <p>Both filters use MINA's blocking TLS pipeline (SSLHandlerG0). MINA 2.2.10's default
     * non-blocking one (SSLHandlerG1) runs handshake tasks on its own executor and then (1) keeps
     * application data that arrived along with the peer's Finished undelivered until the next read
     * (with client certificates, a peer's first message waits for the idle timeout), and (2) swallows
     * a certificate refused by the trust manager, leaving the connection hanging instead of failing.
     */
    public static SslFilter clientFilter(SSLContext ctx) {
        SslFilter f = new SslFilter(ctx);
        f.setEnabledProtocols(PROTOCOLS);
        f.setUseNonBlockingPipeline(false);
        return f;
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
