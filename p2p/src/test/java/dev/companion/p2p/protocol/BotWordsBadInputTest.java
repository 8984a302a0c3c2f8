package dev.companion.p2p.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

/**
 * A bot's bot_says and a member's bot_answer are untrusted: the words are a key from a closed list
 * (the receiving app says them in its person's language), numbers and texts are bounded, and a hint
 * is plain text without control characters; anything else is MISSING_FIELD, decoded to nothing.
 */
class BotWordsBadInputTest {
    private static String says(String say, int step, int steps, String hint) {
        return "{\"type\":\"bot_says\",\"group\":\"g\",\"from\":\"bot\",\"say\":\"" + say + "\",\"step\":" + step
                + ",\"steps\":" + steps + (hint == null ? "" : ",\"hint\":\"" + hint + "\"") + "}";
    }

    private static String answer(String answer, int step, String page) {
        return "{\"type\":\"bot_answer\",\"group\":\"g\",\"from\":\"carol\",\"answer\":\"" + answer + "\",\"step\":" + step
                + (page == null ? "" : ",\"page\":\"" + page + "\"") + "}";
    }

    private static void refused(String json, String why) {
        ProtocolException e = catchThrowableOfType(ProtocolException.class, () -> Codec.decode(json));
        assertThat(e).as(json).isNotNull();
        assertThat(e.code()).as(json).isEqualTo(ErrorCode.MISSING_FIELD);
        assertThat(e.getMessage()).as(json).contains(why);
    }

    @Test
    void everyKeyAndAnswerDecodes() {
        for (BotSay s : BotSay.values()) {
            assertThat(((Messages.BotSays) Codec.decode(says(s.wire(), 1, 3, "Press Search."))).say()).isEqualTo(s);
        }
        for (BotReply r : BotReply.values()) {
            assertThat(((Messages.BotAnswer) Codec.decode(answer(r.wire(), 2, null))).answer()).isEqualTo(r);
        }
        assertThat(((Messages.BotSays) Codec.decode(says("done", 4, 3, null))).hint()).isNull();
    }

    @Test
    void anUnknownKeyOrAnswerIsRefused() {
        refused(says("<b>pay now</b>", 1, 3, null), "say must be one of");
        refused(says("STEP", 1, 3, null), "say must be one of");
        refused(says("", 1, 3, null), "say must be one of");
        refused(answer("pay", 1, null), "answer must be one of");
        refused("{\"type\":\"bot_says\",\"group\":\"g\",\"from\":\"bot\",\"step\":1,\"steps\":3}", "say");
    }

    @Test
    void aPageCheckGoesOnlyWithDidItAndAnExpectationIsChecked() {
        String matched = ",\"matched\":false}";
        refused(answer("retry", 2, null).replace("}", matched), "matched goes only with did_it");
        refused(answer("back", 2, null).replace("}", matched), "matched goes only with did_it");
        assertThat(((Messages.BotAnswer) Codec.decode(answer("did_it", 2, "https://shop.example/").replace("}", matched)))
                .matched()).isFalse();
        // the expectation a bot's words carry is held to a step's rules
        refused(says("stuck", 2, 3, null).replace("}", ",\"expect\":{}}"), "expect needs url, element or text");
        refused(says("stuck", 2, 3, null).replace("}", ",\"expect\":{\"url\":\"javascript:alert(1)\"}}"),
                "expect.url must be an http(s) pattern");
        assertThat(((Messages.BotSays) Codec.decode(says("not_done", 2, 3, null)
                .replace("}", ",\"expect\":{\"text\":\"Green Tea\"}}"))).expect().text()).isEqualTo("Green Tea");
    }

    @Test
    void stepNumbersAreBounded() {
        refused(says("step", 0, 3, null), "step must be");
        refused(says("step", 5, 3, null), "step must be");
        refused(says("step", 1, 0, null), "step must be");
        refused(says("step", 1, Protocol.MAX_BOT_STEPS + 1, null), "step must be");
        refused(answer("retry", 0, null), "step must be");
        refused(answer("retry", Protocol.MAX_BOT_STEPS + 2, null), "step must be");
    }

    @Test
    void aHintIsBoundedPlainText() {
        refused(says("step", 1, 3, "x".repeat(Protocol.MAX_BOT_HINT + 1)), "field too long: hint");
        refused(says("step", 1, 3, "Press\\u0007 Search"), "control character in hint");
        refused(says("step", 1, 3, "line\\nbreak"), "control character in hint");
        refused(answer("did_it", 1, "https://shop.example/" + "x".repeat(Action.MAX_URL)), "field too long: page");
        // markup is kept as the characters it is: the app shows it as text
        assertThat(((Messages.BotSays) Codec.decode(says("step", 1, 3, "<script>alert(1)</script>"))).hint())
                .isEqualTo("<script>alert(1)</script>");
    }
}
