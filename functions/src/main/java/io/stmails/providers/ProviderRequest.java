package io.stmails.providers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.stmails.http.BadRequestException;
import io.stmails.http.HttpRequest;
import io.stmails.http.StrictJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A webhook request as a provider sees it: the raw body bytes (what signatures cover), headers, and the body
 * as JSON, read strictly ({@link StrictJson}) and bound to the provider's records of its events.
 */
public final class ProviderRequest {
    /** Providers add fields over time, so fields a record does not name are ignored; scalars convert as text. */
    private static final ObjectMapper PAYLOADS = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final HttpRequest http;
    private final StrictJson json;
    private JsonNode parsed;

    public ProviderRequest(HttpRequest http, ObjectMapper json) {
        this.http = http;
        this.json = new StrictJson(json);
    }

    /** The body exactly as received; verify signatures over these bytes, never over re-serialised JSON. */
    public byte[] body() {
        return http.body();
    }

    /** Header names are case-insensitive. */
    public Optional<String> header(String name) {
        return http.header(name);
    }

    /** A header that must be present and non-blank; its absence rejects the request, naming it. */
    public String requiredHeader(String name) {
        return header(name).filter(value -> !value.isBlank())
                .orElseThrow(() -> new RejectedException("missing " + name + " header"));
    }

    public Optional<String> query(String name) {
        try {
            return http.query(name);
        } catch (BadRequestException e) {
            throw new InvalidPayloadException(e.getMessage());
        }
    }

    /** The body as one JSON object; anything else is invalid ({@code sender} names who posts what, for the message). */
    public JsonNode jsonObject(String sender) {
        if (!json().isObject()) {
            throw new InvalidPayloadException(sender + " posts one JSON object per request");
        }
        return parsed;
    }

    /** The body as a JSON array; anything else is invalid. */
    public JsonNode jsonArray(String sender) {
        if (!json().isArray()) {
            throw new InvalidPayloadException(sender + " posts a JSON array of events");
        }
        return parsed;
    }

    /**
     * The events of a provider that posts either one JSON object or, when batching is on, an array of
     * them; each element must be an object.
     */
    public List<JsonNode> jsonObjects(String sender) {
        JsonNode body = json();
        if (body.isObject()) {
            return List.of(body);
        }
        if (!body.isArray()) {
            throw new InvalidPayloadException(sender + " posts a JSON object or an array of them");
        }
        List<JsonNode> events = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            if (!body.get(i).isObject()) {
                throw new InvalidPayloadException("event " + i + " is not an object");
            }
            events.add(body.get(i));
        }
        return events;
    }

    /**
     * One event (or the body) bound to the provider's record of it; an absent one binds as an empty object.
     *
     * @throws InvalidPayloadException a field the record names holds the wrong kind of value, naming the field
     */
    public static <T> T bind(JsonNode event, Class<T> type) {
        try {
            return PAYLOADS.treeToValue(event == null || event.isNull() ? PAYLOADS.createObjectNode() : event, type);
        } catch (MismatchedInputException e) {
            StringBuilder field = new StringBuilder();
            for (JsonMappingException.Reference reference : e.getPath()) {
                field.append(reference.getFieldName() != null ? "." + reference.getFieldName() : "[" + reference.getIndex() + "]");
            }
            throw new InvalidPayloadException((field.isEmpty() ? "the event" : field.substring(1)) + " has the wrong type");
        } catch (JsonProcessingException e) {
            throw new InvalidPayloadException(e.getOriginalMessage());
        }
    }

    /** The body parsed as JSON (once). */
    public JsonNode json() {
        if (parsed == null) {
            try {
                parsed = json.read(http);
            } catch (BadRequestException e) {
                throw new InvalidPayloadException(e.getMessage());
            }
            if (parsed == null) {
                throw new InvalidPayloadException("the body is empty");
            }
        }
        return parsed;
    }
}
