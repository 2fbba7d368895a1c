package io.stmails.webhook;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.stmails.domain.Instants;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Locale;

/**
 * The body of listmonk's {@code POST /webhooks/bounce}. Keys match case-insensitively and unknown keys
 * (id, subscriber_id, campaign, ... from an exported bounce) are ignored, as Go's decoder does for listmonk;
 * every field is optional here and checked in listmonk's order by the webhook.
 *
 * @param meta any JSON value, kept as written; null when absent or JSON null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record BounceBody(
        String email,
        @JsonProperty("subscriber_uuid") String subscriberUuid,
        @JsonProperty("campaign_uuid") String campaignUuid,
        String type,
        String source,
        JsonNode meta,
        @JsonProperty("created_at") String createdAt) {
    private static final ObjectReader READER = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .withCoercionConfig(LogicalType.Textual, text -> text
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build()
            .reader();

    /**
     * @param body the request body as {@link io.stmails.http.StrictJson} read it
     * @throws InvalidBody naming the field, in listmonk's words
     */
    static BounceBody of(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidBody("the body must be a JSON object");
        }
        BounceBody bound;
        try {
            bound = READER.treeToValue(body, BounceBody.class);
        } catch (MismatchedInputException e) {
            String field = e.getPath().isEmpty() ? "?" : e.getPath().get(0).getFieldName();
            JsonNode value = body.get(field);
            throw new InvalidBody("field " + field.toLowerCase(Locale.ROOT) + " must be a string, got "
                    + (value == null ? "another type" : value.getNodeType().toString().toLowerCase(Locale.ROOT)));
        } catch (JsonProcessingException e) {
            throw new InvalidBody(e.getOriginalMessage());
        }
        bound.createdAtInstant();
        return bound;
    }

    /** The JSON text of {@code meta}, or null. */
    String metaJson() {
        return meta == null || meta.isNull() ? null : meta.toString();
    }

    /** An empty {@code created_at} is no time at all (the recorder uses now), as in listmonk. */
    Instant createdAtInstant() {
        if (createdAt == null || createdAt.isEmpty()) {
            return null;
        }
        try {
            return Instants.parseRfc3339(createdAt);
        } catch (DateTimeException e) {
            throw new InvalidBody("created_at \"" + createdAt + "\" is not an RFC 3339 timestamp with a year from 0001 to 9999");
        }
    }

    static final class InvalidBody extends RuntimeException {
        InvalidBody(String message) {
            super(message, null, false, false);
        }
    }
}
