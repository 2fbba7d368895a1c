package io.stmails.providers.brevo;

import com.fasterxml.jackson.databind.JsonNode;
import io.stmails.domain.BounceEvent;
import io.stmails.domain.BounceType;
import io.stmails.providers.EventBuilder;
import io.stmails.providers.Origin;
import io.stmails.providers.Notification;
import io.stmails.providers.Provider;
import io.stmails.providers.ProviderCredentials;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.stmails.config.FieldProblem;
import io.stmails.providers.ProviderOptions;
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
public final class Brevo implements Provider {
    public static final String NAME = "brevo";
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

    private final SharedSecretAuth auth;

    public Brevo(Options options) {
        this.auth = new SharedSecretAuth(options.tokenHeader());
    }

    /** @param tokenHeader where the token is sent (see {@link SharedSecretAuth}) */
    public record Options(
            @JsonProperty("enabled") boolean enabled,
            @JsonProperty("token_header") String tokenHeader) implements ProviderOptions {
        public Options {
            tokenHeader = FieldProblem.nonBlank(tokenHeader, "Authorization", "token_header");
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Brevo retries only a 429; a 5xx would lose the events. */
    @Override
    public int retryStatus() {
        return 429;
    }

    @Override
    public void verify(ProviderRequest request, ProviderCredentials credentials, Instant now) {
        auth.require(request, credentials);
    }

    @Override
    public Notification parse(ProviderRequest request) {
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
