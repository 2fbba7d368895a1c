package io.stmails.providers.brevo;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.stmails.domain.BounceEvent;
import io.stmails.domain.BounceType;
import io.stmails.providers.EventBuilder;
import io.stmails.providers.Origin;
import io.stmails.providers.ParsedWebhook;
import io.stmails.providers.Provider;
import io.stmails.providers.Provider;
import io.stmails.providers.TokenHeaderOptions;
import io.stmails.providers.ProviderRequest;
import io.stmails.providers.SharedSecretAuth;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Brevo's (ex-Sendinblue) transactional and marketing webhooks: one JSON object per event, or an array
 * when the webhook is created with {@code batched: true}. Brevo signs nothing; the webhook's bearer token
 * ({@code auth: {type: "bearer", token}}) or Basic credentials in its URL authenticate it. Brevo drops an
 * event for good on any 5xx or any 4xx but 429, so 429 is the answer whenever it should try again.
 *
 * <p>Settings {@code providers.brevo}: {@code token_header} (default {@code Authorization}, i.e.
 * {@code Bearer <token>}; name a custom header instead to send the token there). Secrets
 * {@code providers.brevo}: {@code token}, and/or {@code username} and {@code password}.
 */
public final class Brevo {
    public static final String NAME = "brevo";
    public static final String TOKEN_HEADER = "Authorization";
    static final String CUSTOM_HEADER_FIELD = "X-Mailin-custom";

    /**
     * providers.md section 7. {@code blocked} means Brevo refused to send because the address is on its
     * blocklist, so it is as final as a hard bounce; {@code deferred} is interim (a later hard_bounce
     * is what counts); {@code error}, deliveries, opens and clicks are ignored.
     */
    static final Map<String, BounceType> EVENTS = Map.of(
            "hard_bounce", BounceType.HARD,
            "invalid_email", BounceType.HARD,
            "blocked", BounceType.HARD,
            "soft_bounce", BounceType.SOFT,
            "spam", BounceType.COMPLAINT,
            "complaint", BounceType.COMPLAINT);

    private Brevo() {
    }

    /** Brevo retries only a 429; a 5xx would lose the events. */
    public static Provider provider(TokenHeaderOptions options) {
        return Provider.of(NAME, new SharedSecretAuth(options.tokenHeader()), Brevo::parse).withRetryStatus(429);
    }

    static ParsedWebhook parse(ProviderRequest request) {
        List<BounceEvent> bounces = new ArrayList<>();
        for (JsonNode json : request.jsonObjects("Brevo")) {
            Event event = ProviderRequest.bind(json, Event.class);
            Optional.ofNullable(event.event()).map(name -> EVENTS.get(name.trim().toLowerCase(Locale.ROOT)))
                    .flatMap(type -> bounce(json, event, type))
                    .ifPresent(bounces::add);
        }
        return ParsedWebhook.of(bounces);
    }

    /**
     * {@code ts_epoch} (milliseconds, UTC) is the only time Brevo does not shift into the account's time
     * zone; marketing events lack it and are left to the time of receipt. Brevo sends no event id, so the
     * dedupe key is the message (or marketing campaign), event, recipient and time.
     */
    private static Optional<BounceEvent> bounce(JsonNode json, Event event, BounceType type) {
        JsonNode epochMillis = event.epochMillis();
        boolean timed = epochMillis != null && epochMillis.canConvertToLong();
        String recipient = event.email() == null ? "" : event.email();
        String eventTime = event.eventTime() != null ? event.eventTime() : event.date();
        return EventBuilder.bounce(NAME, type)
                .recipient(recipient)
                .origin(Origin.fromEcho(event.custom()))
                .occurredAt(timed ? Instant.ofEpochMilli(epochMillis.asLong()) : null)
                .meta(json)
                .reason(event.event())
                .messageId(event.messageId())
                .dedupeKey(event.messageId(), event.campaignId(), event.event(), recipient.trim().toLowerCase(Locale.ROOT),
                        timed ? epochMillis.asText() : eventTime)
                .build();
    }

    /** The fields of a Brevo event that stmails reads ({@code ts_epoch} is checked to be a whole number). */
    record Event(
            String event,
            String email,
            @JsonProperty("ts_epoch") JsonNode epochMillis,
            @JsonProperty(CUSTOM_HEADER_FIELD) String custom,
            @JsonProperty("message-id") String messageId,
            @JsonProperty("camp_id") String campaignId,
            @JsonProperty("ts_event") String eventTime,
            String date) {
    }
}
