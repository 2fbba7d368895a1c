package io.stmails.providers.postmark;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stmails.domain.BounceType;
import io.stmails.providers.BasicAuth;
import io.stmails.providers.EventBuilder;
import io.stmails.providers.Origin;
import io.stmails.providers.ParsedWebhook;
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

    static ParsedWebhook parse(ProviderRequest request) {
        JsonNode event = request.jsonObject("Postmark");
        BounceRecord record = ProviderRequest.bind(event, BounceRecord.class);
        return ParsedWebhook.of(type(record)
                .flatMap(type -> EventBuilder.bounce(NAME, type)
                        .recipient(record.email())
                        .origin(Origin.fromFields(record.metadata()))
                        .occurredAt(record.bouncedAt())
                        .meta(withoutRawMessage(event))
                        .reason(record.recordType(), record.type())
                        .messageId(record.messageId())
                        .dedupeKey(record.recordTypeOrBounce(), record.id(), record.messageId(), record.email())
                        .build())
                .stream().toList());
    }

    /**
     * Bounce and SpamComplaint records by {@code Type} (not {@code TypeCode}, which samples get wrong);
     * {@code Inactive: true} means Postmark has deactivated the address, so it is hard whatever the type.
     * Older bounce webhooks sent no {@code RecordType}. Deliveries, opens, clicks and subscription changes
     * are ignored.
     */
    static Optional<BounceType> type(BounceRecord record) {
        String recordType = record.recordTypeOrBounce();
        if (!recordType.equals("Bounce") && !recordType.equals("SpamComplaint")) {
            return Optional.empty();
        }
        BounceType byType = TYPES.get(record.type() == null ? recordType : record.type());
        if (Boolean.TRUE.equals(record.inactive()) && (byType == null || byType == BounceType.SOFT)) {
            return Optional.of(BounceType.HARD);
        }
        return Optional.ofNullable(byType);
    }

    /** The fields of a bounce or spam-complaint record that stmails reads (Postmark's names). */
    record BounceRecord(
            @JsonProperty("RecordType") String recordType,
            @JsonProperty("Type") String type,
            @JsonProperty("Email") String email,
            @JsonProperty("Metadata") JsonNode metadata,
            @JsonProperty("BouncedAt") String bouncedAt,
            @JsonProperty("MessageID") String messageId,
            @JsonProperty("ID") String id,
            @JsonProperty("Inactive") Boolean inactive) {
        String recordTypeOrBounce() {
            return recordType == null ? "Bounce" : recordType;
        }
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
