package io.stmails.providers.resend;

import com.fasterxml.jackson.databind.JsonNode;
import io.stmails.domain.BounceEvent;
import io.stmails.domain.BounceType;
import io.stmails.providers.EventBuilder;
import io.stmails.providers.Origin;
import io.stmails.providers.ParsedWebhook;
import io.stmails.providers.Provider;
import io.stmails.providers.ReplayWindowOptions;
import io.stmails.providers.ProviderRequest;
import io.stmails.providers.Svix;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Resend's webhooks, delivered and signed by Svix: one JSON object per event,
 * {@code {"type": "email.bounced", "created_at": ..., "data": {...}}}. {@code svix-id} is the same on every
 * retry, so it is the dedupe key.
 *
 * <p>Settings {@code providers.resend}: {@code replay_window_seconds} (default 300, Svix's tolerance).
 * Secrets {@code providers.resend}: {@code signing_secret} ({@code whsec_...}).
 */
public final class Resend {
    public static final String NAME = "resend";

    private Resend() {
    }

    public static Provider provider(ReplayWindowOptions options) {
        Duration replayWindow = options.replayWindow();
        return Provider.of(NAME, (request, credentials, now) -> Svix.verify(request, credentials, "signing_secret", now,
                replayWindow), Resend::parse);
    }

    /**
     * {@code data.to} lists every recipient of the message without saying which one bounced; stmails
     * sends one message per subscriber, so each listed address is recorded.
     */
    static ParsedWebhook parse(ProviderRequest request) {
        JsonNode event = request.jsonObject("Resend");
        Optional<BounceType> type = type(event);
        if (type.isEmpty()) {
            return ParsedWebhook.of(List.of());
        }
        JsonNode data = event.path("data");
        String deliveryId = request.header(Svix.ID_HEADER).orElse("").trim();
        Origin origin = Origin.fromFields(data.get("tags")).or(Origin.fromHeaderList(data.get("tags")))
                .or(Origin.fromHeaderList(data.get("headers")));
        List<BounceEvent> bounces = new ArrayList<>();
        for (String recipient : recipients(data.path("to"))) {
            EventBuilder.bounce(NAME, type.get())
                    .recipient(recipient)
                    .origin(origin)
                    .occurredAt(event.path("created_at").asText(null))
                    .meta(event)
                    .reason(event.path("type").asText(""), data.path("bounce").path("type").asText(""),
                            data.path("bounce").path("subType").asText(""))
                    .messageId(data.path("email_id").asText(null))
                    .dedupeKey(deliveryId, recipient.trim().toLowerCase(Locale.ROOT))
                    .build()
                    .ifPresent(bounces::add);
        }
        return ParsedWebhook.of(bounces);
    }

    /**
     * providers.md section 10: {@code email.bounced} is hard when {@code bounce.type} is Permanent or
     * absent (older payloads), soft when Transient or Undetermined; {@code email.complained} is a
     * complaint; sent, delivered, delivery_delayed, opened and clicked are ignored.
     */
    static Optional<BounceType> type(JsonNode event) {
        return switch (event.path("type").asText("")) {
            case "email.bounced" -> switch (event.path("data").path("bounce").path("type").asText("").trim().toLowerCase(Locale.ROOT)) {
                case "transient", "undetermined" -> Optional.of(BounceType.SOFT);
                default -> Optional.of(BounceType.HARD);
            };
            case "email.complained" -> Optional.of(BounceType.COMPLAINT);
            default -> Optional.empty();
        };
    }

    private static List<String> recipients(JsonNode to) {
        if (to.isTextual()) {
            return List.of(to.asText());
        }
        List<String> recipients = new ArrayList<>();
        to.forEach(address -> recipients.add(address.asText("")));
        return recipients;
    }
}
