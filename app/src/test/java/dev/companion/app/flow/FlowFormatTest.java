package dev.companion.app.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.companion.p2p.protocol.Action;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The flow file (docs/flows.md): the golden files read and write back byte for byte and match the
 * JSON Schema; every bad file is refused with its code, line, step and reason, and the schema
 * refuses the same files where a schema can say so.
 */
class FlowFormatTest {
    static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(FlowFormat.class.getResourceAsStream("flow.schema.json"));

    @ParameterizedTest
    @ValueSource(strings = {"shop-purchase", "minimal"})
    void goldenFilesReadAndWriteBackTheSameBytes(String name) {
        String text = resource("golden/" + name + ".json");
        Flow flow = FlowFormat.read(text);
        assertThat(FlowFormat.export(flow)).isEqualTo(text);
        assertThat(SCHEMA.validate(json(text))).as("schema errors").isEmpty();
    }

    @Test
    void theGoldenPurchaseKeepsWhatARecordingHolds() {
        Flow flow = FlowFormat.read(resource("golden/shop-purchase.json"));
        assertThat(flow.name()).isEqualTo("Add green tea to your cart");
        assertThat(flow.steps()).hasSize(6);
        FlowStep add = flow.steps().get(4);
        assertThat(add.action()).isInstanceOf(Action.Submit.class);
        assertThat(add.expect().element()).isEqualTo("#added-banner");
        assertThat(add.expect().urlMatches("http://127.0.0.1:48080/product/green-tea?added=1")).isTrue();
        assertThat(add.afterMs()).isEqualTo(900);
        assertThat(flow.steps().get(5).ownerOnly()).as("paying stays the person's own").isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            truncated           | MALFORMED     | 7  | 0 | Unexpected end-of-input
            duplicate-key       | MALFORMED     | 5  | 0 | Duplicate field 'name'
            trailing            | MALFORMED     | 23 | 0 | Trailing token
            not-a-flow          | NOT_A_FLOW    | 1  | 0 | not a Companion flow
            newer-version       | NEWER_VERSION | 1  | 0 | flow version 2; this one reads up to 1
            no-steps            | BAD_FIELD     | 6  | 0 | a flow needs at least one step
            unknown-field       | BAD_FIELD     | 24 | 2 | unknown field: steps[1].colour
            unknown-kind        | BAD_FIELD     | 9  | 1 | unknown action kind: hover
            javascript-url      | BAD_FIELD     | 32 | 3 | only http and https URLs are followed
            input-without-value | BAD_FIELD     | 22 | 2 | missing field: value
            file-page           | BAD_FIELD     | 14 | 1 | page must be an http or https URL
            empty-expect        | BAD_FIELD     | 23 | 2 | expect needs url, element or text
            too-many-stars      | BAD_FIELD     | 16 | 1 | more than 16 '*'
            wrong-type          | BAD_FIELD     | 14 | 1 | wrong value for steps[0].after_ms
            """)
    void aBadFileIsRefusedWithItsLineStepAndReason(String file, FlowError code, int line, int step, String reason) {
        assertThatThrownBy(() -> FlowFormat.read(resource("bad/" + file + ".json")))
                .isInstanceOfSatisfying(FlowException.class, e -> {
                    assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
                    assertThat(e.line()).as(e.getMessage()).isEqualTo(line);
                    assertThat(e.step()).as(e.getMessage()).isEqualTo(step);
                    assertThat(e.reason()).contains(reason);
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-flow", "newer-version", "no-steps", "unknown-field", "unknown-kind",
            "javascript-url", "input-without-value", "file-page", "empty-expect", "wrong-type"})
    void theSchemaRefusesTheBadFilesASchemaCanDescribe(String file) {
        assertThat(SCHEMA.validate(json(resource("bad/" + file + ".json")))).isNotEmpty();
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedBeforeItIsParsed() {
        byte[] big = new byte[FlowFormat.MAX_BYTES + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        assertThatThrownBy(() -> FlowFormat.read(big)).isInstanceOfSatisfying(FlowException.class,
                e -> assertThat(e.code()).isEqualTo(FlowError.TOO_LARGE));
    }

    @Test
    void filesAreWrittenWholeAndAnOversizedOneIsNotReadIntoMemory(@TempDir Path dir) throws IOException {
        Flow flow = FlowFormat.read(resource("golden/shop-purchase.json"));
        Path file = dir.resolve("tea.json");
        FlowFormat.write(flow, file);
        assertThat(FlowFormat.read(file)).isEqualTo(flow);
        assertThat(dir.toFile().list()).containsExactly("tea.json");
        Path big = dir.resolve("big.json");
        try (var out = java.nio.file.Files.newOutputStream(big)) {
            out.write(new byte[FlowFormat.MAX_BYTES + 1]);
        }
        assertThatThrownBy(() -> FlowFormat.read(big)).isInstanceOfSatisfying(FlowException.class,
                e -> assertThat(e.code()).isEqualTo(FlowError.TOO_LARGE));
    }

    @Test
    void aNameThatWouldShowSomethingElseIsRefused() {
        String text = resource("golden/minimal.json").replace("打开茶叶小铺", "Pay \u202Eeert\u202C");
        assertThatThrownBy(() -> FlowFormat.read(text)).isInstanceOfSatisfying(FlowException.class, e -> {
            assertThat(e.code()).isEqualTo(FlowError.BAD_FIELD);
            assertThat(e.reason()).isEqualTo("name has control or text-direction characters");
        });
    }

    @Test
    void aHintOverItsLimitIsRefusedAtItsStep() {
        String text = resource("golden/minimal.json").replace("\"after_ms\"", "\"hint\": \"" + "x".repeat(501)
                + "\",\n      \"after_ms\"");
        assertThatThrownBy(() -> FlowFormat.read(text)).isInstanceOfSatisfying(FlowException.class, e -> {
            assertThat(e.step()).isEqualTo(1);
            assertThat(e.reason()).contains("field too long: hint");
        });
    }

    @Test
    void editsMakeNewFlowsAndRefuseStepsThatAreNotThere() {
        Flow flow = FlowFormat.read(resource("golden/shop-purchase.json"));
        Flow moved = flow.withStepMoved(6, 1).withHint(2, "  ").withoutStep(3).renamed(" Tea ");
        assertThat(moved.name()).isEqualTo("Tea");
        assertThat(moved.steps()).hasSize(5);
        assertThat(moved.steps().get(0)).isEqualTo(flow.steps().get(5));
        assertThat(moved.steps().get(1).hint()).isNull();
        assertThat(moved.steps().get(2)).isEqualTo(flow.steps().get(2));
        assertThat(flow.steps()).hasSize(6);
        assertThatThrownBy(() -> flow.withHint(7, "x")).isInstanceOfSatisfying(FlowException.class,
                e -> assertThat(e.code()).isEqualTo(FlowError.NOT_FOUND));
        Flow one = FlowFormat.read(resource("golden/minimal.json"));
        assertThatThrownBy(() -> one.withoutStep(1)).isInstanceOfSatisfying(FlowException.class,
                e -> assertThat(e.reason()).contains("at least one step"));
    }

    @Test
    void urlPatternsMatchWholeUrlsWithStarsForAnyRun() {
        assertThat(UrlPattern.matches("http://shop/search?*", "http://shop/search?q=tea")).isTrue();
        assertThat(UrlPattern.matches("http://shop/search?*", "http://shop/search")).isFalse();
        assertThat(UrlPattern.matches("http://shop/*/green-tea*", "http://shop/product/green-tea")).isTrue();
        assertThat(UrlPattern.matches("http://shop/cart", "http://shop/cart?x")).isFalse();
        assertThat(UrlPattern.matches("http://*a*a*a*a*a*a*a*a*b", "http://" + "a".repeat(4000))).isFalse();
    }

    private static String resource(String name) {
        try (InputStream in = FlowFormatTest.class.getResourceAsStream("/flows/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
