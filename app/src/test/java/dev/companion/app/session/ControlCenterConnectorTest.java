package dev.companion.app.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.app.session.ControlCenterConnector.Verdict;
import dev.companion.app.session.ControlCenterState.Status;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.ProtocolException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** What the reconnect loop makes of each way an attempt can fail (the loop itself: testkit SessionRecoveryTest). */
class ControlCenterConnectorTest {
    @Test
    void aRefusedTokenAsksForThePasswordAndAnotherProtocolStops() {
        Verdict refused = ControlCenterConnector.judge(new CompletionException(
                new ProtocolException(ErrorCode.BAD_CREDENTIALS, "unknown user or wrong password")));
        assertThat(refused.status()).isEqualTo(Status.PASSWORD_NEEDED);
        assertThat(refused.reason()).contains("BAD_CREDENTIALS");
        Verdict version = ControlCenterConnector.judge(new ProtocolException(ErrorCode.VERSION_MISMATCH, "update Companion"));
        assertThat(version).isEqualTo(new Verdict(Status.OFFLINE, "update Companion", Duration.ZERO));
    }

    @Test
    void aThrottledOrBusyControlCenterIsGivenTheTimeItAsksFor() {
        assertThat(ControlCenterConnector.judge(new ProtocolException(ErrorCode.TOO_MANY_ATTEMPTS, "wait", 4_000L)))
                .isEqualTo(new Verdict(Status.WAITING, "TOO_MANY_ATTEMPTS: wait", Duration.ofSeconds(4)));
        assertThat(ControlCenterConnector.judge(new ProtocolException(ErrorCode.BUSY, "busy", 250L)).atLeast())
                .isEqualTo(Duration.ofMillis(250));
        // a hostile or broken control center cannot park the loop for a year, nor make it hurry
        assertThat(ControlCenterConnector.judge(new ProtocolException(ErrorCode.BUSY, "busy", 365L * 24 * 3600 * 1000))
                .atLeast()).isEqualTo(Duration.ofMinutes(15));
        assertThat(ControlCenterConnector.judge(new ProtocolException(ErrorCode.BUSY, "busy", -5L)).atLeast())
                .isEqualTo(Duration.ZERO);
    }

    @Test
    void networkTlsAndTimeoutsWaitForTheBackOff() {
        for (Throwable t : new Throwable[] {new IOException("connection refused"), new SSLHandshakeException("TLS failed"),
                new TimeoutException("no answer"), new ProtocolException(ErrorCode.INTERNAL, "oops")}) {
            Verdict v = ControlCenterConnector.judge(new CompletionException(t));
            assertThat(v.status()).as(t.toString()).isEqualTo(Status.WAITING);
            assertThat(v.atLeast()).isEqualTo(Duration.ZERO);
        }
    }
}
