package dev.companion.bench.link;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.companion.p2p.protocol.Codec;
import dev.companion.p2p.protocol.Messages;

/** JSON helpers for the children's answer lines, and a codec warm-up. */
public final class Codecs {
    private Codecs() {
    }

    /**
     * Encodes and decodes one action and one ok, so that the message codec (Jackson) is loaded and
     * initialised before a clock starts: an app has used it long before it connects anything.
     */
    public static void warmUp() {
        Codec.decode(Codec.encodeToString(Payload.action(0, 0)));
        Codec.decode(Codec.encodeToString(new Messages.Ok(Payload.seq(0, 0))));
    }

    public static JsonNode tree(String json) {
        try {
            return Codec.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bad JSON from a child: " + json, e);
        }
    }
}
