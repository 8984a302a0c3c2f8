package dev.companion.scc.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.ProtocolException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The throttle's bookkeeping on its own: growth, cap, forgetting, bounded memory, address keys. */
class AttemptsTest {
    /** A failed password check, whether or not check would have let it through. */
    private static void fail(LoginThrottle t, String user, String address, long now) {
        t.started(user, address);
        t.finished(user, address, false, true, now);
    }

    private static long retryAfter(LoginThrottle t, String user, String address, long now) {
        try {
            t.check(user, address, now);
            return 0;
        } catch (ProtocolException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_ATTEMPTS);
            return e.retryAfter();
        }
    }

    @Test
    void theWaitDoublesUpToItsCapAndIsForgottenAfterAQuietHour() {
        Attempts a = new Attempts(5, 1000, 15 * 60_000, 3_600_000, 100);
        long now = 0;
        for (int i = 0; i < 5; i++) {
            a.started("alice");
            a.finished("alice", true, false, now);
            assertThat(a.wait("alice", now)).as("free failure %d", i + 1).isEqualTo(i < 4 ? 0 : 1000);
        }
        long[] expected = {2000, 4000, 8000, 16_000, 32_000, 64_000, 128_000, 256_000, 512_000, 900_000, 900_000};
        for (long wait : expected) {
            a.started("alice");
            a.finished("alice", true, false, now);
            assertThat(a.wait("alice", now)).isEqualTo(wait);
        }
        assertThat(a.wait("alice", now + 900_000)).isZero();
        assertThat(a.wait("alice", now + 3_600_001)).isZero();
        assertThat(a.size()).as("forgotten").isZero();
    }

    @Test
    void memoryStaysBoundedWhateverTheNumberOfAddresses() {
        LoginThrottle t = new LoginThrottle(LoginLimits.DEFAULT.withMaxTracked(100));
        for (int i = 0; i < 10_000; i++) {
            fail(t, "user" + i, "10.0." + (i / 256) + "." + (i % 256), i);
        }
        assertThat(t.tracked()).isLessThanOrEqualTo(200);
    }

    @Test
    void aSuccessForgetsTheAccountButNotTheAddress() {
        LoginThrottle t = new LoginThrottle(LoginLimits.DEFAULT);
        for (int i = 0; i < 20; i++) {
            fail(t, "alice", "10.0.0." + i, 0);
            fail(t, "x" + i, "192.0.2.1", 0);
        }
        assertThat(retryAfter(t, "alice", "10.0.0.99", 0)).isPositive();
        t.started("alice", "10.0.0.99");
        t.finished("alice", "10.0.0.99", true, true, 0);
        assertThat(retryAfter(t, "alice", "10.0.0.99", 0)).isZero();
        t.started("mallory", "192.0.2.1");
        t.finished("mallory", "192.0.2.1", true, true, 0);
        assertThat(retryAfter(t, "someone", "192.0.2.1", 0)).isPositive();
    }

    @Test
    void oneAccountIsCheckedOnceAtATimeAndOneAddressAFewTimes() {
        LoginThrottle t = new LoginThrottle(LoginLimits.DEFAULT);
        t.started("alice", "192.0.2.1");
        assertThatThrownBy(() -> t.check("alice", "198.51.100.1", 0)).isInstanceOf(ProtocolException.class);
        for (int i = 1; i < LoginLimits.DEFAULT.addressInFlight(); i++) {
            t.check("u" + i, "192.0.2.1", 0);
            t.started("u" + i, "192.0.2.1");
        }
        assertThat(retryAfter(t, "another", "192.0.2.1", 0)).isEqualTo(1000);
        t.finished("alice", "192.0.2.1", true, false, 0); // never ran (BUSY): nothing counted
        t.check("alice", "198.51.100.1", 0);
    }

    @Test
    void anIpv6ClientIsCountedByIts64AndAnIpv4OneByItsAddress() throws Exception {
        String a = LoginThrottle.addressKey(new InetSocketAddress(InetAddress.getByName("2001:db8:1:2:aaaa::1"), 1));
        String b = LoginThrottle.addressKey(new InetSocketAddress(InetAddress.getByName("2001:db8:1:2:ffff::9"), 2));
        String c = LoginThrottle.addressKey(new InetSocketAddress(InetAddress.getByName("2001:db8:1:3::1"), 1));
        assertThat(a).isEqualTo(b).isEqualTo("20010db800010002::/64").isNotEqualTo(c);
        assertThat(LoginThrottle.addressKey(new InetSocketAddress(InetAddress.getByName("::ffff:192.0.2.7"), 1)))
                .isEqualTo("192.0.2.7");
        assertThat(LoginThrottle.addressKey(new InetSocketAddress(InetAddress.getByName("192.0.2.7"), 1))).isEqualTo("192.0.2.7");
    }

    @Test
    void limitsAreChecked() {
        assertThatThrownBy(() -> new LoginLimits(5, 20, Duration.ZERO, Duration.ofMinutes(1), Duration.ofHours(1), 10, 1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
