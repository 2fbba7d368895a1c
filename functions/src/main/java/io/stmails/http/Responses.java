package io.stmails.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;

/** listmonk's envelope: {@code {"data": ...}} on success, {@code {"message": "..."}} on error. */
public final class Responses {
    private static final Map<String, String> JSON = Map.of("content-type", "application/json; charset=utf-8");

    private final ObjectMapper json;

    public Responses(ObjectMapper json) {
        this.json = json;
    }

    public HttpResponse data(Object data) {
        ObjectNode envelope = json.createObjectNode();
        envelope.set("data", json.valueToTree(data));
        return new HttpResponse(200, JSON, envelope.toString());
    }

    /** 202: a bulk operation ran out of time; {@code data} says how far it got and how to continue. */
    public HttpResponse accepted(String message, Object data) {
        ObjectNode envelope = json.createObjectNode();
        envelope.set("data", json.valueToTree(data));
        envelope.put("message", message);
        return new HttpResponse(202, JSON, envelope.toString());
    }

    public HttpResponse error(int status, String message) {
        return error(status, message, Map.of());
    }

    public HttpResponse error(int status, String message, Map<String, String> extraHeaders) {
        ObjectNode envelope = json.createObjectNode();
        envelope.put("message", message);
        Map<String, String> headers = new HashMap<>(JSON);
        headers.putAll(extraHeaders);
        return new HttpResponse(status, headers, envelope.toString());
    }
}
