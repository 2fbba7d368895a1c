package io.stmails.providers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stmails.http.HttpRequest;
import java.io.IOException;
import java.util.Optional;

/** A webhook request as a provider sees it: the raw body bytes (what signatures cover), headers, and the body as JSON. */
public final class ProviderRequest {
    private final HttpRequest http;
    private final ObjectMapper json;
    private JsonNode parsed;

    public ProviderRequest(HttpRequest http, ObjectMapper json) {
        this.http = http;
        this.json = json;
    }

    /** The body exactly as received; verify signatures over these bytes, never over re-serialised JSON. */
    public byte[] body() {
        return http.body();
    }

    /** Header names are case-insensitive. */
    public Optional<String> header(String name) {
        return http.header(name);
    }

    public Optional<String> query(String name) {
        return http.query(name);
    }

    /** The body parsed as JSON (once). */
    public JsonNode json() {
        if (parsed == null) {
            try {
                parsed = json.readTree(http.body());
            } catch (JsonProcessingException e) {
                throw new InvalidPayloadException("the body is not valid JSON: " + e.getOriginalMessage());
            } catch (IOException e) {
                throw new InvalidPayloadException("the body cannot be read: " + e.getMessage());
            }
            if (parsed == null || parsed.isMissingNode()) {
                throw new InvalidPayloadException("the body is empty");
            }
        }
        return parsed;
    }
}
