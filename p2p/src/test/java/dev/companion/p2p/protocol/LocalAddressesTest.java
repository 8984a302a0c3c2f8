package dev.companion.p2p.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalAddressesTest {
    @ParameterizedTest
    @ValueSource(strings = {
        "http://127.0.0.1:48080/", "http://localhost/", "http://LOCALHOST./admin", "http://app.localhost/",
        "http://10.0.0.1/", "http://172.16.5.4/", "http://172.31.255.255/", "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data/", "http://100.64.0.1/", "http://0.0.0.0/", "http://224.0.0.1/",
        "http://255.255.255.255/", "http://198.18.0.1/", "http://192.0.0.8/",
        "http://[::1]/", "http://[fe80::1]/", "http://[fd12:3456::1]/", "http://[::]/", "http://[::ffff:192.168.0.1]/",
        "http://[::ffff:7f00:1]/", "http://[64:ff9b::a00:1]/", "http://[ff02::1]/",
        "http://2130706433/", "http://0x7f.1/", "http://0177.0.0.1/", "http://127.1/", "http://3232235777/",
        "http://router/", "http://nas.local/", "http://printer.lan/", "http://db.internal/", "http://box.home.arpa/",
        "https://user:pw@192.168.0.10:8443/x", "http://10.1.2.3.:80/"
    })
    void localAddressesAndNamesAreLocal(String url) {
        assertThat(LocalAddresses.isLocal(url)).as(url).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "https://example.org/", "https://shop.example/product/1", "http://93.184.216.34/", "http://8.8.8.8/",
        "http://172.32.0.1/", "http://172.15.255.255/", "http://100.128.0.1/", "http://192.169.0.1/",
        "http://[2606:4700::1111]/", "http://shop.test/", "https://tea.example.cn/购物车", "http://1.1.1.1:8080/x"
    })
    void publicAddressesAndNamesAreNot(String url) {
        assertThat(LocalAddresses.isLocal(url)).as(url).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a url", "", "mailto:a@b.c", "http://"})
    void whatHasNoHostIsNotLocal(String url) {
        assertThat(LocalAddresses.isLocal(url)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void aGroupFollowsLocalPagesOnlyWhenItAllowsThem() {
        var members = java.util.List.of(new Messages.Member("alice", "t-a", Role.LEADER));
        var closed = new Messages.GroupState("g1", "alice", Mode.MUTUAL, Following.AUTO, Scope.FULL, members);
        var open = new Messages.GroupState("g1", 1, "alice", Mode.MUTUAL, Following.AUTO, Scope.FULL,
                java.util.List.of(), java.util.List.of(), members, true);
        Action toRouter = Action.navigate("http://192.168.1.1/admin", NavigationCause.USER);
        Action onRouter = new Action.Click("http://192.168.1.1/admin", "", "#reboot");
        Action onShop = new Action.Click("https://shop.example/", "", "#buy");
        assertThat(GroupSettings.inScope(closed, toRouter)).isFalse();
        assertThat(GroupSettings.inScope(closed, onRouter)).isFalse();
        assertThat(GroupSettings.inScope(closed, onShop)).isTrue();
        assertThat(GroupSettings.inScope(open, toRouter)).isTrue();
        assertThat(GroupSettings.inScope(open, onRouter)).isTrue();
        // on the wire: absent when false (old bytes unchanged), true round-trips
        assertThat(new String(Codec.encode(closed), java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("localAddresses");
        assertThat(((Messages.GroupState) Codec.decode(Codec.encode(open))).localAddresses()).isTrue();
    }
}
