package dev.companion.p2p.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.List;
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

    /** A step's expectation is untrusted: at least one of its parts, an http(s) pattern, every part bounded. */
    @Test
    void badExpectationIsAMissingField() {
        String step = "{\"type\":\"step\",\"group\":\"g\",\"from\":\"a\",\"seq\":1,\"clock\":1,"
                + "\"actions\":[{\"kind\":\"click\",\"selector\":\"#b\"}],\"expect\":";
        String[] bad = {
            "{}",
            "{\"url\":\" \",\"text\":\"\"}",
            "{\"url\":\"javascript:alert(1)\"}",
            "{\"url\":\"file:///etc/passwd\"}",
            "{\"url\":\"http://a/" + "*".repeat(Messages.Expect.MAX_STARS + 1) + "\"}",
            "{\"url\":\"http://a/" + "x".repeat(Action.MAX_URL) + "\"}",
            "{\"element\":\"" + "p".repeat(Action.MAX_SELECTOR + 1) + "\"}",
            "{\"text\":\"" + "t".repeat(Messages.Expect.MAX_TEXT + 1) + "\"}",
        };
        for (String expect : bad) {
            assertThat(codeOf(step + expect + "}")).as(expect).isEqualTo(ErrorCode.MISSING_FIELD);
        }
        Messages.Step ok = (Messages.Step) Codec.decode(step + "{\"url\":\"HTTPS://a/*\"}}");
        assertThat(ok.expect().urlMatches("HTTPS://a/cart?x=1")).isTrue();
        assertThat(ok.expect().urlMatches("HTTPS://b/cart")).isFalse();
    }

    /** Evidence is untrusted: every string and list has a limit, names and keys a shape. */
    @Test
    void badEvidenceIsAMissingField() {
        String longText = "x".repeat(Target.MAX_TEXT + 1);
        String[] bad = {
            "{\"name\":\"" + longText + "\"}",
            "{\"context\":\"" + longText + "\"}",
            "{\"name\":\"ok\",\"headings\":[\"a\",\"b\",\"c\",\"d\"]}",
            "{\"name\":\"ok\",\"headings\":[null]}",
            "{\"name\":\"ok\",\"hosts\":[\"" + longText + "\"]}",
            "{\"tag\":\"<script>\"}",
            "{\"role\":\"button onclick\"}",
            "{\"name\":\"ok\",\"lang\":\"en; drop\"}",
            "{\"attrs\":{\"Bad Key\":\"v\"}}",
            "{\"attrs\":{\"href\":\"" + "y".repeat(Target.MAX_ATTR + 1) + "\"}}",
            "{\"attrs\":{\"a\":\"1\",\"b\":\"1\",\"c\":\"1\",\"d\":\"1\",\"e\":\"1\",\"f\":\"1\",\"g\":\"1\","
                    + "\"h\":\"1\",\"i\":\"1\",\"j\":\"1\",\"k\":\"1\",\"l\":\"1\",\"m\":\"1\"}}",
            "{\"attrs\":{\"id\":{\"nested\":1}}}",
            "{\"name\":\"ok\",\"index\":0}",
            "{\"name\":\"ok\",\"index\":4,\"count\":3}",
            "{\"name\":\"ok\",\"count\":0}",
            "{\"headings\":[\"only context\"]}", // nothing to find candidates by, and no selector
            "[\"not an object\"]",
        };
        for (String target : bad) {
            assertThat(codeOf("{\"type\":\"action\",\"group\":\"g\",\"from\":\"a\",\"seq\":1,\"clock\":1,"
                    + "\"action\":{\"kind\":\"click\",\"target\":" + target + "}}")).as(target).isEqualTo(ErrorCode.MISSING_FIELD);
        }
        assertThat(codeOf("{\"type\":\"action\",\"group\":\"g\",\"from\":\"a\",\"seq\":1,\"clock\":1,\"action\":{\"kind\":\"change\","
                + "\"selector\":\"#s\",\"value\":\"v\",\"label\":\"" + longText + "\"}}")).isEqualTo(ErrorCode.MISSING_FIELD);
        // the same evidence within its limits decodes
        assertThat(Codec.decode("{\"type\":\"action\",\"group\":\"g\",\"from\":\"a\",\"seq\":1,\"clock\":1,\"action\":{\"kind\":\"click\","
                + "\"target\":{\"name\":\"" + "x".repeat(Target.MAX_TEXT) + "\",\"index\":3,\"count\":3}}}")).isNotNull();
    }

    @Test
    void badActionKind() {
        assertThat(codeOf("{\"type\":\"action\",\"group\":\"g\",\"from\":\"a\",\"seq\":1,"
                + "\"action\":{\"kind\":\"format-disk\",\"selector\":\"#b\"}}")).isEqualTo(ErrorCode.MISSING_FIELD);
    }

    @Test
    void aMissingActionKindIsAMissingField() {
        assertThat(codeOf("{\"type\":\"action\",\"group\":\"g\",\"from\":\"a\",\"seq\":1,"
                + "\"action\":{\"selector\":\"#b\"}}")).isEqualTo(ErrorCode.MISSING_FIELD);
        assertThat(codeOf("{\"type\":\"action\",\"group\":\"g\",\"from\":\"a\",\"seq\":1,"
                + "\"action\":{\"kind\":7,\"selector\":\"#b\"}}")).isEqualTo(ErrorCode.MISSING_FIELD);
    }

    @Test
    void badEnumeratedValuesAreMissingFieldsThatNameTheAllowedOnes() {
        String member = "{\"user\":\"a\",\"terminal\":\"t\",\"role\":\"leader\",\"state\":\"here\",\"epoch\":0}";
        String group = "{\"type\":\"group\",\"group\":\"g\",\"version\":1,\"leader\":\"a\",\"mode\":\"mutual\","
                + "\"following\":\"auto\",\"scope\":\"full\",\"members\":[" + member + "]}";
        String action = "{\"type\":\"action\",\"group\":\"g\",\"from\":\"a\",\"seq\":1,\"clock\":0,\"action\":"
                + "{\"kind\":\"media\",\"selector\":\"#v\",\"value\":\"play\",\"time\":1}}";
        String nav = "{\"type\":\"action\",\"group\":\"g\",\"from\":\"a\",\"seq\":1,\"clock\":0,\"action\":"
                + "{\"kind\":\"navigate\",\"url\":\"https://a.example/\",\"cause\":\"user\"}}";
        String result = "{\"type\":\"result\",\"group\":\"g\",\"from\":\"b\",\"to\":\"a\",\"seq\":1,\"outcome\":\"applied\"}";
        String contact = "{\"type\":\"contact_update\",\"contact\":{\"user\":\"b\",\"online\":true,\"state\":\"contact\"}}";
        String proposal = "{\"type\":\"lead_proposal\",\"group\":\"g\",\"id\":\"p\",\"kind\":\"ask\",\"from\":\"a\","
                + "\"to\":\"b\",\"expiresAt\":1}";
        String catchUp = "{\"type\":\"catch_up\",\"group\":\"g\",\"from\":\"a\",\"seq\":1,\"reason\":\"join\"}";
        String dissolved = "{\"type\":\"group_dissolved\",\"group\":\"g\",\"reason\":\"left\"}";
        String groupSet = "{\"type\":\"group_set\",\"req\":1,\"group\":\"g\",\"version\":1,\"mode\":\"mutual\","
                + "\"following\":\"auto\",\"scope\":\"partial\",\"kinds\":[\"click\"]}";
        for (String good : List.of(group, action, nav, result, contact, proposal, catchUp, dissolved, groupSet)) {
            assertThat(Codec.decode(good)).as(good).isNotNull();
        }
        refused(group, "\"mode\":\"mutual\"", "\"mode\":\"anarchy\"",
                "mode must be one of [leader-follower, mutual]");
        refused(group, "\"following\":\"auto\"", "\"following\":\"AUTO\"",
                "following must be one of [auto, manual]");
        refused(group, "\"scope\":\"full\"", "\"scope\":\"some\"",
                "scope must be one of [full, partial]");
        refused(group, "\"role\":\"leader\"", "\"role\":\"boss\"",
                "role must be one of [leader, follower]");
        refused(group, "\"state\":\"here\"", "\"state\":\"gone\"",
                "member state must be one of [here, away, paused]");
        refused(group, "\"mode\":\"mutual\"", "\"mode\":1",
                "mode must be one of");
        refused(action, "\"value\":\"play\"", "\"value\":\"rewind\"",
                "media value must be one of [play, pause, seek, rate]");
        refused(action, "\"value\":\"play\"", "\"value\":null",
                "media value must be one of");
        String key = "{\"type\":\"action\",\"group\":\"g\",\"from\":\"a\",\"seq\":1,\"clock\":0,\"action\":"
                + "{\"kind\":\"key\",\"value\":\"ArrowLeft\",\"code\":\"ArrowLeft\",\"phase\":\"down\"}}";
        assertThat(Codec.decode(key)).isNotNull();
        refused(key, "\"phase\":\"down\"", "\"phase\":\"held\"", "key phase must be one of [down, up]");
        refused(key, ",\"phase\":\"down\"", "", "key phase must be one of");
        refused(key, "\"value\":\"ArrowLeft\"", "\"value\":\"\"", "key value must be 1 to 32 characters");
        refused(key, "\"value\":\"ArrowLeft\"", "\"value\":\"" + "x".repeat(33) + "\"", "key value must be 1 to 32");
        refused(key, "\"value\":\"ArrowLeft\"", "\"value\":\"a\\u0000\"", "without control characters");
        refused(key, "\"code\":\"ArrowLeft\"", "\"code\":\"Key A<script>\"", "key code must be up to 32 letters and digits");
        refused(nav, "\"cause\":\"user\"", "\"cause\":\"bot\"",
                "cause must be one of [user, page]");
        refused(result, "\"outcome\":\"applied\"", "\"outcome\":\"done\"",
                "outcome must be one of [applied, failed");
        refused(result, ",\"outcome\":\"applied\"", "",
                "missing field: outcome");
        refused(contact, "\"state\":\"contact\"", "\"state\":\"friend\"",
                "contact state must be one of [contact, pending_in, pending_out]");
        refused(proposal, "\"kind\":\"ask\"", "\"kind\":\"demand\"",
                "kind must be one of [ask, offer]");
        refused(catchUp, "\"reason\":\"join\"", "\"reason\":\"whim\"",
                "reason must be one of [join, gap]");
        refused(dissolved, "\"reason\":\"left\"", "\"reason\":\"bored\"",
                "reason must be one of [left, disconnected]");
        refused(groupSet, "[\"click\"]", "[\"click\",\"teleport\"]",
                "action kind must be one of [navigate, click");
    }

    /** json with from replaced by to is refused with MISSING_FIELD and a message that contains message. */
    private static void refused(String json, String from, String to, String message) {
        String bad = json.replace(from, to);
        assertThat(bad).isNotEqualTo(json);
        ProtocolException e = catchThrowableOfType(ProtocolException.class, () -> Codec.decode(bad));
        assertThat(e).as("decoding %s", bad).isNotNull();
        assertThat(e.code()).as(bad).isEqualTo(ErrorCode.MISSING_FIELD);
        assertThat(e.getMessage()).as(bad).contains(message);
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
    void aFieldNamedTwiceIsABadFrameWhereverItIs() {
        // Jackson alone keeps the last copy: {"type":"ping",...,"type":"login"} was a login, a second
        // "from" or "seq" silently replaced the first; another reader (a log, a proxy) may keep the first
        for (String f : List.of(
                "{\"type\":\"ping\",\"t\":1,\"type\":\"login\",\"req\":1,\"user\":\"a\",\"password\":\"p\",\"terminal\":\"t\"}",
                "{\"type\":\"chat\",\"group\":\"g\",\"from\":\"alice\",\"from\":\"bob\",\"seq\":1,\"at\":1,\"text\":\"hi\"}",
                "{\"type\":\"action\",\"group\":\"g\",\"from\":\"a\",\"seq\":1,\"seq\":9,\"clock\":0,"
                        + "\"action\":{\"kind\":\"navigate\",\"url\":\"https://a.example/\",\"cause\":\"user\"}}",
                "{\"type\":\"action\",\"group\":\"g\",\"from\":\"a\",\"seq\":1,\"clock\":0,"
                        + "\"action\":{\"kind\":\"navigate\",\"url\":\"https://a.example/\",\"url\":\"https://b.example/\",\"cause\":\"user\"}}",
                "{\"type\":\"ping\",\"t\":1,\"x\":{\"y\":[{\"z\":1,\"z\":2}]}}")) {
            ProtocolException e = catchThrowableOfType(ProtocolException.class, () -> Codec.decode(f));
            assertThat(e).as(f).isNotNull();
            assertThat(e.code()).as(f).isEqualTo(ErrorCode.BAD_FRAME);
            assertThat(e.getMessage()).as(f).isEqualTo("frame names a field twice");
            assertThat(Codec.requestIdOf(f.getBytes(StandardCharsets.UTF_8))).as("no request id from %s", f).isNull();
        }
        // the same name in different objects is not a repeat
        assertThat(Codec.decode("{\"type\":\"ping\",\"t\":1,\"x\":{\"t\":2,\"y\":{\"t\":3}}}")).isEqualTo(new Messages.Ping(1));
    }

    @Test
    void requestIdOfABadFrameIsReadWhenPossible() {
        assertThat(Codec.requestIdOf("{\"type\":\"contact_add\",\"req\":9}".getBytes(StandardCharsets.UTF_8))).isEqualTo(9L);
        assertThat(Codec.requestIdOf("garbage".getBytes(StandardCharsets.UTF_8))).isNull();
    }

    /** The tree-based reading requestIdOf replaced (it parsed every refused frame into a tree): the answers must not change. */
    private static Long requestIdByTree(byte[] payload) {
        try {
            com.fasterxml.jackson.databind.JsonNode req = Codec.mapper().readTree(payload).get("req");
            return req != null && req.canConvertToLong() ? req.asLong() : null;
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    @Test
    void requestIdOfReadsWhatTheTreeReadWithoutBuildingIt() {
        List<String> frames = List.of("{\"type\":\"contact_add\",\"req\":9}", "garbage", "x", "", "   ", "[1,2]", "12", "\"req\"",
                "null", "{}", "{\"req\":null}", "{\"req\":\"7\"}", "{\"req\":7.9}", "{\"req\":-3}", "{\"req\":1e30}",
                "{\"req\":9223372036854775807}", "{\"req\":9223372036854775808}", "{\"req\":1,\"req\":2}",
                "{\"a\":{\"req\":5},\"req\":6}", "{\"a\":{\"req\":5}}", "{\"a\":[{\"req\":5}],\"req\":true}",
                "{\"req\":4", "{\"req\":4,}", "{\"req\":4} {\"req\":5}", "{\"req\":4} x", " \t\n{\"req\":3}",
                "\uFEFF{\"req\":8}", "{\"type\":\"ping\",\"t\":1}", "{\"req\":[1],\"x\":{\"y\":[{}]}}");
        for (String f : frames) {
            byte[] payload = f.getBytes(StandardCharsets.UTF_8);
            assertThat(Codec.requestIdOf(payload)).as(f).isEqualTo(requestIdByTree(payload));
        }
        byte[] utf16 = "{\"req\":11}".getBytes(StandardCharsets.UTF_16BE);
        assertThat(Codec.requestIdOf(utf16)).isEqualTo(requestIdByTree(utf16));
    }

    @Test
    void aFrameThatCannotStartJsonIsRefusedAsBeforeWithoutTheParser() {
        for (String f : List.of("x", "garbage", "\u0001", "<xml/>", "}", ")")) {
            ProtocolException e = catchThrowableOfType(ProtocolException.class, () -> Codec.decode(f.getBytes(StandardCharsets.UTF_8)));
            assertThat(e.code()).as(f).isEqualTo(ErrorCode.BAD_FRAME);
            assertThat(e.getMessage()).as(f).isEqualTo("frame is not valid JSON");
            assertThat(e.getStackTrace()).as("a refusal carries no stack trace").isEmpty();
        }
        // what may start JSON still goes to the parser, with its answers
        assertThat(catchThrowableOfType(ProtocolException.class, () -> Codec.decode("[1]")).getMessage())
                .isEqualTo("frame is not a JSON object");
        assertThat(catchThrowableOfType(ProtocolException.class, () -> Codec.decode("nope")).getMessage())
                .isEqualTo("frame is not valid JSON");
        assertThat(catchThrowableOfType(ProtocolException.class, () -> Codec.decode("")).code()).isEqualTo(ErrorCode.BAD_FRAME);
        assertThat(Codec.decode("\uFEFF{\"type\":\"ping\",\"t\":1}")).isEqualTo(new Messages.Ping(1));
    }

    @Test
    void unknownFieldsAreIgnored() {
        assertThat(Codec.decode("{\"type\":\"presence\",\"user\":\"bob\",\"online\":true,\"mood\":\"happy\"}"))
                .isEqualTo(new Messages.Presence("bob", true));
    }

    @Test
    void filmNightMessagesWithInsaneValuesAreRefused() {
        String film = "{\"type\":\"film\",\"group\":\"g\",\"from\":\"alice\",\"selector\":\"video\",\"playing\":true,\"held\":false,"
                + "\"at\":1000,";
        assertThat(Codec.decode(film + "\"position\":1.5,\"rate\":1}")).isInstanceOf(Messages.Film.class);
        for (String bad : new String[] {"\"position\":-1,\"rate\":1}", "\"position\":1e9,\"rate\":1}",
            "\"position\":1,\"rate\":0}", "\"position\":1,\"rate\":17}", "\"position\":\"NaN\",\"rate\":1}"}) {
            assertThat(codeOf(film + bad)).as(bad).isEqualTo(ErrorCode.MISSING_FIELD);
        }
        assertThat(codeOf("{\"type\":\"film\",\"group\":\"g\",\"from\":\"alice\",\"selector\":\"video\",\"at\":-5,"
                + "\"position\":1,\"rate\":1}")).isEqualTo(ErrorCode.MISSING_FIELD);
        assertThat(codeOf("{\"type\":\"clock_ask\",\"group\":\"g\",\"from\":\"bob\",\"to\":\"alice\",\"t0\":-1}"))
                .isEqualTo(ErrorCode.MISSING_FIELD);
        assertThat(codeOf("{\"type\":\"clock_answer\",\"group\":\"g\",\"from\":\"alice\",\"to\":\"bob\",\"t0\":1,"
                + "\"t1\":9,\"t2\":8}")).isEqualTo(ErrorCode.MISSING_FIELD);
        assertThat(codeOf("{\"type\":\"film_ready\",\"group\":\"g\",\"from\":\"bob\",\"to\":\"alice\",\"ready\":true,"
                + "\"position\":-3}")).isEqualTo(ErrorCode.MISSING_FIELD);
    }
}
