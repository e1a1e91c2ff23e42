package io.fairauction.core.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/** Shared Jackson set-up. */
final class Json {
    private Json() {
    }

    static String toString(JsonNode node, boolean pretty) {
        try {
            return pretty
                    ? AuctionJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node)
                    : AuctionJson.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }
}
