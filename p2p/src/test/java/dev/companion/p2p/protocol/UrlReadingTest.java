package dev.companion.p2p.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A URL must read one way: the host the local-address rule sees and the one a person reads in the
 * preview are the host Chromium loads. Each URL below is one Chromium (the WHATWG URL standard)
 * loads from 192.168.1.1 or 127.0.0.1 while java.net.URI could not read it, and so the rule once
 * let it through to a group that does not follow local addresses.
 */
class UrlReadingTest {
    /** Each loads 192.168.1.1 or 127.0.0.1 in Chromium (checked with the WHATWG URL parser). */
    private static final List<String> LOCAL_IN_DISGUISE = List.of(
            "http://192.168.1.1/a b", "http://\\192.168.1.1/", "http://192.168.1.1\\x", "http://192.168.\n1.1/",
            "http://192.168.1.1/?q={x}", "http://%31%39%32.168.1.1/", "http://192.168.1.1/\"x\"",
            "http://192.168.1.1/|", "http://192.168.1.1#a#b", "http://192.168.1.1/<", "http:///127.0.0.1/",
            "http://\uff11\uff19\uff12\u3002\uff11\uff16\uff18\u3002\uff11\u3002\uff11/", "http://loc%61lhost/",
            "http://example.com@192.168.1.1/", "http://127.0.0.\u00ad1/", "http://%EF%BC%91%EF%BC%92%EF%BC%97.0.0.1/",
            "\thttp://127.0.0.1/ ", "https:\\\\127.0.0.1/");

    @Test
    void whatChromiumLoadsFromALocalAddressIsLocalHoweverItIsWritten() {
        for (String url : LOCAL_IN_DISGUISE) {
            assertThat(LocalAddresses.isLocal(url)).as(url).isTrue();
        }
    }

    @Test
    void aUserPartThatLooksLikeALocalAddressIsNotTheHost() {
        assertThat(LocalAddresses.isLocal("http://192.168.1.1:80@example.com/")).isFalse();
        assertThat(LocalAddresses.host("http://192.168.1.1:80@example.com/")).isEqualTo("example.com");
        assertThat(LocalAddresses.host("https://a@b@shop.example:8443/x?y=@z")).isEqualTo("shop.example");
    }

    @Test
    void aHostThatCannotBeDecodedIsRefusedNotGuessed() {
        assertThat(LocalAddresses.isLocal("http://%zz.example/")).isTrue();
        assertThat(LocalAddresses.isLocal("http://%ff%fe.example/")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://192.168.1.1/a b", "http://\\192.168.1.1/", "http://192.168.1.1\\x", "http://192.168.\n1.1/",
        "http:///127.0.0.1/", "http://%31%39%32.168.1.1/", "http://example.com@192.168.1.1/",
        "https://user:secret@shop.example/", "https://bank.example@evil.example/", " https://shop.example/",
        "https://shop.example/\r\nX: y", "https://\u0430pple.com/", "https://shop.example/\u0000", "http:///",
        "https:shop.example/", "view-source:https://shop.example/", "blob:https://shop.example/1",
        "data:text/html,<b>x</b>", "chrome://settings/", "file:///etc/passwd", "javascript:alert(1)"
    })
    void aNavigateOrCatchUpWhoseUrlAPersonOrTheRulesWouldReadOtherwiseIsRefused(String url) {
        assertThat(codeOf(navigate(url))).as(url).isEqualTo(ErrorCode.ACTION_REFUSED);
        assertThat(codeOf(catchUp(url))).as(url).isEqualTo(ErrorCode.ACTION_REFUSED);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "https://shop.example/", "http://shop.example:8080/a/b?q={x}&r=[1]|^`\\#frag", "https://xn--pple-43d.com/",
        "https://[2606:4700::1111]:443/", "HTTPS://Shop.Example/Path", "https://shop.example?q=a@b.c",
        "https://shop.example#@192.168.1.1"
    })
    void urlsAsABrowserWritesThemStillTravel(String url) {
        Message nav = Codec.decode(navigate(url));
        assertThat(((Messages.ActionMsg) nav).action()).isInstanceOf(Action.Navigate.class);
        assertThat(((Messages.CatchUp) Codec.decode(catchUp(url))).state().url()).isEqualTo(url);
        assertThat(LocalAddresses.isLocal(url)).as(url).isFalse();
    }

    private static String navigate(String url) {
        ObjectNode m = JsonNodeFactory.instance.objectNode().put("type", "action").put("group", "g").put("from", "a")
                .put("seq", 1).put("clock", 0);
        m.putObject("action").put("kind", "navigate").put("url", url).put("cause", "user");
        return m.toString();
    }

    private static String catchUp(String url) {
        ObjectNode m = JsonNodeFactory.instance.objectNode().put("type", "catch_up").put("group", "g").put("from", "a")
                .put("seq", 1).put("reason", "gap");
        m.putObject("state").put("url", url).put("scrollX", 0).put("scrollY", 0);
        return m.toString();
    }

    private static ErrorCode codeOf(String json) {
        ProtocolException e = catchThrowableOfType(ProtocolException.class, () -> Codec.decode(json));
        return e == null ? null : e.code();
    }
}
