package dev.companion.app.flow;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.companion.p2p.protocol.Codec;
import dev.companion.p2p.protocol.ProtocolException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The flow file: JSON, described by the JSON Schema {@code flow.schema.json} next to this class
 * and by docs/flows.md. Export writes one stable layout (two-space indent, LF, a final newline), so
 * a file exported twice is the same bytes. Import is strict: the whole file is checked before
 * anything is kept, and a refusal says the line, the step and the reason ({@link FlowException}).
 * Actions are the protocol's records, read by the protocol's own mapper settings, so any field the
 * protocol adds to an action (target evidence) is written and read with it.
 */
public final class FlowFormat {
    public static final String FORMAT = "companion-flow";
    /** The version this Companion writes and the newest it reads. */
    public static final int VERSION = 1;
    public static final int MAX_BYTES = 1024 * 1024;

    private static final ObjectMapper STRICT = ((JsonMapper) Codec.mapper()).rebuild()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();
    private static final ObjectWriter WRITER = STRICT.writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private FlowFormat() {
    }

    /** The flow file's text. */
    public static String export(Flow flow) {
        try {
            return WRITER.writeValueAsString(new Doc(FORMAT, VERSION, flow.name(), flow.lang(), flow.steps())) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write flow " + flow.name(), e);
        }
    }

    /**
     * The flow in file: refused ({@link FlowError#TOO_LARGE}) when it is over {@link #MAX_BYTES},
     * without reading more than that into memory, whatever the file system says about its size.
     */
    public static Flow read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new FlowException(FlowError.TOO_LARGE, "the file has more than " + MAX_BYTES
                        + " bytes; a flow has at most that");
            }
            return read(bytes);
        }
    }

    /** Writes flow's file to file, whole or not at all (a temporary file moved into place). */
    public static void write(Flow flow, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, ".flow-", ".tmp");
        try {
            Files.writeString(tmp, export(flow), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static Flow read(String text) {
        return read(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The flow in bytes (UTF-8 JSON), or a {@link FlowException} saying where and why not. */
    public static Flow read(byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            throw new FlowException(FlowError.TOO_LARGE, "the file has " + bytes.length + " bytes; a flow has at most "
                    + MAX_BYTES);
        }
        JsonNode tree;
        try {
            tree = STRICT.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new FlowException(FlowError.MALFORMED, line(e), 0, e.getOriginalMessage());
        } catch (IOException e) {
            throw new FlowException(FlowError.MALFORMED, "cannot read the file: " + e.getMessage());
        }
        checkHead(tree);
        try {
            Doc doc = STRICT.readValue(bytes, Doc.class);
            return new Flow(doc.name(), doc.lang(), doc.steps());
        } catch (JsonMappingException e) {
            throw new FlowException(FlowError.BAD_FIELD, line(e), step(e), reason(e));
        } catch (FlowException e) {
            throw e;
        } catch (IOException e) {
            throw new FlowException(FlowError.MALFORMED, line(e), 0, e.getMessage());
        }
    }

    private static void checkHead(JsonNode tree) {
        if (tree == null || !tree.isObject() || !FORMAT.equals(tree.path("format").asText(null))) {
            throw new FlowException(FlowError.NOT_A_FLOW, 1, 0, "not a Companion flow (\"format\": \"" + FORMAT
                    + "\" missing)");
        }
        JsonNode version = tree.get("version");
        if (version == null || !version.canConvertToInt() || !version.isIntegralNumber() || version.intValue() < 1) {
            throw new FlowException(FlowError.BAD_FIELD, 1, 0, "version must be a whole number from 1");
        }
        if (version.intValue() > VERSION) {
            throw new FlowException(FlowError.NEWER_VERSION, 1, 0, "written by a newer Companion (flow version "
                    + version.intValue() + "; this one reads up to " + VERSION + ")");
        }
    }

    private static int line(IOException e) {
        return e instanceof JsonProcessingException j && j.getLocation() != null ? Math.max(0, j.getLocation().getLineNr()) : 0;
    }

    /** The step (1-based) the error is in: the index after "steps" in its path; 0 when outside. */
    private static int step(JsonMappingException e) {
        List<JsonMappingException.Reference> path = e.getPath();
        for (int i = 0; i + 1 < path.size(); i++) {
            if ("steps".equals(path.get(i).getFieldName()) && path.get(i + 1).getIndex() >= 0) {
                return path.get(i + 1).getIndex() + 1;
            }
        }
        return 0;
    }

    private static String reason(JsonMappingException e) {
        String where = field(e);
        Throwable cause = e.getCause();
        if (e instanceof ValueInstantiationException && cause instanceof FlowException f) {
            return f.reason();
        }
        if (e instanceof ValueInstantiationException && cause instanceof ProtocolException p) {
            return p.getMessage();
        }
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown field: " + (where.isEmpty() ? u.getPropertyName() : where);
        }
        if (e instanceof InvalidTypeIdException t) {
            return t.getTypeId() == null ? "missing field: " + where + ".kind" : "unknown action kind: " + t.getTypeId();
        }
        return "wrong value for " + (where.isEmpty() ? "the flow" : where) + ": " + e.getOriginalMessage().lines()
                .findFirst().orElse("");
    }

    /** The path of the field, as in "steps[2].action.value" (indexes as in the file, from 0). */
    private static String field(JsonMappingException e) {
        StringBuilder s = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                s.append(s.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                s.append('[').append(r.getIndex()).append(']');
            }
        }
        return s.toString();
    }

    /** The file's top level: the flow with its format and version first. */
    @JsonPropertyOrder({"format", "version", "name", "lang", "steps"})
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record Doc(String format, Integer version, String name, String lang, List<FlowStep> steps) {
        Doc {
            new Flow(name, lang, steps); // the flow's own checks, while the reader still knows the line
        }
    }
}
