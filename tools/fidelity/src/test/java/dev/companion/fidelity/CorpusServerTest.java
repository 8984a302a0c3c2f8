package dev.companion.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The corpus server: one URL, each user's own version; reports recorded per user; nothing outside the corpus. */
class CorpusServerTest {
    @TempDir
    Path corpus;
    private CorpusServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        Files.createDirectories(corpus.resolve("page"));
        Files.writeString(corpus.resolve("page/index.html"), "<html><head></head><body>everyone</body></html>");
        Files.writeString(corpus.resolve("page/index.bob.html"), "<html><head></head><body>bob's</body></html>");
        Files.writeString(corpus.resolve("secret.txt"), "outside a page folder but inside the corpus");
        server = CorpusServer.start(corpus);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void eachUserSeesTheirOwnVersionWithTheHelper() throws Exception {
        assertThat(get("/page/index.html", null).body()).contains("everyone").contains("/fidelity/fidelity.js");
        assertThat(get("/page/", "fid-user=bob").body()).contains("bob's");
        assertThat(get("/page/index.html?fid-as=carol", "fid-user=bob").body()).contains("everyone");
        // a route the app draws itself falls back to the folder's page
        assertThat(get("/page/orders/42", "fid-user=bob").body()).contains("bob's");
    }

    @Test
    void loginSetsTheUserForTheHost() throws Exception {
        HttpResponse<String> r = get("/fidelity/login?as=bob&to=/page/", null);
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Set-Cookie")).hasValueSatisfying(c -> assertThat(c).startsWith("fid-user=bob;"));
        assertThat(get("/fidelity/login?as=bob&to=//evil.example/", null).statusCode()).isEqualTo(400);
        assertThat(get("/fidelity/login?as=Bob%20Smith&to=/", null).statusCode()).isEqualTo(400);
    }

    @Test
    void reportsAreKeptPerUserInOrder() throws Exception {
        long mark = server.events().mark();
        http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/fidelity/set"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"bob\",\"key\":\"cart:green\",\"value\":\"added\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/fidelity/do"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", "fid-user=alice")
                .POST(HttpRequest.BodyPublishers.ofString("key=cart%3Ablack&value=added&back=%2Fpage%2F"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(server.events().since("bob", mark)).extracting(Events.Event::key).containsExactly("cart:green");
        assertThat(server.events().since("alice", mark)).extracting(Events.Event::value).containsExactly("added");
        assertThat(server.events().valueAt("bob", "cart:green", mark, server.events().mark())).isEqualTo("added");
    }

    @Test
    void nothingOutsideThePageFoldersOrTheCorpus() throws Exception {
        assertThat(get("/../../etc/passwd", null).statusCode()).isEqualTo(404);
        assertThat(get("/page/..%2F..%2F..%2Fetc%2Fpasswd", null).statusCode()).isEqualTo(404);
    }
}
