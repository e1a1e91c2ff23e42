package io.fairauction.collector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fairauction.events.EventJson;

/** An HTTP answer of the plain intake classes: a status and a JSON body; the controllers only copy it out. */
public record Answer(int status, JsonNode body) {
    public static Answer of(int status, JsonNode body) {
        return new Answer(status, body);
    }

    public static Answer of(Rejection r) {
        ObjectNode body = EventJson.mapper().createObjectNode();
        body.put("code", r.code().wire());
        body.put("message", r.message());
        if (r.field() == null) {
            body.putNull("field");
        } else {
            body.put("field", r.field());
        }
        return new Answer(r.status(), body);
    }

    public String json() {
        return body.toString();
    }
}
