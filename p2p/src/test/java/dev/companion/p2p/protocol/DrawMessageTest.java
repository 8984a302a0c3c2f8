package dev.companion.p2p.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A drawing on the wire (docs/protocol.md, "Drawing"): each bad field is refused on decoding with
 * MISSING_FIELD (too many or too few points, a coordinate outside 0..1 or not a number, a colour not
 * in the palette, markup for a colour, a lifetime past the cap), points are quantised, and the
 * largest drawing fits one frame.
 */
class DrawMessageTest {
    private static final String TARGET = "{\"role\":\"button\",\"name\":\"Add to cart\"}";

    private static ProtocolException refused(String json) {
        try {
            Codec.decode(json);
        } catch (ProtocolException e) {
            return e;
        }
        throw new AssertionError("not refused: " + json);
    }

    private static String draw(String color, String life, String xy) {
        return "{\"type\":\"draw\",\"group\":\"g-1\",\"from\":\"alice\",\"at\":0,\"target\":" + TARGET
                + ",\"color\":" + color + ",\"lifeMs\":" + life + ",\"xy\":" + xy + "}";
    }

    private static String points(int n) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",").append("0.5,0.25");
        }
        return b.append(']').toString();
    }

    @Test
    void aGoodDrawingIsQuantisedToThousandthsOfItsBox() {
        Messages.Draw d = (Messages.Draw) Codec.decode(draw("\"blue\"", "3000", "[0.12345,0,1,0.99999]"));
        assertThat(d.xy()).containsExactly(0.123, 0.0, 1.0, 1.0);
        assertThat(d.color()).isEqualTo(Ink.BLUE);
        assertThat(d.lifeMs()).isEqualTo(3000);
    }

    @Test
    void tooManyOrTooFewPointsAreRefused() {
        assertThat(Codec.decode(draw("\"red\"", "1000", points(Protocol.MAX_DRAW_POINTS)))).isInstanceOf(Messages.Draw.class);
        ProtocolException many = refused(draw("\"red\"", "1000", points(Protocol.MAX_DRAW_POINTS + 1)));
        assertThat(many.code()).isEqualTo(ErrorCode.MISSING_FIELD);
        assertThat(many.getMessage()).contains("xy must hold 2..64 points");
        assertThat(refused(draw("\"red\"", "1000", points(1))).code()).isEqualTo(ErrorCode.MISSING_FIELD);
        assertThat(refused(draw("\"red\"", "1000", "[0.1,0.2,0.3]")).code()).isEqualTo(ErrorCode.MISSING_FIELD);
        assertThat(refused(draw("\"red\"", "1000", "null")).code()).isEqualTo(ErrorCode.MISSING_FIELD);
    }

    @Test
    void coordinatesOutside0To1OrNotANumberAreRefused() {
        for (String xy : new String[] {"[0.1,0.2,1.001,0.5]", "[-0.001,0.2,0.3,0.5]", "[0.1,\"NaN\",0.3,0.5]",
            "[0.1,0.2,\"Infinity\",0.5]", "[0.1,null,0.3,0.5]", "[0.1,0.2,1e308,0.5]"}) {
            ProtocolException e = refused(draw("\"red\"", "1000", xy));
            assertThat(e.code()).as(xy).isEqualTo(ErrorCode.MISSING_FIELD);
        }
        assertThat(refused(draw("\"red\"", "1000", "[0.1,\"NaN\",0.3,0.5]")).getMessage()).contains("xy[1]");
        List<Double> nan = new ArrayList<>(List.of(0.1, 0.2, 0.3, 0.4));
        nan.set(2, Double.NaN);
        Target t = Target.of("button", "button", "Buy");
        try {
            new Messages.Draw("g-1", "alice", 0, t, Ink.RED, 1000, nan);
            throw new AssertionError("NaN taken");
        } catch (ProtocolException e) {
            assertThat(e.getMessage()).contains("xy[2] must be a number 0..1");
        }
    }

    @Test
    void aColourOutsideThePaletteOrMarkupInItIsRefused() {
        for (String c : new String[] {"\"#ff0000\"", "\"purple\"", "\"red;background:url(x)\"",
            "\"<script>alert(1)</script>\"", "\"RED\"", "null", "\"\""}) {
            ProtocolException e = refused(draw(c, "1000", "[0,0,1,1]"));
            assertThat(e.code()).as(c).isEqualTo(ErrorCode.MISSING_FIELD);
        }
        assertThat(refused(draw("\"<img src=x onerror=alert(1)>\"", "1000", "[0,0,1,1]")).getMessage())
                .contains("color must be one of [red, yellow, green, blue]");
    }

    @Test
    void aLifetimeOverTheCapOrUnderTheFloorIsRefused() {
        assertThat(Codec.decode(draw("\"red\"", String.valueOf(Protocol.MAX_DRAW_LIFE_MS), "[0,0,1,1]")))
                .isInstanceOf(Messages.Draw.class);
        ProtocolException e = refused(draw("\"red\"", String.valueOf(Protocol.MAX_DRAW_LIFE_MS + 1), "[0,0,1,1]"));
        assertThat(e.code()).isEqualTo(ErrorCode.MISSING_FIELD);
        assertThat(e.getMessage()).contains("lifeMs must be 500..10000");
        assertThat(refused(draw("\"red\"", "-1", "[0,0,1,1]")).code()).isEqualTo(ErrorCode.MISSING_FIELD);
        assertThat(refused(draw("\"red\"", "99999999999", "[0,0,1,1]")).code()).isEqualTo(ErrorCode.MISSING_FIELD);
    }

    @Test
    void aTargetThatNamesNothingOrIsOversizedIsRefused() {
        String json = "{\"type\":\"draw\",\"group\":\"g-1\",\"from\":\"alice\",\"at\":0,\"target\":{\"lang\":\"en\"},"
                + "\"color\":\"red\",\"lifeMs\":1000,\"xy\":[0,0,1,1]}";
        assertThat(refused(json).getMessage()).contains("names an element");
        String big = "{\"type\":\"draw\",\"group\":\"g-1\",\"from\":\"alice\",\"at\":0,\"target\":{\"name\":\""
                + "x".repeat(Target.MAX_TEXT + 1) + "\"},\"color\":\"red\",\"lifeMs\":1000,\"xy\":[0,0,1,1]}";
        assertThat(refused(big).code()).isEqualTo(ErrorCode.MISSING_FIELD);
    }

    @Test
    void markupInTheTargetIsCarriedAsTextNotInterpreted() {
        String json = "{\"type\":\"draw\",\"group\":\"g-1\",\"from\":\"alice\",\"at\":0,\"target\":{\"role\":\"button\","
                + "\"name\":\"<img src=x onerror=alert(1)>\"},\"color\":\"red\",\"lifeMs\":1000,\"xy\":[0,0,1,1]}";
        Messages.Draw d = (Messages.Draw) Codec.decode(json);
        assertThat(d.target().name()).isEqualTo("<img src=x onerror=alert(1)>");
    }

    @Test
    void theLargestDrawingFitsOneFrame() {
        String t = "x".repeat(Target.MAX_TEXT);
        Map<String, String> attrs = new java.util.HashMap<>();
        for (int i = 0; i < Target.MAX_ATTRS; i++) {
            attrs.put("data-a" + i, "y".repeat(Target.MAX_ATTR));
        }
        Target big = new Target("button", "button", t, t, attrs, t, List.of(t, t, t), t, t,
                List.of(t, t, t, t, t, t, t, t), t, 1, 1, "en");
        List<Double> xy = new ArrayList<>();
        for (int i = 0; i < 2 * Protocol.MAX_DRAW_POINTS; i++) {
            xy.add(0.123);
        }
        byte[] bytes = Codec.encode(new Messages.Draw("g-" + "x".repeat(60), "u".repeat(64), Long.MAX_VALUE, big,
                Ink.YELLOW, Protocol.MAX_DRAW_LIFE_MS, xy));
        assertThat(bytes.length).isLessThan(Protocol.MAX_FRAME_BYTES);
    }
}
