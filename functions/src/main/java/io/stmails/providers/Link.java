package io.stmails.providers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stmails.domain.Uuids;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The campaign and subscriber a bounce belongs to, as the provider echoes them back (custom args,
 * metadata or the message's headers). Keys match ignoring case and punctuation, so
 * {@code campaign_uuid}, {@code X-Listmonk-Campaign} and SendGrid's flattened {@code XListmonkCampaign}
 * all work. Values that are not well-formed UUIDs are dropped rather than failing the bounce.
 */
public record Link(String campaignUuid, String subscriberUuid) {
    public static final Link NONE = new Link(null, null);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> CAMPAIGN_KEYS = Set.of("campaignuuid", "xlistmonkcampaign");
    private static final Set<String> SUBSCRIBER_KEYS = Set.of("subscriberuuid", "xlistmonksubscriber");

    /** From an object whose keys are custom arguments, metadata or header names. */
    public static Link fromFields(JsonNode object) {
        Link link = NONE;
        if (object == null || !object.isObject()) {
            return link;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            link = link.or(of(field.getKey(), field.getValue()));
        }
        return link;
    }

    /** From a list of {@code {"name": ..., "value": ...}} headers. */
    public static Link fromHeaderList(JsonNode headers) {
        Link link = NONE;
        if (headers == null || !headers.isArray()) {
            return link;
        }
        for (JsonNode header : headers) {
            link = link.or(of(header.path("name").asText(""), header.path("value")));
        }
        return link;
    }

    /**
     * From a free-text value the provider echoes back (Brevo's {@code X-Mailin-custom}, Mailjet's
     * {@code X-MJ-EventPayload} and {@code X-MJ-CustomID}): a JSON object with the keys above, or a bare
     * campaign UUID, which is all a static per-campaign header can carry.
     */
    public static Link fromEcho(String text) {
        String value = text == null ? "" : text.trim();
        if (Uuids.isWellFormed(value)) {
            return new Link(value.toLowerCase(Locale.ROOT), null);
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

    /** This link, with what it lacks taken from {@code fallback}. */
    public Link or(Link fallback) {
        return new Link(campaignUuid != null ? campaignUuid : fallback.campaignUuid,
                subscriberUuid != null ? subscriberUuid : fallback.subscriberUuid);
    }

    private static Link of(String key, JsonNode value) {
        String normalisedKey = key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        String uuid = value != null && value.isTextual() && Uuids.isWellFormed(value.asText().trim())
                ? value.asText().trim().toLowerCase(Locale.ROOT) : null;
        if (uuid == null) {
            return NONE;
        }
        if (CAMPAIGN_KEYS.contains(normalisedKey)) {
            return new Link(uuid, null);
        }
        if (SUBSCRIBER_KEYS.contains(normalisedKey)) {
            return new Link(null, uuid);
        }
        return NONE;
    }
}
