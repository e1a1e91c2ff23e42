package io.fairauction.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.math.BigInteger;

/**
 * The JSON serde of every {@link Event}. Amounts are decimal strings (no JSON number loses a uint256), maps are
 * written sorted, and every record carries {@link #SCHEMA_VERSION}: a reader refuses a newer schema instead of
 * misreading it.
 */
public final class EventJson {
    /** Raise on an incompatible change of any event record; additive fields keep it. */
    public static final int SCHEMA_VERSION = 1;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .addModule(new SimpleModule().addSerializer(BigInteger.class, ToStringSerializer.instance))
            .build();

    private EventJson() {
    }

    /** The property that carries {@link #SCHEMA_VERSION} (appended by {@link Event}'s {@code @JsonAppend}). */
    static final String SCHEMA = "schema";

    /** Writes the event in one pass (no intermediate tree: the collector writes one per intent it accepts). */
    private static final ObjectWriter WRITER = MAPPER.writerFor(Event.class).withAttribute(SCHEMA, SCHEMA_VERSION);

    public static String write(Event event) {
        try {
            return WRITER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event always serialises", e);
        }
    }

    /** Reads a record of any topic; {@link EventFormatException} when it is not an event of a known schema. */
    public static Event read(String json) {
        try {
            JsonNode tree = MAPPER.readTree(json);
            if (tree == null || !tree.isObject()) {
                throw new EventFormatException("not a JSON object");
            }
            int schema = tree.path("schema").asInt(-1);
            if (schema < 1 || schema > SCHEMA_VERSION) {
                throw new EventFormatException("schema " + tree.path("schema") + " is not one this reader knows (1.."
                        + SCHEMA_VERSION + ")");
            }
            return MAPPER.treeToValue(tree, Event.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new EventFormatException("unreadable event: " + e.getMessage());
        }
    }

    /** Reads a record expected to be of {@code type}. */
    public static <T extends Event> T read(String json, Class<T> type) {
        Event e = read(json);
        if (!type.isInstance(e)) {
            throw new EventFormatException("expected " + type.getSimpleName() + ", got " + e.getClass().getSimpleName());
        }
        return type.cast(e);
    }

    /** The mapper, for services that render events (e.g. an auction result) in HTTP answers. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** A record that is not an event this reader understands. */
    public static final class EventFormatException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public EventFormatException(String message) {
            super(message);
        }
    }
}
