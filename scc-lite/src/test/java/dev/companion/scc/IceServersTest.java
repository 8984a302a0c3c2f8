package dev.companion.scc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.p2p.link.HostPort;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Messages;
import dev.companion.scc.ice.IceSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ice_servers: the control center's own STUN server (at the address the terminal reached it at) and
 * the TURN relays with short-lived TURN REST credentials that coturn can check with the shared
 * secret; asked before login it is refused like any request.
 */
class IceServersTest {
    @TempDir
    Path dir;
    Fixture f;

    @BeforeEach
    void start() throws Exception {
        f = Fixture.start(dir, List.of("alice"));
        f.cc.close();
        f.cc = ControlCenter.start(Config.of(dir).withClock(f.clock),
                new IceSettings(0, null, List.of("198.51.100.3:3478"), "s3cret", Duration.ofHours(1)));
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void aSignedInTerminalGetsTheStunAddressAndFreshTurnCredentials() throws Exception {
        TestClient alice = f.login("alice");
        Messages.IceServers s = alice.request(Messages.IceServers::request, Messages.IceServers.class);
        assertThat(f.cc.stunPort()).isPositive();
        assertThat(s.stun()).containsExactly("127.0.0.1:" + f.cc.stunPort());
        assertThat(s.turn()).containsExactly("198.51.100.3:3478");
        long expiry = f.clock.instant().plus(Duration.ofHours(1)).getEpochSecond();
        assertThat(s.username()).isEqualTo(expiry + ":alice");
        assertThat(s.expiresAt()).isEqualTo(expiry * 1000);
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec("s3cret".getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        assertThat(s.credential()).isEqualTo(Base64.getEncoder().encodeToString(
                mac.doFinal(s.username().getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void anIpv6IceHostIsWrittenWithBracketsWhetherGivenWithThemOrNot() throws Exception {
        for (String iceHost : new String[] {"fd00::7", "[fd00::7]"}) {
            f.cc.close();
            f.cc = ControlCenter.start(Config.of(dir).withClock(f.clock),
                    new IceSettings(0, iceHost, List.of(), null, Duration.ofHours(1)));
            TestClient alice = f.login("alice");
            Messages.IceServers s = alice.request(Messages.IceServers::request, Messages.IceServers.class);
            assertThat(s.stun()).as(iceHost).containsExactly("[fd00::7]:" + f.cc.stunPort());
            assertThat(HostPort.parse(s.stun().get(0)).host()).isEqualTo("fd00::7");
        }
    }

    @Test
    void beforeLoginItIsRefused() {
        TestClient stranger = f.connect();
        stranger.refused(Messages.IceServers::request, ErrorCode.NOT_LOGGED_IN);
    }
}
