package io.stmails.providers.postmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stmails.domain.BounceType;
import io.stmails.providers.BasicAuth;
import io.stmails.providers.EventBuilder;
import io.stmails.providers.Origin;
import io.stmails.providers.Notification;
import io.stmails.providers.Provider;
import io.stmails.providers.SwitchOptions;
import io.stmails.providers.ProviderRequest;
import java.util.Map;
import java.util.Optional;

/**
 * Postmark's bounce and spam-complaint webhooks: one JSON object per request, authenticated with the
 * Basic credentials put in the webhook URL ({@code https://user:pass@host/webhooks/service/postmark}).
 *
 * <p>Secrets {@code providers.postmark}: {@code username}, {@code password}. No settings besides {@code enabled}.
 */
public final class Postmark {
    public static final String NAME = "postmark";

    /** Postmark's bounce {@code Type} table (providers.md section 3); types not listed are ignored. */
    static final Map<String, BounceType> TYPES = Map.ofEntries(
            Map.entry("HardBounce", BounceType.HARD),
            Map.entry("BadEmailAddress", BounceType.HARD),
            Map.entry("ManuallyDeactivated", BounceType.HARD),
            Map.entry("Transient", BounceType.SOFT),
            Map.entry("SoftBounce", BounceType.SOFT),
            Map.entry("DnsError", BounceType.SOFT),
            Map.entry("Unknown", BounceType.SOFT),
            Map.entry("SpamNotification", BounceType.SOFT),
            Map.entry("VirusNotification", BounceType.SOFT),
            Map.entry("Blocked", BounceType.SOFT),
            Map.entry("DMARCPolicy", BounceType.SOFT),
            Map.entry("SpamComplaint", BounceType.COMPLAINT));

    private Postmark() {
    }

    public static Provider provider(SwitchOptions options) {
        return Provider.of(NAME, BasicAuth::verify, Postmark::parse);
    }

    static Notification parse(ProviderRequest request) {
        JsonNode record = request.jsonObject("Postmark");
        return Notification.of(type(record)
                .flatMap(type -> EventBuilder.bounce(NAME, type)
                        .recipient(record.path("Email").asText(null))
                        .origin(Origin.fromFields(record.get("Metadata")))
                        .occurredAt(record.path("BouncedAt").asText(null))
                        .meta(withoutRawMessage(record))
                        .reason(record.path("RecordType").asText(""), record.path("Type").asText(""))
                        .messageId(record.path("MessageID").asText(null))
                        .dedupeKey(record.path("RecordType").asText("Bounce"), record.path("ID").asText(""),
                                record.path("MessageID").asText(""), record.path("Email").asText(""))
                        .build())
                .stream().toList());
    }

    /**
     * Bounce and SpamComplaint records by {@code Type} (not {@code TypeCode}, which samples get wrong);
     * {@code Inactive: true} means Postmark has deactivated the address, so it is hard whatever the type.
     * Older bounce webhooks sent no {@code RecordType}. Deliveries, opens, clicks and subscription changes
     * are ignored.
     */
    static Optional<BounceType> type(JsonNode record) {
        String recordType = record.path("RecordType").asText("Bounce");
        if (!recordType.equals("Bounce") && !recordType.equals("SpamComplaint")) {
            return Optional.empty();
        }
        BounceType byType = TYPES.get(record.path("Type").asText(recordType));
        boolean deactivated = record.path("Inactive").asBoolean(false);
        if (deactivated && (byType == null || byType == BounceType.SOFT)) {
            return Optional.of(BounceType.HARD);
        }
        return Optional.ofNullable(byType);
    }

    /** {@code Content} is the whole raw message when the webhook includes it; Postmark keeps it retrievable. */
    private static JsonNode withoutRawMessage(JsonNode record) {
        if (!record.has("Content")) {
            return record;
        }
        ObjectNode copy = record.deepCopy();
        copy.remove("Content");
        return copy;
    }
}
