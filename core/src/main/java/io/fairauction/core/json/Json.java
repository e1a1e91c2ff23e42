package io.fairauction.core.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;

/** Shared Jackson set-up. */
final class Json {
    /** Jackson's default indents with the platform line separator; files must be the same bytes everywhere. */
    private static final DefaultPrettyPrinter PRETTY =
            new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));

    private Json() {
    }

    static String toString(JsonNode node, boolean pretty) {
        try {
            return pretty
                    ? AuctionJson.MAPPER.writer(PRETTY).writeValueAsString(node)
                    : AuctionJson.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }
}
