package dev.companion.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.app.privacy.SitePolicy;
import dev.companion.app.privacy.SitePrivacy;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The privacy rules a frame's page agent gets with its config (no browser needed). */
class PrivacyConfigTest {
    @Test
    void eachOriginOfTheFrameAndTheFramesAroundItHasItsRules() {
        SitePrivacy privacy = SitePrivacy.inMemory();
        privacy.setPolicy("bank.example", SitePolicy.NOTHING_TYPED);
        privacy.share("pay.example", "#note");
        privacy.share("bank.example", "#ignored-here");
        Map<String, Object> config = PrivacyConfig.of(List.of("https://pay.example/frame?x=1",
                "https://login.bank.example:8443/", "https://pay.example/", "about:blank"), privacy);
        assertThat(config).isEqualTo(Map.of("sites", Map.of(
                "https://pay.example", Map.of("nothing", false, "shared", List.of("#note")),
                "https://login.bank.example:8443", Map.of("nothing", true, "shared", List.of()))));
    }

    @Test
    void aFrameWithoutAWebUrlGetsOnlyTheRulesAroundIt() {
        Map<String, Object> config = PrivacyConfig.of(Arrays.asList("about:srcdoc", null, "http://127.0.0.1:5000/"),
                SitePrivacy.inMemory());
        assertThat(config).isEqualTo(Map.of("sites", Map.of(
                "http://127.0.0.1:5000", Map.of("nothing", false, "shared", List.of()))));
    }
}
