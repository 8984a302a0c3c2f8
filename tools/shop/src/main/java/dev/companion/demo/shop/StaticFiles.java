package dev.companion.demo.shop;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The shop's files (stylesheet, script, icon, film), read from the class path once at start and served
 * with an ETag and byte-range support, so that a video element can seek.
 */
final class StaticFiles {
    static final String FILM = "/media/film.webm";
    /** The film played 14 times over (70 s), for film night: see {@link FilmLoop}. */
    static final String LONG_FILM = "/media/film-long.webm";
    static final int LONG_FILM_REPEATS = 14;

    private record Asset(byte[] bytes, String type, String etag) {}

    private final Map<String, Asset> assets;
    private final FilmGates gates = new FilmGates();

    StaticFiles() {
        Asset film = load("film.webm", "video/webm");
        assets = Map.of(
                "/static/shop.css", load("shop.css", "text/css; charset=utf-8"),
                "/static/shop.js", load("shop.js", "text/javascript; charset=utf-8"),
                "/static/favicon.svg", load("favicon.svg", "image/svg+xml"),
                FILM, film,
                LONG_FILM, asset(FilmLoop.repeat(film.bytes(), LONG_FILM_REPEATS), "video/webm"));
    }

    FilmGates gates() {
        return gates;
    }

    boolean has(String path) {
        return assets.containsKey(path);
    }

    /**
     * {@code GET or HEAD} of a file: 200, 206 for a range, 304 for a matching ETag, 416 past the end.
     * A film's bytes come at the pace the browser's film-lab cookie asks for ({@link FilmLab}).
     */
    void serve(ShopExchange ex) throws IOException {
        Asset a = assets.get(ex.path());
        if (a == null) {
            throw new HttpError(404, "There is no file “" + ex.path() + "”.");
        }
        var headers = ex.responseHeaders();
        FilmLab.Pace pace = pace(ex);
        boolean paced = !pace.equals(FilmLab.Pace.FULL);
        headers.set("Accept-Ranges", "bytes");
        headers.set("ETag", a.etag());
        // a paced film is never answered from the browser's cache: a slow member stays slow
        headers.set("Cache-Control", paced ? "no-store" : "no-cache");
        String range = ex.requestHeader("Range");
        if (!paced && range == null && a.etag().equals(ex.requestHeader("If-None-Match"))) {
            ex.send(304, null, new byte[0]);
            return;
        }
        String ifRange = ex.requestHeader("If-Range");
        if (ifRange != null && !ifRange.equals(a.etag())) {
            range = null; // the client's copy is stale: send everything
        }
        int size = a.bytes().length;
        ByteRange r = ByteRange.parse(range, size);
        switch (r.kind()) {
            case WHOLE -> ex.send(200, a.type(), a.bytes(), 0, size, pace);
            case PART -> {
                headers.set("Content-Range", "bytes " + r.start() + "-" + r.end() + "/" + size);
                ex.send(206, a.type(), a.bytes(), (int) r.start(), (int) r.length(), pace);
            }
            case UNSATISFIABLE -> {
                headers.set("Content-Range", "bytes */" + size);
                ex.send(416, a.type(), new byte[0]);
            }
        }
    }

    private FilmLab.Pace pace(ShopExchange ex) {
        return ex.path().startsWith("/media/") ? FilmLab.of(ex).pace(gates) : FilmLab.Pace.FULL;
    }

    private static Asset load(String name, String type) {
        try (InputStream in = StaticFiles.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " next to " + StaticFiles.class);
            }
            return asset(in.readAllBytes(), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Asset asset(byte[] bytes, String type) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return new Asset(bytes, type, "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
