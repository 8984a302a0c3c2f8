package dev.companion.demo.shop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Film night's page and film: the 70 s film made from the 5 s one is a WebM whose cues point at its
 * clusters, in time order; the page has the feature and a trailer, in the order the film-lab cookie
 * asks for, and the decoder throttle only when asked; paced film bytes still arrive whole.
 */
class FilmNightPageTest {
    private ShopServer shop;
    private ShopClient client;
    private byte[] film;

    @BeforeEach
    void start() throws Exception {
        shop = ShopServer.start("127.0.0.1", 0);
        client = new ShopClient(shop);
        try (InputStream in = ShopServer.class.getResourceAsStream("film.webm")) {
            film = in.readAllBytes();
        }
    }

    @AfterEach
    void stop() {
        shop.close();
    }

    @Test
    void theLongFilmIsTheFilmFourteenTimesWithCuesAtEachCluster() throws Exception {
        byte[] longFilm = client.getBytes(StaticFiles.LONG_FILM).body();
        assertThat(Arrays.copyOf(longFilm, 4)).containsExactly(0x1A, 0x45, 0xDF, 0xA3);
        assertThat(longFilm.length).isBetween(film.length * 13, film.length * 15);
        int segment = indexOf(longFilm, "18538067", 0) + 4 + 8; // id, 8-byte size
        // Duration: 14 x 5000 ms
        int duration = indexOf(longFilm, "44890100000000000008", segment) + 10; // Duration, 8 bytes
        assertThat(ByteBuffer.wrap(longFilm, duration, 8).getDouble()).isEqualTo(70_000.0);
        // every cue: its time grows by 1000 ms and its position is a cluster's id
        List<long[]> cues = new ArrayList<>();
        int at = segment;
        while ((at = indexOf(longFilm, "b30100000000000008", at)) >= 0) { // CueTime, 8 bytes
            long time = ByteBuffer.wrap(longFilm, at + 9, 8).getLong();
            int pos = indexOf(longFilm, "f10100000000000008", at) + 9; // CueClusterPosition
            cues.add(new long[] {time, ByteBuffer.wrap(longFilm, pos, 8).getLong()});
            at = pos;
        }
        assertThat(cues).hasSize(70);
        for (int i = 0; i < cues.size(); i++) {
            assertThat(cues.get(i)[0]).isEqualTo(i * 1000L);
            int cluster = (int) (segment + cues.get(i)[1]);
            assertThat(HexFormat.of().formatHex(longFilm, cluster, cluster + 4)).isEqualTo("1f43b675");
        }
    }

    @Test
    void thePageHasTheFeatureAndATrailerInTheOrderTheCookieAsks() throws Exception {
        String plain = client.get("/film-night").body();
        assertThat(plain.indexOf("class=\"trailer\"")).isPositive().isLessThan(plain.indexOf("class=\"feature\""));
        assertThat(plain).contains("src=\"/media/film-long.webm\"").doesNotContain("window.filmLab");
        assertThat(plain).doesNotContain("<video id=");

        String after = withCookie("/film-night", "trailer:after_decoder:0.97");
        assertThat(after.indexOf("class=\"feature\"")).isPositive().isLessThan(after.indexOf("class=\"trailer\""));
        assertThat(after).contains("window.filmLab").contains("const factor = 0.97;");
    }

    @Test
    void labValuesOutOfRangeOrUnknownAreIgnored() {
        assertThat(FilmLab.parse(null)).isEqualTo(FilmLab.NONE);
        assertThat(FilmLab.parse("stall:99999999_bps:5_decoder:0.1_x:y_trailer")).isEqualTo(FilmLab.NONE);
        assertThat(FilmLab.parse("decoder:NaN_stall:abc")).isEqualTo(FilmLab.NONE);
        assertThat(FilmLab.parse("x".repeat(300))).isEqualTo(FilmLab.NONE);
        assertThat(FilmLab.parse("stall:2000_bps:50000_decoder:0.9_trailer:after"))
                .isEqualTo(new FilmLab(2000, 50_000, 0.9, true));
        assertThat(FilmLab.parse("stall:2000").pace()).isEqualTo(new FilmLab.Pace(2000, 0));
        assertThat(FilmLab.NONE.pace()).isSameAs(FilmLab.Pace.FULL);
        assertThat(FilmLab.parse("gate:bob_trailer:after").gate()).isEqualTo("bob");
        assertThat(FilmLab.parse("gate:Bob!").gate()).isNull();
        assertThat(FilmLab.parse("gate:" + "a".repeat(17)).gate()).isNull();
    }

    @Test
    void aClosedGateHoldsTheFilmUntilItOpensAndHoldsNoOtherBrowser() throws Exception {
        shop.filmGate("bob", true);
        // another browser, and the pages, are not held
        assertThat(client.getBytes(StaticFiles.FILM, "Range", "bytes=0-99", "Cookie", FilmLab.COOKIE + "=gate:carol")
                .statusCode()).isEqualTo(206);
        assertThat(client.getBytes("/film-night", "Cookie", FilmLab.COOKIE + "=gate:bob").statusCode()).isEqualTo(200);
        var held = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return client.getBytes(StaticFiles.FILM, "Range", "bytes=0-99", "Cookie", FilmLab.COOKIE + "=gate:bob");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(held).as("held while the gate is closed")
                .failsWithin(java.time.Duration.ofMillis(300)).withThrowableOfType(java.util.concurrent.TimeoutException.class);
        shop.filmGate("bob", false);
        HttpResponse<byte[]> r = held.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(206);
        assertThat(r.body()).isEqualTo(Arrays.copyOf(film, 100));
    }

    @Test
    void pacedFilmBytesArriveWhole() throws Exception {
        HttpResponse<byte[]> r = client.getBytes(StaticFiles.FILM, "Range", "bytes=0-19999", "Cookie",
                FilmLab.COOKIE + "=bps:200000_stall:10");
        assertThat(r.statusCode()).isEqualTo(206);
        assertThat(r.body()).isEqualTo(Arrays.copyOf(film, 20_000));
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        // a paced film is sent again, never "not modified"
        String etag = r.headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> again = client.getBytes(StaticFiles.FILM, "If-None-Match", etag, "Cookie",
                FilmLab.COOKIE + "=stall:10");
        assertThat(again.statusCode()).isEqualTo(200);
        // pages are never paced
        HttpResponse<byte[]> page = client.getBytes("/film-night", "Cookie", FilmLab.COOKIE + "=bps:1000");
        assertThat(page.statusCode()).isEqualTo(200);
    }

    private String withCookie(String path, String lab) throws Exception {
        return new String(client.getBytes(path, "Cookie", FilmLab.COOKIE + "=" + lab).body(),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] data, String hex, int from) {
        byte[] needle = HexFormat.of().parseHex(hex);
        outer:
        for (int i = from; i <= data.length - needle.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (data[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
