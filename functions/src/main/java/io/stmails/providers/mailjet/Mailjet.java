package io.stmails.providers.mailjet;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.stmails.domain.BounceEvent;
import io.stmails.domain.BounceType;
import io.stmails.providers.BasicAuth;
import io.stmails.providers.EventBuilder;
import io.stmails.providers.Origin;
import io.stmails.providers.ParsedWebhook;
import io.stmails.providers.Provider;
import io.stmails.providers.SwitchOptions;
import io.stmails.providers.ProviderRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Mailjet's event webhook: a single JSON object per event, or an array with "group events" on. Mailjet
 * signs nothing; the Basic credentials put in the endpoint URL authenticate it.
 *
 * <p>Secrets {@code providers.mailjet}: {@code username}, {@code password}. No settings besides {@code enabled}.
 */
public final class Mailjet {
    public static final String NAME = "mailjet";

    /** {@code blocked} errors that mean the address itself will never receive mail; other blocks are policy, ignored. */
    static final Set<String> BLOCKED_ADDRESS_ERRORS = Set.of("preblocked", "blacklisted", "spam reporter", "typofix");

    private Mailjet() {
    }

    public static Provider provider(SwitchOptions options) {
        return Provider.of(NAME, BasicAuth::verify, Mailjet::parse);
    }

    static ParsedWebhook parse(ProviderRequest request) {
        List<BounceEvent> bounces = new ArrayList<>();
        for (JsonNode json : request.jsonObjects("Mailjet")) {
            Event event = ProviderRequest.bind(json, Event.class);
            type(event).flatMap(type -> bounce(json, event, type)).ifPresent(bounces::add);
        }
        return ParsedWebhook.of(bounces);
    }

    /**
     * providers.md section 8: {@code bounce} is hard or soft by {@code hard_bounce}, except that a
     * greylisting bounce is only a deferral; {@code blocked} is hard for the errors above; {@code spam}
     * is a complaint; sent, open, click and unsub are ignored.
     */
    static Optional<BounceType> type(Event event) {
        String error = event.error() == null ? "" : event.error().trim().toLowerCase(Locale.ROOT);
        return switch (event.event() == null ? "" : event.event()) {
            case "bounce" -> {
                if (Boolean.TRUE.equals(event.hardBounce())) {
                    yield Optional.of(BounceType.HARD);
                }
                yield error.equals("greylisted") ? Optional.empty() : Optional.of(BounceType.SOFT);
            }
            case "blocked" -> BLOCKED_ADDRESS_ERRORS.contains(error) ? Optional.of(BounceType.HARD) : Optional.empty();
            case "spam" -> Optional.of(BounceType.COMPLAINT);
            default -> Optional.empty();
        };
    }

    /** Mailjet sends no event id. */
    private static Optional<BounceEvent> bounce(JsonNode json, Event event, BounceType type) {
        String recipient = event.email() == null ? "" : event.email();
        return EventBuilder.bounce(NAME, type)
                .recipient(recipient)
                .origin(Origin.fromEcho(event.payload()).or(Origin.fromEcho(event.customId()))
                        .or(Origin.fromEcho(event.customCampaign())))
                .occurredAtUnixSeconds(event.time())
                .meta(json)
                .reason(event.event(), event.errorRelatedTo(), event.error())
                .messageId(event.messageId())
                .dedupeKey(event.messageId(), event.event(), recipient.trim().toLowerCase(Locale.ROOT),
                        event.time() == null || event.time().isNull() ? "" : event.time().asText())
                .build();
    }

    /**
     * The fields of a Mailjet event that stmails reads. {@code MessageID} exceeds 2^53, so it is kept as
     * text, never as a double; {@code time} is Unix seconds as a number or a string.
     */
    record Event(
            String event,
            String email,
            String error,
            @JsonProperty("error_related_to") String errorRelatedTo,
            @JsonProperty("hard_bounce") Boolean hardBounce,
            @JsonProperty("Payload") String payload,
            @JsonProperty("CustomID") String customId,
            @JsonProperty("customcampaign") String customCampaign,
            JsonNode time,
            @JsonProperty("MessageID") String messageId) {
    }
}
