package dev.companion.p2p.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** HOST:PORT text: the forms read, and each bad form refused with its one-line reason. */
class HostPortTest {
    @Test
    void readsANameAnIpv4AndABracketedIpv6Address() {
        assertThat(HostPort.parse("cc.example.org:7700")).isEqualTo(new HostPort("cc.example.org", 7700));
        assertThat(HostPort.parse("127.0.0.1:1")).isEqualTo(new HostPort("127.0.0.1", 1));
        assertThat(HostPort.parse("[::1]:65535")).isEqualTo(new HostPort("::1", 65535));
        assertThat(HostPort.parse("[fd00::2]:443").toString()).isEqualTo("[fd00::2]:443");
        assertThat(HostPort.parse("localhost:080").toString()).isEqualTo("localhost:80");
    }

    @Test
    void refusesEachBadFormSayingWhy() {
        refused("nocolon", "\"nocolon\": no port");
        refused("host:", "\"host:\": no port");
        refused("", "\"\": it is empty");
        refused(":7700", "\":7700\": no host");
        refused("[]:7700", "an IPv6 address goes between [ and ]");
        refused("::1:7700", "an IPv6 address goes between [ and ]");
        refused("[::1:7700", "an IPv6 address goes between [ and ]");
        refused("host:0", "\"host:0\": the port must be 1..65535");
        refused("host:70000", "\"host:70000\": the port must be 1..65535");
        refused("host:99999999999", "the port must be a number 1..65535");
        refused("host:http", "\"host:http\": the port must be a number 1..65535");
        refused("host:+80", "the port must be a number 1..65535");
        refused("host:-1", "the port must be a number 1..65535");
        refused(" :80", "no host");
    }

    @Test
    void routesReadTheSameFormsAndResolveThem() {
        assertThat(Routes.parse("127.0.0.1:9")).isEqualTo(new InetSocketAddress("127.0.0.1", 9));
        assertThat(Routes.parse(Routes.format("::1", 9)).getPort()).isEqualTo(9);
        assertThatThrownBy(() -> Routes.parse("127.0.0.1:0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the port must be 1..65535");
    }

    private static void refused(String text, String why) {
        assertThatThrownBy(() -> HostPort.parse(text)).as(text).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("HOST:PORT expected, got \"" + text + "\": ").hasMessageContaining(why)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
