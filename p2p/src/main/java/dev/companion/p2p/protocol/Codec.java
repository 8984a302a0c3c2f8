package dev.companion.p2p.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
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
 * Unknown fields are ignored so that newer peers can add optional fields.
 */
public final class Codec {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
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
        JsonNode tree;
        try {
            tree = MAPPER.readTree(payload);
        } catch (IOException e) {
            throw new ProtocolException(ErrorCode.BAD_FRAME, "frame is not valid JSON");
        }
        return decode(tree);
    }

    public static Message decode(String json) {
        return decode(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The request id of a frame that failed to decode, when it can be read; else null. */
    public static Long requestIdOf(byte[] payload) {
        try {
            JsonNode req = MAPPER.readTree(payload).get("req");
            return req != null && req.canConvertToLong() ? req.asLong() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
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
