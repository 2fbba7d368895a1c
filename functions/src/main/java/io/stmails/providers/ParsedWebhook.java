package io.stmails.providers;

import com.fasterxml.jackson.databind.JsonNode;
import io.stmails.domain.BounceEvent;
import java.util.List;
import java.util.Optional;

/**
 * What an authenticated request reports: the bounces to record (one per recipient and event), and
 * the body to answer with when the provider expects one instead of listmonk's {@code {"data": true}}
 * (Azure Event Grid's validation handshake).
 */
public record ParsedWebhook(List<BounceEvent> bounces, JsonNode reply) {
    public ParsedWebhook {
        bounces = List.copyOf(bounces);
    }

    public static ParsedWebhook of(List<BounceEvent> bounces) {
        return new ParsedWebhook(bounces, null);
    }

    public static ParsedWebhook replyWith(JsonNode reply) {
        return new ParsedWebhook(List.of(), reply);
    }

    public Optional<JsonNode> replyBody() {
        return Optional.ofNullable(reply);
    }
}
