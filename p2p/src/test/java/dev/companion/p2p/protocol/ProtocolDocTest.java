package dev.companion.p2p.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/protocol.md lists every message type and every error code the code knows. */
class ProtocolDocTest {
    private static String doc() throws Exception {
        Path p = Path.of("..", "docs", "protocol.md");
        return Files.readString(p);
    }

    @Test
    void everyMessageTypeIsDocumented() throws Exception {
        String doc = doc();
        for (JsonSubTypes.Type t : Message.class.getAnnotation(JsonSubTypes.class).value()) {
            assertThat(doc).as("docs/protocol.md mentions `%s`", t.name()).contains("`" + t.name() + "`");
        }
    }

    @Test
    void everyErrorCodeIsDocumented() throws Exception {
        String doc = doc();
        for (ErrorCode c : ErrorCode.values()) {
            assertThat(doc).as("docs/protocol.md lists `%s`", c).contains("| `" + c.name() + "` |");
        }
    }

    @Test
    void everyActionKindIsDocumented() throws Exception {
        String doc = doc();
        for (ActionKind kind : ActionKind.values()) {
            assertThat(doc).as("docs/protocol.md lists action `%s`", kind).contains("| `" + kind + "` |");
        }
    }
}
