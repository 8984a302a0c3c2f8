package dev.companion.p2p.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Bad input decodes to nothing but a ProtocolException with the code to answer. */
class CodecBadInputTest {
    private static ErrorCode codeOf(String json) {
        ProtocolException e = catchThrowableOfType(ProtocolException.class, () -> Codec.decode(json));
        assertThat(e).as("decoding %s", json).isNotNull();
        return e.code();
    }

    @Test
    void notJson() {
        assertThat(codeOf("this is not json")).isEqualTo(ErrorCode.BAD_FRAME);
        assertThat(codeOf("{\"type\":\"ping\",")).isEqualTo(ErrorCode.BAD_FRAME);
        ProtocolException e = catchThrowableOfType(ProtocolException.class,
                () -> Codec.decode(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1}));
        assertThat(e.code()).isEqualTo(ErrorCode.BAD_FRAME);
    }

    @Test
    void notAnObject() {
        assertThat(codeOf("[1,2,3]")).isEqualTo(ErrorCode.BAD_FRAME);
        assertThat(codeOf("\"ping\"")).isEqualTo(ErrorCode.BAD_FRAME);
        assertThat(codeOf("42")).isEqualTo(ErrorCode.BAD_FRAME);
    }

    @Test
    void unknownType() {
        assertThat(codeOf("{\"type\":\"teleport\",\"to\":\"mars\"}")).isEqualTo(ErrorCode.UNKNOWN_TYPE);
    }

    @Test
    void missingFields() {
        assertThat(codeOf("{\"to\":\"bob\"}")).isEqualTo(ErrorCode.MISSING_FIELD);
        assertThat(codeOf("{\"type\":\"contact_add\",\"req\":1}")).isEqualTo(ErrorCode.MISSING_FIELD);
        assertThat(codeOf("{\"type\":\"contact_add\",\"req\":1,\"user\":\"\"}")).isEqualTo(ErrorCode.MISSING_FIELD);
        assertThat(codeOf("{\"type\":\"ok\"}")).isEqualTo(ErrorCode.MISSING_FIELD);
        assertThat(codeOf("{\"type\":\"ping\"}")).isEqualTo(ErrorCode.MISSING_FIELD);
        assertThat(codeOf("{\"type\":\"peer_hello\",\"protocol\":1,\"user\":\"a\",\"terminal\":\"t\"}"))
                .isEqualTo(ErrorCode.MISSING_FIELD);
        assertThat(codeOf("{\"type\":\"action\",\"group\":\"g\",\"from\":\"a\",\"seq\":0,"
                + "\"action\":{\"kind\":\"click\",\"selector\":\"#b\"}}")).isEqualTo(ErrorCode.MISSING_FIELD);
        assertThat(codeOf("{\"type\":\"action\",\"group\":\"g\",\"from\":\"a\",\"seq\":1,"
                + "\"action\":{\"kind\":\"click\"}}")).isEqualTo(ErrorCode.MISSING_FIELD);
    }

    @Test
    void badActionKind() {
        assertThat(codeOf("{\"type\":\"action\",\"group\":\"g\",\"from\":\"a\",\"seq\":1,"
                + "\"action\":{\"kind\":\"format-disk\",\"selector\":\"#b\"}}")).isEqualTo(ErrorCode.MISSING_FIELD);
    }

    @Test
    void javascriptNavigationIsRefused() {
        assertThat(codeOf("{\"type\":\"action\",\"group\":\"g\",\"from\":\"a\",\"seq\":1,"
                + "\"action\":{\"kind\":\"navigate\",\"url\":\"javascript:alert(1)\"}}")).isEqualTo(ErrorCode.ACTION_REFUSED);
        assertThat(codeOf("{\"type\":\"action\",\"group\":\"g\",\"from\":\"a\",\"seq\":1,"
                + "\"action\":{\"kind\":\"navigate\",\"url\":\"  JavaScript:alert(1)\"}}")).isEqualTo(ErrorCode.ACTION_REFUSED);
        assertThat(codeOf("{\"type\":\"action\",\"group\":\"g\",\"from\":\"a\",\"seq\":1,"
                + "\"action\":{\"kind\":\"navigate\",\"url\":\"file:///etc/passwd\"}}")).isEqualTo(ErrorCode.ACTION_REFUSED);
    }

    @Test
    void requestIdOfABadFrameIsReadWhenPossible() {
        assertThat(Codec.requestIdOf("{\"type\":\"contact_add\",\"req\":9}".getBytes(StandardCharsets.UTF_8))).isEqualTo(9L);
        assertThat(Codec.requestIdOf("garbage".getBytes(StandardCharsets.UTF_8))).isNull();
    }

    @Test
    void unknownFieldsAreIgnored() {
        assertThat(Codec.decode("{\"type\":\"presence\",\"user\":\"bob\",\"online\":true,\"mood\":\"happy\"}"))
                .isEqualTo(new Messages.Presence("bob", true));
    }
}
