package io.fairauction.collector;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fairauction.events.EventJson;

/**
 * An HTTP answer of the plain intake classes: a status and a JSON body; the controllers only copy it out. The answer
 * to an accepted intent, the one answer of nearly every request, carries its JSON text ready-made instead of a tree
 * to serialise per request.
 */
public final class Answer {
    private final int status;
    /** Parsed from {@link #json} when first asked (tests and the router): volatile, answers cross threads. */
    private volatile JsonNode body;
    private final String json;

    private Answer(int status, JsonNode body, String json) {
        this.status = status;
        this.body = body;
        this.json = json;
    }

    public static Answer of(int status, JsonNode body) {
        return new Answer(status, body, null);
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
        return new Answer(r.status(), body, null);
    }

    /**
     * {@code {"uid":uid,"status":"accepted"}} as Jackson writes that tree ({@code AnswerTest} compares); {@code uid}
     * is the intake's own 0x-hex digest, nothing to escape.
     */
    static Answer accepted(int status, String uid) {
        return new Answer(status, null, "{\"uid\":\"" + uid + "\",\"status\":\"" + Intake.ACCEPTED + "\"}");
    }

    public int status() {
        return status;
    }

    public JsonNode body() {
        JsonNode b = body;
        if (b == null) {
            try {
                b = EventJson.mapper().readTree(json);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            body = b;
        }
        return b;
    }

    public String json() {
        return json != null ? json : body.toString();
    }

    @Override
    public String toString() {
        return status + " " + json();
    }
}
