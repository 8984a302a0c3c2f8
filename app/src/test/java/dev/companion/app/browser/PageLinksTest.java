package dev.companion.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import org.junit.jupiter.api.Test;

/** What a page answers for its links is untrusted: only http(s) URLs, bounded in length and number. */
class PageLinksTest {
    @Test
    void onlyWebUrlsOfBoundedLengthAreKept() {
        String json = "[\"https://shop.example/cart/0c4d?sid=b2\", \"javascript:alert(1)\", \"data:text/html,x\", 7, null,"
                + " {\"href\": \"https://evil.example/\"}, \"http://shop.example/" + "a".repeat(5000) + "\", \"http://shop.example/\"]";
        assertThat(PageLinks.parse(json)).containsExactly("https://shop.example/cart/0c4d?sid=b2", "http://shop.example/");
    }

    @Test
    void notAListIsNoLinksAndTooManyAreCut() {
        assertThat(PageLinks.parse("{\"links\": [\"https://a.example/\"]}")).isEmpty();
        assertThat(PageLinks.parse("null")).isEmpty();
        String many = "[" + String.join(",", Collections.nCopies(2_500, "\"https://a.example/x\"")) + "]";
        assertThat(PageLinks.parse(many)).hasSize(PageLinks.MAX);
    }
}
