package dev.companion.demo.shop;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** One request and its response, with the parsing and sending helpers the pages need. */
final class ShopExchange {
    /** Largest form body accepted. */
    static final int MAX_FORM_BYTES = 64 * 1024;

    private static final String HTML = "text/html; charset=utf-8";

    private final HttpExchange he;
    private final Accounts accounts;
    private Map<String, List<String>> query;
    private Map<String, List<String>> form;
    private boolean sent;

    ShopExchange(HttpExchange he, Accounts accounts) {
        this.he = he;
        this.accounts = accounts;
    }

    String method() {
        return he.getRequestMethod().toUpperCase(Locale.ROOT);
    }

    boolean isHead() {
        return method().equals("HEAD");
    }

    /** The decoded path, e.g. {@code /product/green-tea}. */
    String path() {
        return he.getRequestURI().getPath();
    }

    /** Path and raw query as sent, e.g. {@code /search?q=tea}: where to come back to after signing in. */
    String pathAndQuery() {
        String raw = he.getRequestURI().getRawQuery();
        return he.getRequestURI().getRawPath() + (raw == null ? "" : "?" + raw);
    }

    String requestHeader(String name) {
        return he.getRequestHeaders().getFirst(name);
    }

    Headers responseHeaders() {
        return he.getResponseHeaders();
    }

    /** First value of a query parameter, or null. */
    String query(String name) {
        if (query == null) {
            query = Forms.parse(he.getRequestURI().getRawQuery());
        }
        return first(query, name);
    }

    /** First value of a field of the url-encoded form body, or null. */
    String form(String name) throws IOException {
        if (form == null) {
            form = Forms.parse(readFormBody());
        }
        return first(form, name);
    }

    /** The signed-in user's name, if the session cookie names a live session. */
    Optional<String> user() {
        return accounts.userOf(cookie(Accounts.COOKIE));
    }

    /**
     * The signed-in user's own address of a per-user page ({@code "cart"}, {@code "account"}):
     * {@code /cart/<their token>?sid=<this session's>}; null when not signed in.
     */
    String ownPath(String page) {
        String session = cookie(Accounts.COOKIE);
        Optional<String> user = accounts.userOf(session);
        return user.map(u -> "/" + page + "/" + accounts.token(u) + "?sid=" + accounts.urlSid(session)).orElse(null);
    }

    /**
     * Whether this request is the signed-in user's own per-user page: the token in its path is theirs
     * and its sid this session's. Throws the page a visitor with someone else's address sees.
     */
    void requireOwn(String page) throws HttpError {
        String session = cookie(Accounts.COOKIE);
        String user = accounts.userOf(session).orElseThrow();
        String token = path().substring(page.length() + 2);
        if (!token.equals(accounts.token(user))) {
            throw new HttpError(404, List.of("There is no " + page + " at this address: each account's " + page
                    + " has its own. Open yours from the " + (page.equals("cart") ? "Cart" : "Account") + " link."), "/");
        }
        String sid = query("sid");
        if (sid == null || !sid.equals(accounts.urlSid(session))) {
            throw new HttpError(403, List.of("This " + page + " link belongs to another session. Open yours from the "
                    + (page.equals("cart") ? "Cart" : "Account") + " link."), "/");
        }
    }

    String cookie(String name) {
        for (String header : he.getRequestHeaders().getOrDefault("Cookie", List.of())) {
            for (String part : header.split(";")) {
                int eq = part.indexOf('=');
                if (eq > 0 && part.substring(0, eq).strip().equals(name)) {
                    return part.substring(eq + 1).strip();
                }
            }
        }
        return null;
    }

    boolean responseSent() {
        return sent;
    }

    /** Sends a dynamic HTML page: UTF-8, never cached. */
    void html(int status, String page) throws IOException {
        responseHeaders().set("Cache-Control", "no-store");
        send(status, HTML, page.getBytes(StandardCharsets.UTF_8));
    }

    void json(int status, String json) throws IOException {
        responseHeaders().set("Cache-Control", "no-store");
        send(status, "application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8));
    }

    /** Redirects with 303 See Other, so the browser follows with a GET. */
    void redirect(String location) throws IOException {
        responseHeaders().set("Location", location);
        responseHeaders().set("Cache-Control", "no-store");
        send(303, HTML, ("<!doctype html><title>See other</title><a href=\"" + Html.esc(location) + "\">"
                + Html.esc(location) + "</a>").getBytes(StandardCharsets.UTF_8));
    }

    void send(int status, String contentType, byte[] body) throws IOException {
        send(status, contentType, body, 0, body.length);
    }

    /** Sends part of a byte array as the body (HEAD: headers only). */
    void send(int status, String contentType, byte[] body, int offset, int length) throws IOException {
        send(status, contentType, body, offset, length, FilmLab.Pace.FULL);
    }

    /** Sends part of a byte array as the body at pace (HEAD: headers only, at once). */
    void send(int status, String contentType, byte[] body, int offset, int length, FilmLab.Pace pace) throws IOException {
        if (contentType != null) {
            responseHeaders().set("Content-Type", contentType);
        }
        responseHeaders().set("X-Content-Type-Options", "nosniff");
        sent = true;
        if (isHead() || length == 0) {
            if (isHead()) {
                responseHeaders().set("Content-Length", Integer.toString(length));
            }
            he.sendResponseHeaders(status, -1);
            return;
        }
        pace.beforeHeaders();
        he.sendResponseHeaders(status, length);
        try (OutputStream out = he.getResponseBody()) {
            pace.write(out, body, offset, length);
        }
    }

    private String readFormBody() throws IOException {
        String type = requestHeader("Content-Type");
        if (type != null && !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            throw new HttpError(415, "Forms must be sent as application/x-www-form-urlencoded.");
        }
        try (InputStream in = he.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_FORM_BYTES + 1);
            if (body.length > MAX_FORM_BYTES) {
                throw new HttpError(413, "The form is too large.");
            }
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static String first(Map<String, List<String>> values, String name) {
        List<String> list = values.get(name);
        return list == null || list.isEmpty() ? null : list.get(0);
    }
}
