package io.stmails.providers.mailjet;

import com.fasterxml.jackson.databind.JsonNode;
import io.stmails.domain.BounceEvent;
import io.stmails.domain.BounceType;
import io.stmails.providers.BasicAuth;
import io.stmails.providers.EventBuilder;
import io.stmails.providers.Origin;
import io.stmails.providers.Notification;
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

    static Notification parse(ProviderRequest request) {
        List<BounceEvent> bounces = new ArrayList<>();
        for (JsonNode event : request.jsonObjects("Mailjet")) {
            type(event).flatMap(type -> bounce(event, type)).ifPresent(bounces::add);
        }
        return Notification.of(bounces);
    }

    /**
     * providers.md section 8: {@code bounce} is hard or soft by {@code hard_bounce}, except that a
     * greylisting bounce is only a deferral; {@code blocked} is hard for the errors above; {@code spam}
     * is a complaint; sent, open, click and unsub are ignored.
     */
    static Optional<BounceType> type(JsonNode event) {
        String error = event.path("error").asText("").trim().toLowerCase(Locale.ROOT);
        return switch (event.path("event").asText("")) {
            case "bounce" -> {
                if (event.path("hard_bounce").asBoolean(false)) {
                    yield Optional.of(BounceType.HARD);
                }
                yield error.equals("greylisted") ? Optional.empty() : Optional.of(BounceType.SOFT);
            }
            case "blocked" -> BLOCKED_ADDRESS_ERRORS.contains(error) ? Optional.of(BounceType.HARD) : Optional.empty();
            case "spam" -> Optional.of(BounceType.COMPLAINT);
            default -> Optional.empty();
        };
    }

    /** {@code MessageID} exceeds 2^53, so it is kept as text, never as a double. Mailjet sends no event id. */
    private static Optional<BounceEvent> bounce(JsonNode event, BounceType type) {
        String recipient = event.path("email").asText("");
        return EventBuilder.bounce(NAME, type)
                .recipient(recipient)
                .origin(Origin.fromEcho(event.path("Payload").asText(null))
                        .or(Origin.fromEcho(event.path("CustomID").asText(null)))
                        .or(Origin.fromEcho(event.path("customcampaign").asText(null))))
                .occurredAtUnixSeconds(event.get("time"))
                .meta(event)
                .reason(event.path("event").asText(""), event.path("error_related_to").asText(""),
                        event.path("error").asText(""))
                .messageId(event.path("MessageID").asText(null))
                .dedupeKey(event.path("MessageID").asText(""), event.path("event").asText(""),
                        recipient.trim().toLowerCase(Locale.ROOT), event.path("time").asText(""))
                .build();
    }
}
