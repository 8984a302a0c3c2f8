package dev.companion.bench.link;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.companion.p2p.protocol.Codec;

/** JSON helpers for the children's answer lines. */
public final class Codecs {
    private Codecs() {
    }

    public static JsonNode tree(String json) {
        try {
            return Codec.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bad JSON from a child: " + json, e);
        }
    }
}
