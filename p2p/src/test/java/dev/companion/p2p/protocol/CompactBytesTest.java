package dev.companion.p2p.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The exact compact bytes the codec writes (field order included) for every golden fixture and for
 * more variants of each action kind and each enumerated value, recorded in compact/bytes.txt
 * (one {@code name<TAB>json} line each). The inputs are JSON, so the records may change shape while
 * the bytes on the wire may not. A run also writes what it produced to target/compact-bytes.txt.
 */
class CompactBytesTest {
    private static final String[] FIXTURES = {"action", "catch_up", "contact_accept", "contact_add",
        "contact_update", "error", "follow_pause", "group", "group_dissolved", "group_leave", "group_set",
        "invitation", "invitation_answered", "invite", "invite_answer", "invite_sent", "lead_answer",
        "lead_answered", "lead_ask", "lead_offer", "lead_proposal", "login", "login_ok", "ok", "peer_hello",
        "peer_welcome", "ping", "pong", "presence", "result", "resume", "signal", "similar_rules", "step",
        "clock_ask", "clock_answer", "film", "film_ready",
        "join_code", "join_code_issued", "join_lookup", "join_info", "join_ask", "join_asked", "join_decide",
        "join_answered", "usage_report", "usage_get", "usage",
        "chat", "chat_history", "chat_resume",
        // variants (golden/<type>.<variant>.json): evidence, intents, interim outcomes
        "action.target", "result.ambiguous", "result.waiting", "step.intent",
        "result.owner_only", "action.key", "join_code.new", "step.expect", "result.matched", "flow_share",
        "bot_says", "bot_answer", "point", "action.owner_only", "draw"};

    /** An action message around one action (fields given out of order on purpose). */
    private static String action(String action) {
        return "{\"action\":" + action + ",\"seq\":3,\"from\":\"alice\",\"type\":\"action\",\"group\":\"g-1\",\"clock\":9}";
    }

    private static String result(String outcome, String extra) {
        return "{\"type\":\"result\",\"outcome\":\"" + outcome + "\",\"seq\":4,\"to\":\"alice\",\"from\":\"bob\",\"group\":\"g-1\""
                + extra + "}";
    }

    private static String group(String mode, String following, String scope, String kinds, String members) {
        return "{\"members\":" + members + ",\"type\":\"group\",\"group\":\"g-1\",\"version\":2,\"leader\":\"alice\","
                + "\"scope\":\"" + scope + "\",\"following\":\"" + following + "\",\"mode\":\"" + mode + "\",\"kinds\":" + kinds
                + ",\"pages\":[\"https://a.example/*\"]}";
    }

    private static String contact(String state) {
        return "{\"type\":\"contact_update\",\"contact\":{\"state\":\"" + state + "\",\"online\":true,\"user\":\"bob\"}}";
    }

    static Map<String, String> inputs() throws IOException {
        Map<String, String> in = new LinkedHashMap<>();
        for (String f : FIXTURES) {
            try (InputStream s = CompactBytesTest.class.getResourceAsStream("/golden/" + f + ".json")) {
                in.put("golden/" + f, new String(s.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        // actions: every kind, with and without its optional fields
        in.put("navigate-user", action("{\"url\":\"https://a.example/x?q=1\",\"cause\":\"user\",\"kind\":\"navigate\"}"));
        in.put("navigate-page", action("{\"cause\":\"page\",\"frame\":\"\",\"page\":\"https://a.example/\",\"url\":\"HTTPS://a.example/y\",\"kind\":\"navigate\"}"));
        in.put("navigate-no-cause", action("{\"kind\":\"navigate\",\"url\":\"http://a.example/\",\"page\":\"http://a.example/\"}"));
        in.put("click", action("{\"selector\":\"#buy\",\"kind\":\"click\",\"frame\":\"0.1\",\"page\":\"https://a.example/p\"}"));
        in.put("click-no-page", action("{\"selector\":\"form > button:nth-of-type(2)\",\"kind\":\"click\"}"));
        in.put("input", action("{\"value\":\"héllo \\\"世界\\\" \\n\",\"selector\":\"#q\",\"kind\":\"input\",\"page\":\"https://a.example/\",\"frame\":\"2\"}"));
        in.put("input-empty", action("{\"value\":\"\",\"selector\":\"#q\",\"kind\":\"input\"}"));
        in.put("change-value", action("{\"kind\":\"change\",\"value\":\"250g\",\"selector\":\"#size\",\"page\":\"https://a.example/\"}"));
        in.put("change-checked", action("{\"checked\":true,\"kind\":\"change\",\"selector\":\"#gift\"}"));
        in.put("change-unchecked", action("{\"checked\":false,\"kind\":\"change\",\"selector\":\"#gift\",\"frame\":\"0\"}"));
        in.put("change-both", action("{\"checked\":true,\"value\":\"on\",\"kind\":\"change\",\"selector\":\"#r1\"}"));
        in.put("submit", action("{\"kind\":\"submit\",\"selector\":\"#f\",\"page\":\"https://a.example/\"}"));
        in.put("submit-submitter", action("{\"submitter\":\"#go\",\"kind\":\"submit\",\"selector\":\"#f\",\"page\":\"https://a.example/\"}"));
        in.put("scroll-page", action("{\"y\":640,\"x\":0,\"kind\":\"scroll\",\"page\":\"https://a.example/\"}"));
        in.put("scroll-element", action("{\"y\":-1.5,\"x\":12.25,\"selector\":\"#list\",\"kind\":\"scroll\",\"page\":\"https://a.example/\",\"frame\":\"1.0\"}"));
        in.put("media-play", action("{\"rate\":1,\"time\":73.5,\"value\":\"play\",\"selector\":\"#film\",\"kind\":\"media\",\"page\":\"https://a.example/v\"}"));
        in.put("media-pause", action("{\"time\":0,\"value\":\"pause\",\"selector\":\"video\",\"kind\":\"media\"}"));
        in.put("media-seek", action("{\"time\":12.125,\"value\":\"seek\",\"selector\":\"#film\",\"kind\":\"media\",\"rate\":1.5}"));
        in.put("media-rate", action("{\"time\":3,\"value\":\"rate\",\"selector\":\"#film\",\"kind\":\"media\",\"rate\":16}"));
        in.put("key-page", action("{\"phase\":\"down\",\"code\":\"Space\",\"value\":\" \",\"kind\":\"key\",\"page\":\"https://a.example/g\"}"));
        in.put("key-shift-no-code", action("{\"shift\":true,\"phase\":\"up\",\"value\":\"Z\",\"selector\":\"canvas\",\"kind\":\"key\",\"frame\":\"0\"}"));
        in.put("key-no-shift", action("{\"shift\":false,\"phase\":\"down\",\"value\":\"ArrowUp\",\"code\":\"ArrowUp\",\"kind\":\"key\"}"));
        // evidence (target) and intents; keys of attrs come back sorted, empty lists and maps are left out
        String target = "{\"count\":3,\"index\":1,\"attrs\":{\"type\":\"button\",\"data-testid\":\"archive\"},\"name\":\"Archive\","
                + "\"role\":\"button\",\"tag\":\"button\",\"context\":\"Invoice March · 12 Mar\",\"headings\":[],\"hosts\":[\"mail-list\"]}";
        in.put("click-target", action("{\"target\":" + target + ",\"selector\":\"#m3 button\",\"kind\":\"click\",\"page\":\"https://a.example/\"}"));
        in.put("click-target-no-selector", action("{\"target\":{\"name\":\"OK\",\"attrs\":{}},\"kind\":\"click\"}"));
        in.put("input-target", action("{\"target\":{\"role\":\"textbox\",\"tag\":\"div\",\"frameName\":\"editor\"},\"value\":\"hi\",\"kind\":\"input\"}"));
        in.put("change-label", action("{\"label\":\"250 g\",\"value\":\"250g\",\"kind\":\"change\",\"selector\":\"#size\",\"target\":{\"name\":\"Size\"}}"));
        in.put("change-switch", action("{\"checked\":false,\"kind\":\"change\",\"target\":{\"role\":\"switch\",\"name\":\"Wi-Fi\",\"landmark\":\"Settings\"}}"));
        in.put("submit-via", action("{\"via\":{\"name\":\"Save\"},\"kind\":\"submit\",\"selector\":\"#f\",\"target\":{\"form\":\"/save\"}}"));
        in.put("scroll-target", action("{\"y\":5,\"x\":0,\"selector\":\"#list\",\"kind\":\"scroll\",\"target\":{\"tag\":\"ul\"}}"));
        in.put("media-target", action("{\"time\":1,\"value\":\"play\",\"kind\":\"media\",\"target\":{\"tag\":\"video\",\"attrs\":{\"src\":\"/film.webm\"}}}"));
        in.put("step-mixed", "{\"type\":\"step\",\"group\":\"g-1\",\"from\":\"alice\",\"seq\":5,\"clock\":0,\"actions\":["
                + "{\"kind\":\"click\",\"selector\":\"#a\"},{\"kind\":\"scroll\",\"x\":1,\"y\":2},"
                + "{\"kind\":\"media\",\"selector\":\"#v\",\"value\":\"pause\",\"time\":1},"
                + "{\"kind\":\"navigate\",\"url\":\"https://a.example/\",\"cause\":\"user\"}]}");
        // outcomes
        for (String o : new String[] {"applied", "failed", "declined", "refused", "superseded", "paused", "waiting", "owner_only"}) {
            in.put("result-" + o, result(o, ""));
        }
        in.put("result-refused-code", result("refused", ",\"page\":\"https://a.example/\",\"reason\":\"outside\",\"code\":\"OUT_OF_SCOPE\""));
        // group settings, roles, member states; kinds come back sorted by name without repeats
        String members = "[{\"user\":\"alice\",\"terminal\":\"t-a\",\"role\":\"leader\",\"state\":\"here\",\"epoch\":0},"
                + "{\"epoch\":3,\"state\":\"away\",\"role\":\"follower\",\"terminal\":\"t-b\",\"user\":\"bob\"},"
                + "{\"user\":\"carol\",\"terminal\":\"t-c\",\"role\":\"follower\",\"state\":\"paused\",\"epoch\":1},"
                + "{\"user\":\"dave\",\"terminal\":\"t-d\",\"role\":\"follower\",\"epoch\":1}]";
        in.put("group-lf-auto-full", group("leader-follower", "auto", "full", "[]", members));
        in.put("group-mutual-manual-partial", group("mutual", "manual", "partial",
                "[\"submit\",\"scroll\",\"click\",\"navigate\",\"media\",\"input\",\"change\",\"click\"]", members));
        in.put("group-no-lists", "{\"type\":\"group\",\"group\":\"g-1\",\"version\":1,\"leader\":\"alice\",\"mode\":\"leader-follower\","
                + "\"following\":\"auto\",\"scope\":\"full\",\"members\":[]}");
        in.put("group_set-lf-auto-full", "{\"type\":\"group_set\",\"req\":3,\"group\":\"g-1\",\"version\":2,\"mode\":\"leader-follower\","
                + "\"following\":\"auto\",\"scope\":\"full\"}");
        in.put("group_set-kinds", "{\"pages\":[],\"kinds\":[\"scroll\",\"media\",\"click\"],\"scope\":\"partial\",\"following\":\"manual\","
                + "\"mode\":\"mutual\",\"version\":2,\"group\":\"g-1\",\"req\":3,\"type\":\"group_set\"}");
        // contact states
        for (String s : new String[] {"contact", "pending_in", "pending_out"}) {
            in.put("contact-" + s, contact(s));
        }
        // lead proposal kinds
        for (String k : new String[] {"ask", "offer"}) {
            in.put("lead_proposal-" + k, "{\"to\":\"alice\",\"from\":\"bob\",\"kind\":\"" + k
                    + "\",\"id\":\"p-1\",\"group\":\"g-1\",\"expiresAt\":5,\"type\":\"lead_proposal\"}");
        }
        // catch-up reasons, with and without a state
        in.put("catch_up-join", "{\"type\":\"catch_up\",\"group\":\"g-1\",\"from\":\"bob\",\"seq\":0,\"reason\":\"join\"}");
        in.put("catch_up-gap", "{\"state\":{\"url\":\"https://a.example/\",\"scrollY\":1,\"scrollX\":0},\"type\":\"catch_up\","
                + "\"group\":\"g-1\",\"from\":\"alice\",\"seq\":9,\"reason\":\"gap\"}");
        // group dissolved reasons
        for (String r : new String[] {"left", "disconnected"}) {
            in.put("group_dissolved-" + r, "{\"user\":\"bob\",\"reason\":\"" + r + "\",\"group\":\"g-1\",\"type\":\"group_dissolved\"}");
        }
        in.put("group_dissolved-no-user", "{\"reason\":\"left\",\"group\":\"g-1\",\"type\":\"group_dissolved\"}");
        in.put("error-no-req", "{\"type\":\"error\",\"code\":\"BAD_FRAME\"}");
        in.put("resume-no-after", "{\"type\":\"resume\",\"group\":\"g-1\",\"from\":\"bob\",\"sender\":\"alice\"}");
        return in;
    }

    private static Map<String, String> recorded() throws IOException {
        try (InputStream s = CompactBytesTest.class.getResourceAsStream("/compact/bytes.txt")) {
            Map<String, String> m = new LinkedHashMap<>();
            for (String line : new String(s.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isEmpty()) {
                    int tab = line.indexOf('\t');
                    m.put(line.substring(0, tab), line.substring(tab + 1));
                }
            }
            return m;
        }
    }

    @Test
    void encodingWhatWasDecodedGivesTheRecordedBytes() throws IOException {
        Map<String, String> actual = new LinkedHashMap<>();
        inputs().forEach((name, json) -> actual.put(name, Codec.encodeToString(Codec.decode(json))));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "compact-bytes.txt"), actual.entrySet().stream()
                .map(e -> e.getKey() + "\t" + e.getValue() + "\n").collect(Collectors.joining()));
        Map<String, String> recorded = recorded();
        assertThat(actual.keySet()).containsExactlyElementsOf(recorded.keySet());
        actual.forEach((name, bytes) -> assertThat(bytes).as(name).isEqualTo(recorded.get(name)));
    }
}
