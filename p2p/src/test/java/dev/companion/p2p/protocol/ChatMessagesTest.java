package dev.companion.p2p.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Chat lines on the wire: their limits, and the largest history answer fits one frame. */
class ChatMessagesTest {
    private static ProtocolException refused(Runnable r) {
        try {
            r.run();
        } catch (ProtocolException e) {
            return e;
        }
        throw new AssertionError("not refused");
    }

    @Test
    void anOverLongTextIsRefusedOnDecoding() {
        String json = "{\"type\":\"chat\",\"group\":\"g-1\",\"from\":\"alice\",\"seq\":1,\"at\":0,\"text\":\""
                + "x".repeat(Protocol.MAX_CHAT_TEXT + 1) + "\"}";
        ProtocolException e = refused(() -> Codec.decode(json));
        assertThat(e.code()).isEqualTo(ErrorCode.MISSING_FIELD);
        assertThat(e.getMessage()).contains("text");
        assertThat(new Messages.Chat("g-1", "alice", 1, 0, "x".repeat(Protocol.MAX_CHAT_TEXT)).text())
                .hasSize(Protocol.MAX_CHAT_TEXT);
    }

    @Test
    void controlCharactersAreRefusedButLineFeedsEmojiAndChineseAreText() {
        assertThat(refused(() -> new Messages.Chat("g-1", "alice", 1, 0, "bell\u0007")).getMessage())
                .contains("control character");
        assertThat(refused(() -> new Messages.ChatLine(1, 0, "\u001b[31mred")).code()).isEqualTo(ErrorCode.MISSING_FIELD);
        assertThat(refused(() -> new Messages.Chat("g-1", "alice", 1, 0, "   ")).code()).isEqualTo(ErrorCode.MISSING_FIELD);
        Messages.Chat ok = new Messages.Chat("g-1", "alice", 1, 0, "第一行\n🍵 <script>alert(1)</script>");
        assertThat(Codec.decode(Codec.encodeToString(ok))).isEqualTo(ok);
    }

    @Test
    void aHistoryHoldsAtMostItsBoundAndSequencesStartAtOne() {
        List<Messages.ChatLine> lines = new ArrayList<>();
        for (int i = 1; i <= Protocol.MAX_CHAT_HISTORY + 1; i++) {
            lines.add(new Messages.ChatLine(i, 0, "line " + i));
        }
        assertThat(refused(() -> new Messages.ChatHistory("g-1", "alice", lines, false)).getMessage()).contains("at most");
        assertThat(refused(() -> new Messages.ChatLine(0, 0, "x")).getMessage()).contains("seq");
        assertThat(refused(() -> new Messages.ChatResume("g-1", "bob", -1)).getMessage()).contains("after");
    }

    @Test
    void theLargestHistoryFitsOneFrameEvenWhenEveryCharacterIsEscaped() {
        String emoji = "🍵".repeat(Protocol.MAX_CHAT_TEXT / 2); // written as \\uD83C\\uDF75: 6 bytes per char
        List<Messages.ChatLine> lines = new ArrayList<>();
        for (int i = 1; i <= Protocol.MAX_CHAT_HISTORY; i++) {
            lines.add(new Messages.ChatLine(Long.MAX_VALUE - i, Long.MAX_VALUE, emoji));
        }
        byte[] bytes = Codec.encode(new Messages.ChatHistory("g-" + "x".repeat(60), "u".repeat(64), lines, true));
        assertThat(bytes.length).isLessThan(Protocol.MAX_FRAME_BYTES);
    }

    /** A point with the given target JSON. */
    private static String point(String target) {
        return "{\"type\":\"point\",\"group\":\"g-1\",\"from\":\"alice\",\"at\":0,\"target\":" + target + "}";
    }

    @Test
    void aPointsTargetIsBoundedLikeAnActionsAndMustNameAnElement() {
        ProtocolException longName = refused(() -> Codec.decode(point("{\"role\":\"button\",\"name\":\""
                + "x".repeat(Target.MAX_TEXT + 1) + "\"}")));
        assertThat(longName.code()).isEqualTo(ErrorCode.MISSING_FIELD);
        assertThat(longName.getMessage()).contains("target.name");
        StringBuilder attrs = new StringBuilder("{");
        for (int i = 0; i <= Target.MAX_ATTRS; i++) {
            attrs.append(i == 0 ? "" : ",").append("\"data-a").append(i).append("\":\"v\"");
        }
        assertThat(refused(() -> Codec.decode(point("{\"role\":\"button\",\"attrs\":" + attrs + "}}"))).getMessage())
                .contains("target.attrs");
        assertThat(refused(() -> Codec.decode(point("{\"role\":\"button\",\"attrs\":{\"href\":\""
                + "x".repeat(Target.MAX_ATTR + 1) + "\"}}"))).code()).isEqualTo(ErrorCode.MISSING_FIELD);
        assertThat(refused(() -> Codec.decode(point("{\"lang\":\"en\",\"index\":1}"))).getMessage())
                .contains("names an element");
        assertThat(refused(() -> Codec.decode(point("null"))).code()).isEqualTo(ErrorCode.MISSING_FIELD);
        assertThat(refused(() -> Codec.decode("{\"type\":\"point\",\"group\":\"g-1\",\"at\":0,"
                + "\"target\":{\"role\":\"button\"}}")).code()).isEqualTo(ErrorCode.MISSING_FIELD);
        Messages.Point ok = (Messages.Point) Codec.decode(point("{\"role\":\"button\",\"name\":\"Add to cart\"}"));
        assertThat(ok.target().name()).isEqualTo("Add to cart");
    }

    @Test
    void theLargestPointFitsOneFrame() {
        String t = "x".repeat(Target.MAX_TEXT);
        java.util.Map<String, String> attrs = new java.util.HashMap<>();
        for (int i = 0; i < Target.MAX_ATTRS; i++) {
            attrs.put("data-a" + i, "y".repeat(Target.MAX_ATTR));
        }
        Target big = new Target("button", "button", t, t, attrs, t, List.of(t, t, t), t, t,
                List.of(t, t, t, t, t, t, t, t), t, 1, 1, "en");
        byte[] bytes = Codec.encode(new Messages.Point("g-" + "x".repeat(60), "u".repeat(64), Long.MAX_VALUE, big));
        assertThat(bytes.length).isLessThan(Protocol.MAX_FRAME_BYTES);
    }
}
