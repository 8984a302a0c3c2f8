package dev.companion.p2p.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Text from the other side cannot steer the operator's terminal or forge log lines. */
class LogTextTest {
    @Test
    void controlFormatAndSeparatorCharactersAreEscaped() {
        String evil = "t\u0007\u001b[31mred\u202eevil\r\nFAKE LINE\u2028\u200d\u0000";
        String safe = LogText.of(evil);
        assertThat(safe).doesNotContain("\u0007", "\u001b", "\u202e", "\r", "\n", "\u2028", "\u200d", "\u0000");
        assertThat(safe).isEqualTo("t\\u0007\\u001b[31mred\\u202eevil\\u000d\\u000aFAKE LINE\\u2028\\u200d\\u0000");
    }

    @Test
    void ordinaryTextIsKeptAsItIs() {
        assertThat(LogText.of("alice")).isEqualTo("alice");
        assertThat(LogText.of("李雷 · café 😀")).isEqualTo("李雷 · café 😀");
        assertThat(LogText.of(null)).isEqualTo("null");
    }

    @Test
    void backslashesAreDoubledSoAnEscapeCannotBeFaked() {
        assertThat(LogText.of("a\\u0007")).isEqualTo("a\\\\u0007");
    }

    @Test
    void longTextIsCutAndAPairIsNeverSplit() {
        assertThat(LogText.of("x".repeat(500))).isEqualTo("x".repeat(LogText.MAX) + "…");
        String s = "x".repeat(LogText.MAX - 1) + "😀" + "tail";
        assertThat(LogText.of(s)).isEqualTo("x".repeat(LogText.MAX - 1) + "😀…");
        assertThat(LogText.of("\ud800x")).isEqualTo("\\ud800x");
    }

    @Test
    void anErrorWithoutRetryAfterLeavesItOutAndKeepsANullReq() {
        assertThat(Codec.encodeToString(new Messages.Error(null, ErrorCode.BAD_FRAME, "x")))
                .isEqualTo("{\"type\":\"error\",\"req\":null,\"code\":\"BAD_FRAME\",\"message\":\"x\"}");
        assertThat(Codec.decode("{\"type\":\"error\",\"req\":3,\"code\":\"BUSY\",\"message\":\"m\",\"retryAfter\":1000}"))
                .isEqualTo(new Messages.Error(3L, ErrorCode.BUSY, "m", 1000L));
    }
}
