package dev.companion.app.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Sites and origins as the page agent sees them (location.origin), from Chromium's canonical URLs. */
class SitesTest {
    @Test
    void originsAreSchemeHostAndPortWithoutTheDefaultPort() {
        assertThat(Sites.originOf("http://127.0.0.1:8080/a/b?c=d#e")).isEqualTo("http://127.0.0.1:8080");
        assertThat(Sites.originOf("https://shop.example.org/")).isEqualTo("https://shop.example.org");
        assertThat(Sites.originOf("https://Shop.Example.org:443/x")).isEqualTo("https://shop.example.org");
        assertThat(Sites.originOf("http://example.org:80")).isEqualTo("http://example.org");
        assertThat(Sites.originOf("https://user:secret@bank.example:8443/login")).isEqualTo("https://bank.example:8443");
        assertThat(Sites.originOf("http://[::1]:9000/")).isEqualTo("http://[::1]:9000");
        assertThat(Sites.originOf("http://example.org?q=1")).isEqualTo("http://example.org");
    }

    @Test
    void pagesThatAreNotWebPagesHaveNoSite() {
        for (String url : new String[] {null, "", "about:blank", "about:srcdoc", "data:text/html,<input>",
                "file:///etc/passwd", "javascript:alert(1)", "chrome://version", "http://", "https:///path"}) {
            assertThat(Sites.originOf(url)).as(url).isNull();
            assertThat(Sites.siteOf(url)).as(url).isNull();
        }
    }

    @Test
    void aSiteIsTheHostName() {
        assertThat(Sites.siteOf("http://127.0.0.1:8080/x")).isEqualTo("127.0.0.1");
        assertThat(Sites.siteOf("https://login.bank.example/")).isEqualTo("login.bank.example");
        assertThat(Sites.siteOf("http://[::1]:9000/")).isEqualTo("[::1]");
        assertThat(Sites.withParents("login.bank.example")).containsExactly("login.bank.example", "bank.example", "example");
        assertThat(Sites.withParents("127.0.0.1")).containsExactly("127.0.0.1");
        assertThat(Sites.withParents("[::1]")).containsExactly("[::1]");
    }

    @Test
    void aBadSiteNameIsRefusedWithTheReason() {
        for (String bad : new String[] {null, "", "Bank.example", "bank example", "bank.example/path", "x".repeat(254),
                "<script>", "bank.example:443"}) {
            assertThatThrownBy(() -> Sites.check(bad)).as(String.valueOf(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("site");
        }
        assertThat(Sites.check("xn--fiqs8s.example")).isEqualTo("xn--fiqs8s.example");
    }
}
