package dev.companion.p2p.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * JSON encoding of {@link Message}s (one frame's payload). Decoding never throws anything but
 * {@link ProtocolException} with the code to answer: BAD_FRAME, UNKNOWN_TYPE or MISSING_FIELD.
 * Unknown fields are ignored so that newer peers can add optional fields. A field named twice in
 * one object ({@code {"type":"ping","type":"login"}}, a second {@code from} or {@code seq}) is
 * BAD_FRAME: a message must not read one way here (Jackson keeps the last) and another way in a
 * reader that keeps the first, a log, or a future implementation.
 */
public final class Codec {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private Codec() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] encode(Message message) {
        try {
            return MAPPER.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    public static String encodeToString(Message message) {
        return new String(encode(message), StandardCharsets.UTF_8);
    }

    public static Message decode(byte[] payload) {
        if (!mayStartJson(payload)) { // the common garbage of a flood: no parser, no parser's exception
            throw new ProtocolException(ErrorCode.BAD_FRAME, "frame is not valid JSON");
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(payload);
        } catch (StreamReadException e) {
            throw new ProtocolException(ErrorCode.BAD_FRAME, String.valueOf(e.getOriginalMessage()).startsWith("Duplicate field")
                    ? "frame names a field twice" : "frame is not valid JSON");
        } catch (IOException e) {
            throw new ProtocolException(ErrorCode.BAD_FRAME, "frame is not valid JSON");
        }
        return decode(tree);
    }

    public static Message decode(String json) {
        return decode(json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The request id of a frame that failed to decode, when it can be read; else null. Read with the
     * streaming parser, without building the frame's tree (a frame refused over the rate is never
     * parsed otherwise), and with the tree's answers: the top-level "req" (the last one when it is
     * repeated), when it is a number that fits a long (a fraction is cut), and only from a frame that
     * is one valid JSON object.
     */
    public static Long requestIdOf(byte[] payload) {
        int first = firstByte(payload);
        if (first != '{' && !otherEncoding(first)) {
            return null; // not an object: no "req" (garbage, a number, an array, nothing)
        }
        try (JsonParser p = MAPPER.createParser(payload)) {
            p.nextToken();
            Long req = null;
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                boolean isReq = "req".equals(p.currentName());
                JsonToken v = p.nextToken();
                if (isReq) {
                    req = longOf(p, v);
                }
                p.skipChildren();
            }
            return p.nextToken() == null ? req : null; // trailing tokens: not one JSON value, as decode says
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** A JSON number's value as JsonNode.canConvertToLong and asLong give it; null for anything else. */
    private static Long longOf(JsonParser p, JsonToken v) throws IOException {
        if (v == JsonToken.VALUE_NUMBER_INT) {
            JsonParser.NumberType type = p.getNumberType();
            return type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG ? p.getLongValue() : null;
        }
        if (v == JsonToken.VALUE_NUMBER_FLOAT) {
            double d = p.getDoubleValue();
            return d >= Long.MIN_VALUE && d <= Long.MAX_VALUE ? (long) d : null;
        }
        return null;
    }

    /** The first byte (0-255) that is not JSON whitespace, or -1 when there is none. */
    private static int firstByte(byte[] payload) {
        for (byte b : payload) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return b & 0xFF;
            }
        }
        return -1;
    }

    /** A first byte of JSON in a form the parser detects and reads: a byte-order mark, or UTF-16/32 (a zero byte). */
    private static boolean otherEncoding(int b) {
        return b == 0 || b == 0xEF || b == 0xFE || b == 0xFF;
    }

    /**
     * False only when payload cannot be JSON: its first byte starts no JSON value (what is empty or
     * blank, or in another encoding, is left to the parser, whose answer it keeps).
     */
    private static boolean mayStartJson(byte[] payload) {
        int b = firstByte(payload);
        return b == -1 || otherEncoding(b) || b == '{' || b == '[' || b == '"' || b == '-' || (b >= '0' && b <= '9')
                || b == 't' || b == 'f' || b == 'n';
    }

    private static Message decode(JsonNode tree) {
        if (tree == null || !tree.isObject()) {
            throw new ProtocolException(ErrorCode.BAD_FRAME, "frame is not a JSON object");
        }
        JsonNode type = tree.get("type");
        if (type == null || !type.isTextual()) {
            throw new ProtocolException(ErrorCode.MISSING_FIELD, "missing field: type");
        }
        try {
            return MAPPER.treeToValue(tree, Message.class);
        } catch (InvalidTypeIdException e) {
            ProtocolException inner = find(e);
            if (inner != null) {
                throw inner;
            }
            if (e.getBaseType() != null && e.getBaseType().getRawClass() == Action.class) {
                throw new ProtocolException(ErrorCode.MISSING_FIELD, "action kind must be one of "
                        + List.of(ActionKind.values()));
            }
            throw new ProtocolException(ErrorCode.UNKNOWN_TYPE, "unknown message type: " + clip(type.asText()));
        } catch (ValueInstantiationException e) {
            ProtocolException inner = find(e);
            if (inner != null) {
                throw inner;
            }
            throw new ProtocolException(ErrorCode.MISSING_FIELD, "bad " + type.asText() + " message");
        } catch (MismatchedInputException e) {
            ProtocolException inner = find(e);
            if (inner != null) {
                throw inner;
            }
            throw new ProtocolException(ErrorCode.MISSING_FIELD, "bad field in " + clip(type.asText()) + ": " + path(e));
        } catch (JsonParseException e) {
            throw new ProtocolException(ErrorCode.BAD_FRAME, "frame is not valid JSON");
        } catch (IOException | RuntimeException e) {
            ProtocolException inner = find(e);
            if (inner != null) {
                throw inner;
            }
            throw new ProtocolException(ErrorCode.MISSING_FIELD, "bad " + clip(type.asText()) + " message");
        }
    }

    private static ProtocolException find(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ProtocolException pe) {
                return pe;
            }
        }
        return null;
    }

    private static String path(MismatchedInputException e) {
        StringBuilder b = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                b.append(b.isEmpty() ? "" : ".").append(ref.getFieldName());
            }
        }
        return b.isEmpty() ? "?" : b.toString();
    }

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
