package dev.companion.demo.shop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.demo.shop.ByteRange.Kind;
import org.junit.jupiter.api.Test;

class ByteRangeTest {
    @Test
    void singleRanges() {
        assertThat(ByteRange.parse("bytes=0-99", 1000)).isEqualTo(new ByteRange(Kind.PART, 0, 99));
        assertThat(ByteRange.parse("bytes=500-", 1000)).isEqualTo(new ByteRange(Kind.PART, 500, 999));
        assertThat(ByteRange.parse("bytes=-100", 1000)).isEqualTo(new ByteRange(Kind.PART, 900, 999));
        assertThat(ByteRange.parse("bytes=-5000", 1000)).isEqualTo(new ByteRange(Kind.PART, 0, 999));
        assertThat(ByteRange.parse("bytes=990-5000", 1000)).isEqualTo(new ByteRange(Kind.PART, 990, 999));
        assertThat(ByteRange.parse("BYTES=1-1", 1000).length()).isEqualTo(1);
    }

    @Test
    void rangesOutsideTheResourceAreUnsatisfiable() {
        assertThat(ByteRange.parse("bytes=1000-", 1000).kind()).isEqualTo(Kind.UNSATISFIABLE);
        assertThat(ByteRange.parse("bytes=-0", 1000).kind()).isEqualTo(Kind.UNSATISFIABLE);
        assertThat(ByteRange.parse("bytes=0-", 0).kind()).isEqualTo(Kind.UNSATISFIABLE);
    }

    @Test
    void anythingElseMeansTheWholeResource() {
        for (String h : new String[] {null, "", "bytes=", "bytes=-", "bytes=5-2", "items=0-1", "bytes=0-1,5-9",
                "bytes=a-b", "bytes=99999999999999999999-"}) {
            assertThat(ByteRange.parse(h, 1000).kind()).as(String.valueOf(h)).isEqualTo(Kind.WHOLE);
        }
    }
}
