package dev.companion.scc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.p2p.net.Endpoint;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that completes TLS and then sends TLS 1.3 KeyUpdate messages, 60,000 of them, never
 * signing in (a JDK client's startHandshake() in a loop). MINA's TLS handler once answered them by
 * recursing once per KeyUpdate in what it read: the StackOverflowError killed the I/O processor
 * thread and every connection on it stopped getting answers. Here the control center has one I/O
 * thread, so every client shares it with the flooder.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class KeyUpdateFloodTest {
    @TempDir
    Path dir;

    @Test
    void aFloodOfKeyUpdatesLeavesTheIoThreadAndEveryOtherClientWorking() throws Exception {
        try (Fixture f = Fixture.start(dir, Endpoint.CONTROL_CENTER.withIoThreads(1), List.of("alice", "bob", "carol"))) {
            TestClient alice = f.login("alice");
            TestClient bob = f.login("bob");
            SSLContext ctx = SSLContext.getInstance("TLSv1.3");
            ctx.init(null, new TrustManager[] {new TrustAnything()}, null);
            int sent = 0;
            try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket()) {
                s.connect(new InetSocketAddress("127.0.0.1", f.cc.port()), 10_000);
                s.startHandshake();
                assertThat(s.getSession().getProtocol()).isEqualTo("TLSv1.3");
                for (; sent < 60_000; sent++) {
                    s.startHandshake(); // after the handshake, in TLS 1.3: a KeyUpdate asking for one back
                }
                // the I/O thread is alive: those signed in before are answered, a new sign-in gets in
                alice.ping(1);
                bob.ping(2);
                f.login("carol").ping(3);
            }
            assertThat(sent).isEqualTo(60_000);
            alice.ping(4);
        }
    }

    private static final class TrustAnything implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
