package io.stmails.providers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stmails.domain.OriginHeaders;
import io.stmails.domain.Uuids;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The campaign and subscriber a provider's bounce comes from (its origin; the mail parser's
 * {@code Origin} finds the same in a returned message), as the provider echoes them back (custom args,
 * metadata or the message's headers). Keys match ignoring case and punctuation, so
 * {@code campaign_uuid}, the {@link OriginHeaders} ({@code X-Listmonk-Campaign}...) and SendGrid's
 * flattened {@code XListmonkCampaign} all work. Values that are not well-formed UUIDs are dropped rather
 * than failing the bounce.
 */
public record Origin(String campaignUuid, String subscriberUuid) {
    public static final Origin NONE = new Origin(null, null);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> CAMPAIGN_KEYS = keys("campaign_uuid", OriginHeaders.CAMPAIGN);
    private static final Set<String> SUBSCRIBER_KEYS = keys("subscriber_uuid", OriginHeaders.SUBSCRIBER);

    /** From an object whose keys are custom arguments, metadata or header names. */
    public static Origin fromFields(JsonNode object) {
        Origin origin = NONE;
        if (object == null || !object.isObject()) {
            return origin;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            origin = origin.or(of(field.getKey(), field.getValue()));
        }
        return origin;
    }

    /** From a list of {@code {"name": ..., "value": ...}} headers. */
    public static Origin fromHeaderList(JsonNode headers) {
        Origin origin = NONE;
        if (headers == null || !headers.isArray()) {
            return origin;
        }
        for (JsonNode header : headers) {
            origin = origin.or(of(header.path("name").asText(""), header.path("value")));
        }
        return origin;
    }

    /**
     * From a free-text value the provider echoes back (Brevo's {@code X-Mailin-custom}, Mailjet's
     * {@code X-MJ-EventPayload} and {@code X-MJ-CustomID}): a JSON object with the keys above, or a bare
     * campaign UUID, which is all a static per-campaign header can carry.
     */
    public static Origin fromEcho(String text) {
        String value = text == null ? "" : text.trim();
        if (Uuids.isWellFormed(value)) {
            return new Origin(value.toLowerCase(Locale.ROOT), null);
        }
        if (!value.startsWith("{")) {
            return NONE;
        }
        try {
            return fromFields(JSON.readTree(value));
        } catch (JsonProcessingException e) {
            return NONE;
        }
    }

    /** This origin, with what it lacks taken from {@code fallback}. */
    public Origin or(Origin fallback) {
        return new Origin(campaignUuid != null ? campaignUuid : fallback.campaignUuid,
                subscriberUuid != null ? subscriberUuid : fallback.subscriberUuid);
    }

    private static Set<String> keys(String argument, List<String> headers) {
        return Stream.concat(Stream.of(argument), headers.stream()).map(Origin::normalise).collect(Collectors.toUnmodifiableSet());
    }

    private static String normalise(String key) {
        return key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    private static Origin of(String key, JsonNode value) {
        String normalisedKey = normalise(key);
        String uuid = value != null && value.isTextual() && Uuids.isWellFormed(value.asText().trim())
                ? value.asText().trim().toLowerCase(Locale.ROOT) : null;
        if (uuid == null) {
            return NONE;
        }
        if (CAMPAIGN_KEYS.contains(normalisedKey)) {
            return new Origin(uuid, null);
        }
        if (SUBSCRIBER_KEYS.contains(normalisedKey)) {
            return new Origin(null, uuid);
        }
        return NONE;
    }
}
