package io.stmails.providers.brevo;

import com.fasterxml.jackson.databind.JsonNode;
import io.stmails.domain.BounceEvent;
import io.stmails.domain.BounceType;
import io.stmails.providers.EventBuilder;
import io.stmails.providers.Origin;
import io.stmails.providers.Notification;
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

    static Notification parse(ProviderRequest request) {
        List<BounceEvent> bounces = new ArrayList<>();
        for (JsonNode event : request.jsonObjects("Brevo")) {
            Optional.ofNullable(EVENTS.get(event.path("event").asText("").trim().toLowerCase(Locale.ROOT)))
                    .flatMap(type -> bounce(event, type))
                    .ifPresent(bounces::add);
        }
        return Notification.of(bounces);
    }

    /**
     * {@code ts_epoch} (milliseconds, UTC) is the only time Brevo does not shift into the account's time
     * zone; marketing events lack it and are left to the time of receipt. Brevo sends no event id, so the
     * dedupe key is the message (or marketing campaign), event, recipient and time.
     */
    private static Optional<BounceEvent> bounce(JsonNode event, BounceType type) {
        JsonNode epochMillis = event.get("ts_epoch");
        boolean timed = epochMillis != null && epochMillis.canConvertToLong();
        String recipient = event.path("email").asText("");
        return EventBuilder.bounce(NAME, type)
                .recipient(recipient)
                .origin(Origin.fromEcho(event.path(CUSTOM_HEADER_FIELD).asText(null)))
                .occurredAt(timed ? Instant.ofEpochMilli(epochMillis.asLong()) : null)
                .meta(event)
                .reason(event.path("event").asText(""))
                .messageId(event.path("message-id").asText(null))
                .dedupeKey(event.path("message-id").asText(""), event.path("camp_id").asText(""),
                        event.path("event").asText(""), recipient.trim().toLowerCase(Locale.ROOT),
                        timed ? epochMillis.asText() : event.path("ts_event").asText(event.path("date").asText("")))
                .build();
    }
}
