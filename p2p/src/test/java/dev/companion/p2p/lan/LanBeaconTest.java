package dev.companion.p2p.lan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.companion.p2p.protocol.Codec;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.LanBeacon;
import dev.companion.p2p.protocol.ProtocolException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The beacon's golden fixture, and every kind of bad beacon refused with its code. */
class LanBeaconTest {
    static final String FP = "sha-256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @Test
    void theGoldenFixtureDecodesAndEncodesBack() throws Exception {
        String json;
        try (InputStream in = getClass().getResourceAsStream("/golden/lan_beacon.json")) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        LanBeacon b = LanBeacon.decode(bytes, bytes.length);
        assertThat(b).isEqualTo(LanBeacon.classroom("Room 204 · 二年级", "王老师", 47443, FP, "k3Jx9-ab_Q"));
        assertThat(Codec.mapper().readTree(b.encode())).isEqualTo(Codec.mapper().readTree(json));
    }

    @Test
    void aTerminalsBeaconIsReadAsATerminal() {
        byte[] bytes = beacon("1", "terminal", "\"Li Wei\"", "40001", FP, "t1").getBytes(StandardCharsets.UTF_8);
        LanBeacon b = LanBeacon.decode(bytes, bytes.length);
        assertThat(b).isEqualTo(LanBeacon.terminal("Li Wei", 40001, FP, "t1"));
        assertThat(b.isClassroom()).isFalse();
        assertThat(LanBeacon.classroom("Room", 1, FP, "i").isClassroom()).isTrue();
    }

    @Test
    void aClassroomsBeaconFromBeforeTheTeacherFieldIsStillHeard() throws Exception {
        byte[] bytes = beacon("1", "classroom", "\"Room\"", "47443", FP, "i").getBytes(StandardCharsets.UTF_8);
        LanBeacon b = LanBeacon.decode(bytes, bytes.length);
        assertThat(b).isEqualTo(LanBeacon.classroom("Room", 47443, FP, "i"));
        assertThat(b.teacher()).isNull();
        assertThat(Codec.mapper().readTree(b.encode()).has("teacher")).as("no teacher: no field").isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"lin.wei", "王老师", "José", "t-2@room"})
    void aTeachersUserNameIsCarried(String teacher) {
        byte[] bytes = LanBeacon.classroom("Room", teacher, 47443, FP, "i").encode();
        assertThat(LanBeacon.decode(bytes, bytes.length).teacher()).isEqualTo(teacher);
    }

    /** Every bad teacher field (JSON text as sent) is refused as MISSING_FIELD; the beacon is not heard. */
    @ParameterizedTest
    @ValueSource(strings = {
        "\"\"",                          // empty
        "\"   \"",                       // blank
        "\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"", // 65 characters
        "\"bob\\u0007\"",                // a control character
        "\"bob\\u202egnal\"",            // RLO: bidi override
        "\"bob\\u200b\"",                // zero-width space (format)
        "\"Ms Lin\"",                    // a space: not a user name
        "\"bob<script>\"",               // symbols: not a user name
        "\"Jose\\u0301\"",               // not NFC (e + combining acute)
        "[\"bob\"]",                     // mistyped
        "{\"x\":1}",                     // mistyped
    })
    void aBadTeacherIsRefused(String teacher) {
        String b = beacon("1", "classroom", "\"Room\"", "47443", FP, "i");
        assertCode(b.substring(0, b.length() - 1) + ",\"teacher\":" + teacher + "}", ErrorCode.MISSING_FIELD);
    }

    @Test
    void aTerminalsBeaconCarriesNoTeacher() {
        String b = beacon("1", "terminal", "\"Li Wei\"", "40001", FP, "t1");
        assertCode(b.substring(0, b.length() - 1) + ",\"teacher\":\"bob\"}", ErrorCode.MISSING_FIELD);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "not json",
        "[1,2]",
        "{\"type\":\"lan_beacon\"} trailing",
    })
    void whatIsNotABeaconIsABadFrame(String text) {
        assertCode(text, ErrorCode.BAD_FRAME);
    }

    @Test
    void anotherTypeIsUnknown() {
        assertCode("{\"type\":\"login\",\"user\":\"a\"}", ErrorCode.UNKNOWN_TYPE);
    }

    @Test
    void anotherProtocolIsAVersionMismatch() {
        assertCode(beacon("2", "classroom", "\"Room\"", "47443", FP, "i"), ErrorCode.VERSION_MISMATCH);
    }

    @Test
    void aMissingOrMistypedNumberIsAMissingField() {
        assertCode(beacon(null, "classroom", "\"Room\"", "47443", FP, "i"), ErrorCode.MISSING_FIELD);
        assertCode(beacon("1", "classroom", "\"Room\"", "\"many\"", FP, "i"), ErrorCode.MISSING_FIELD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"kind", "name-missing", "name-long", "name-control", "name-bidi", "port-0", "port-big",
        "fingerprint-upper", "fingerprint-short", "instance-slash", "instance-long"})
    void aBadFieldIsRefused(String which) {
        String kind = "classroom";
        String name = "\"Room\"";
        String port = "47443";
        String fp = FP;
        String instance = "i";
        switch (which) {
            case "kind" -> kind = "printer";
            case "name-missing" -> name = null;
            case "name-long" -> name = "\"" + "x".repeat(65) + "\"";
            case "name-control" -> name = "\"Room\\u0007\"";
            case "name-bidi" -> name = "\"Room\\u202e402\"";
            case "port-0" -> port = "0";
            case "port-big" -> port = "65536";
            case "fingerprint-upper" -> fp = FP.toUpperCase();
            case "fingerprint-short" -> fp = "sha-256:abcd";
            case "instance-slash" -> instance = "a/b";
            case "instance-long" -> instance = "x".repeat(33);
            default -> throw new IllegalArgumentException(which);
        }
        assertCode(beacon("1", kind, name, port, fp, instance), ErrorCode.MISSING_FIELD);
    }

    @Test
    void aDatagramLongerThanTheLimitIsRefusedUnread() {
        byte[] big = new byte[LanBeacon.MAX_BYTES + 1];
        assertThatThrownBy(() -> LanBeacon.decode(big, big.length)).isInstanceOf(ProtocolException.class)
                .satisfies(e -> assertThat(((ProtocolException) e).code()).isEqualTo(ErrorCode.FRAME_TOO_LARGE));
    }

    static String beacon(String protocol, String kind, String name, String port, String fp, String instance) {
        return "{\"type\":\"lan_beacon\"" + (protocol == null ? "" : ",\"protocol\":" + protocol) + ",\"kind\":\"" + kind + "\""
                + (name == null ? "" : ",\"name\":" + name) + ",\"port\":" + port + ",\"fingerprint\":\"" + fp
                + "\",\"instance\":\"" + instance + "\"}";
    }

    private static void assertCode(String text, ErrorCode code) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> LanBeacon.decode(bytes, bytes.length)).isInstanceOf(ProtocolException.class)
                .satisfies(e -> assertThat(((ProtocolException) e).code()).as(text).isEqualTo(code));
    }
}
