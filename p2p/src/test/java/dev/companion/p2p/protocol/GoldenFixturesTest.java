package dev.companion.p2p.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every message type has a pretty-printed fixture in golden/; decoding and encoding agree with it. */
class GoldenFixturesTest {
    private static final Map<String, Message> EXPECTED = GoldenMessages.all();

    static Set<String> subtypeNames() {
        return Arrays.stream(Message.class.getAnnotation(JsonSubTypes.class).value())
                .map(JsonSubTypes.Type::name).collect(Collectors.toSet());
    }

    static String fixture(String type) throws IOException {
        try (InputStream in = GoldenFixturesTest.class.getResourceAsStream("/golden/" + type + ".json")) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void everySubtypeHasAFixtureAndAnExpectedMessage() throws IOException {
        for (String type : subtypeNames()) {
            assertThat(fixture(type)).as("golden/%s.json", type).isNotNull();
        }
        assertThat(EXPECTED.keySet()).containsExactlyInAnyOrderElementsOf(subtypeNames());
        assertThat(records(Message.class)).hasSize(subtypeNames().size());
    }

    /** The records a sealed interface permits, through its sealed sub-interfaces. */
    static Set<Class<?>> records(Class<?> sealed) {
        return Arrays.stream(sealed.getPermittedSubclasses())
                .flatMap(c -> c.isRecord() ? Stream.of(c) : records(c).stream())
                .collect(Collectors.toSet());
    }

    @TestFactory
    Stream<DynamicTest> decodingGivesTheRecordAndEncodingGivesTheSameTree() {
        Map<String, Message> all = new java.util.TreeMap<>(EXPECTED);
        all.putAll(GoldenMessages.variants());
        return all.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            String json = fixture(e.getKey());
            assertThat(json).as("golden/%s.json", e.getKey()).isNotNull();
            assertThat(json).as("pretty printed").contains("\n  \"type\" : ");
            Message decoded = Codec.decode(json);
            assertThat(decoded).isEqualTo(e.getValue());
            JsonNode fixtureTree = Codec.mapper().readTree(json);
            JsonNode encodedTree = Codec.mapper().readTree(Codec.encode(e.getValue()));
            assertThat(encodedTree).isEqualTo(fixtureTree);
            String type = e.getKey().contains(".") ? e.getKey().substring(0, e.getKey().indexOf('.')) : e.getKey();
            assertThat(fixtureTree.get("type").asText()).isEqualTo(type);
        }));
    }

    @Test
    void variantsAreOfKnownTypes() {
        for (String name : GoldenMessages.variants().keySet()) {
            assertThat(subtypeNames()).as(name).contains(name.substring(0, name.indexOf('.')));
        }
    }
}
