package dev.companion.demo.shop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MediaTest {
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
    void theFilmIsASmallWebm() {
        assertThat(film.length).isBetween(10_000, 300_000);
        assertThat(Arrays.copyOf(film, 4)).containsExactly(0x1A, 0x45, 0xDF, 0xA3); // EBML magic
        assertThat(new String(film, 0, 64, java.nio.charset.StandardCharsets.ISO_8859_1)).contains("webm");
    }

    @Test
    void videoPagePlaysTheFilm() throws Exception {
        String page = client.get("/video").body();
        assertThat(page).contains("<video id=\"film\" controls")
                .contains("<source src=\"/media/film.webm\" type=\"video/webm\">");
    }

    @Test
    void wholeFileIsServedWithItsTypeAndRangeSupport() throws Exception {
        HttpResponse<byte[]> r = client.getBytes(StaticFiles.FILM);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("video/webm");
        assertThat(r.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(r.body()).isEqualTo(film);
    }

    @Test
    void aRangeRequestGets206WithExactlyThoseBytes() throws Exception {
        HttpResponse<byte[]> r = client.getBytes(StaticFiles.FILM, "Range", "bytes=1000-1999");
        assertThat(r.statusCode()).isEqualTo(206);
        assertThat(r.headers().firstValue("Content-Range")).hasValue("bytes 1000-1999/" + film.length);
        assertThat(r.headers().firstValue("Content-Length")).hasValue("1000");
        assertThat(r.body()).isEqualTo(Arrays.copyOfRange(film, 1000, 2000));
    }

    @Test
    void openAndSuffixRanges() throws Exception {
        HttpResponse<byte[]> tail = client.getBytes(StaticFiles.FILM, "Range", "bytes=" + (film.length - 10) + "-");
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(film, film.length - 10, film.length));

        HttpResponse<byte[]> suffix = client.getBytes(StaticFiles.FILM, "Range", "bytes=-500");
        assertThat(suffix.statusCode()).isEqualTo(206);
        assertThat(suffix.headers().firstValue("Content-Range"))
                .hasValue("bytes " + (film.length - 500) + "-" + (film.length - 1) + "/" + film.length);
        assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(film, film.length - 500, film.length));

        HttpResponse<byte[]> beyond = client.getBytes(StaticFiles.FILM, "Range", "bytes=0-99999999");
        assertThat(beyond.statusCode()).isEqualTo(206);
        assertThat(beyond.body()).isEqualTo(film);
    }

    @Test
    void aRangePastTheEndIs416() throws Exception {
        HttpResponse<byte[]> r = client.getBytes(StaticFiles.FILM, "Range", "bytes=" + film.length + "-");
        assertThat(r.statusCode()).isEqualTo(416);
        assertThat(r.headers().firstValue("Content-Range")).hasValue("bytes */" + film.length);
    }

    @Test
    void aStaleIfRangeGetsTheWholeFile() throws Exception {
        String etag = client.getBytes(StaticFiles.FILM).headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> fresh = client.getBytes(StaticFiles.FILM, "Range", "bytes=0-9", "If-Range", etag);
        assertThat(fresh.statusCode()).isEqualTo(206);
        HttpResponse<byte[]> stale = client.getBytes(StaticFiles.FILM, "Range", "bytes=0-9", "If-Range", "\"old\"");
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.body()).isEqualTo(film);

        HttpResponse<byte[]> cached = client.getBytes(StaticFiles.FILM, "If-None-Match", etag);
        assertThat(cached.statusCode()).isEqualTo(304);
    }

    @Test
    void headGivesTheLengthWithoutABody() throws Exception {
        HttpResponse<String> r = client.head(StaticFiles.FILM);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Length")).hasValue(Integer.toString(film.length));
        assertThat(r.body()).isEmpty();
    }

    @Test
    void stylesheetAndScriptAreServed() throws Exception {
        HttpResponse<String> css = client.get("/static/shop.css");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
        HttpResponse<String> js = client.get("/static/shop.js");
        assertThat(js.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(js.body()).contains("history.pushState");
    }
}
