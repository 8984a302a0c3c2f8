package dev.companion.app.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.companion.p2p.protocol.Codec;
import org.junit.jupiter.api.Test;

/** The agent's "focus" reports are untrusted input: read strictly, anything odd means "no field". */
class FocusReportTest {
    private static JsonNode msg(String json) throws Exception {
        return Codec.mapper().readTree(json);
    }

    @Test
    void aReportBecomesTheFocusedField() throws Exception {
        FocusedField f = AgentAnswers.focusedField(msg("{\"t\":\"focus\",\"field\":{\"selector\":\"#card\","
                + "\"reason\":\"card\",\"shared\":false,\"fixed\":false}}"), "shop.example", "0.1");
        assertThat(f).isEqualTo(new FocusedField("shop.example", "0.1", "#card", "card", false, false));
        assertThat(f.choosable()).isTrue();
        FocusedField shared = AgentAnswers.focusedField(msg("{\"field\":{\"selector\":\"#card\",\"reason\":null,"
                + "\"shared\":true}}"), "shop.example", "");
        assertThat(shared.choosable()).isTrue();
        FocusedField password = AgentAnswers.focusedField(msg("{\"field\":{\"selector\":\"#pw\",\"reason\":\"password\","
                + "\"fixed\":true}}"), "shop.example", "");
        assertThat(password.choosable()).isFalse();
        FocusedField harmless = AgentAnswers.focusedField(msg("{\"field\":{\"selector\":\"#q\"}}"), "shop.example", "");
        assertThat(harmless.reason()).isNull();
        assertThat(harmless.choosable()).isFalse(); // travels already: nothing to choose
    }

    @Test
    void oddReportsMeanNoField() throws Exception {
        for (String json : new String[] {"{\"t\":\"focus\"}", "{\"field\":null}", "{\"field\":\"#card\"}", "{\"field\":[1]}",
                "{\"field\":{\"selector\":\"#a\",\"reason\":\"because\"}}",
                "{\"field\":{\"selector\":\"" + "a".repeat(1025) + "\",\"reason\":\"card\"}}"}) {
            assertThat(AgentAnswers.focusedField(msg(json), "shop.example", "")).as(json).isNull();
        }
        // A field without a selector (none is unique) or without a site cannot be shared.
        assertThat(AgentAnswers.focusedField(msg("{\"field\":{\"reason\":\"card\"}}"), "shop.example", "").choosable()).isFalse();
        assertThat(AgentAnswers.focusedField(msg("{\"field\":{\"selector\":\"#a\",\"reason\":\"card\"}}"), null, "").choosable())
                .isFalse();
        assertThatThrownBy(() -> new FocusedField("s", "", "#a", "because", false, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("because");
    }
}
