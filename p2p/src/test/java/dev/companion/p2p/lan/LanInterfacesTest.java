package dev.companion.p2p.lan;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which interface a classroom is hosted on by default, whatever order the system lists them in (the
 * addresses only: the interfaces themselves come from tools/testkit's LanInterfacesLabTest, where a
 * namespace has two).
 */
class LanInterfacesTest {
    private static LanInterfaces.Lan lan(String address) throws Exception {
        return new LanInterfaces.Lan(null, (Inet4Address) InetAddress.getByName(address));
    }

    @Test
    void thePrivateAddressIsPreferredWhereverItIsListed() throws Exception {
        LanInterfaces.Lan school = lan("192.168.4.20");
        LanInterfaces.Lan vpn = lan("100.96.0.7");
        LanInterfaces.Lan other = lan("198.18.7.1");
        assertThat(LanInterfaces.preferred(List.of(vpn, other, school))).isSameAs(school);
        assertThat(LanInterfaces.preferred(List.of(school, vpn))).isSameAs(school);
        assertThat(LanInterfaces.preferred(List.of(other, lan("10.9.0.1")))).extracting(l -> l.address().getHostAddress())
                .isEqualTo("10.9.0.1");
        assertThat(LanInterfaces.preferred(List.of(other, lan("172.20.1.1")))).extracting(l -> l.address().getHostAddress())
                .isEqualTo("172.20.1.1");
    }

    @Test
    void withoutAPrivateAddressTheFirstAndWithNoneNothing() throws Exception {
        LanInterfaces.Lan first = lan("198.18.7.1");
        assertThat(LanInterfaces.preferred(List.of(first, lan("100.96.0.7")))).isSameAs(first);
        assertThat(LanInterfaces.preferred(List.of())).isNull();
    }
}
