package io.stmails.providers.lettermint;

import com.fasterxml.jackson.databind.JsonNode;
import io.stmails.domain.BounceType;
import io.stmails.providers.EventBuilder;
import io.stmails.providers.Origin;
import io.stmails.providers.Notification;
import io.stmails.providers.Provider;
import io.stmails.providers.ProviderCredentials;
import io.stmails.providers.ReplayWindowOptions;
import io.stmails.providers.ProviderRequest;
import io.stmails.providers.RejectedException;
import io.stmails.providers.Signatures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lettermint's webhook: one JSON object per event, {@code X-Lettermint-Signature: t=<unix>,v1=<hex>}
 * where v1 is HMAC-SHA256 over {@code "<t>.<raw body>"} with the webhook's signing secret.
 *
 * <p>Settings {@code providers.lettermint}: {@code replay_window_seconds} (default 300). Secrets
 * {@code providers.lettermint}: {@code signing_secret}.
 */
public final class Lettermint {
    public static final String NAME = "lettermint";
    static final String SIGNATURE_HEADER = "X-Lettermint-Signature";

    static final Map<String, BounceType> EVENTS = Map.of(
            "message.hard_bounced", BounceType.HARD,
            "message.soft_bounced", BounceType.SOFT,
            "message.spam_complaint", BounceType.COMPLAINT);

    private Lettermint() {
    }

    public static Provider provider(ReplayWindowOptions options) {
        Duration replayWindow = options.replayWindow();
        return Provider.of(NAME, (request, credentials, now) -> verify(request, credentials, now, replayWindow),
                Lettermint::parse);
    }

    private static void verify(ProviderRequest request, ProviderCredentials credentials, Instant now, Duration replayWindow) {
        String secret = credentials.required("signing_secret");
        String header = request.requiredHeader(SIGNATURE_HEADER);
        String timestamp = null;
        List<String> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            String[] pair = part.trim().split("=", 2);
            if (pair.length == 2 && pair[0].equals("t")) {
                timestamp = pair[1].trim();
            } else if (pair.length == 2 && pair[0].equals("v1")) {
                signatures.add(pair[1].trim());
            }
        }
        if (timestamp == null || signatures.isEmpty()) {
            throw new RejectedException(SIGNATURE_HEADER + " must look like t=<unix>,v1=<hex>");
        }
        Signatures.requireWithinWindow(Signatures.unixSeconds(timestamp, "the signature timestamp"), now,
                replayWindow, "the signature timestamp");
        byte[] expected = Signatures.hmacSha256(secret, (timestamp + ".").getBytes(StandardCharsets.UTF_8),
                request.body());
        boolean matched = false;
        for (String signature : signatures) {
            matched |= Signatures.matches(expected, Signatures.hex(signature, SIGNATURE_HEADER));
        }
        if (!matched) {
            throw new RejectedException("the signature does not match the body and timestamp");
        }
    }

    static Notification parse(ProviderRequest request) {
        JsonNode event = request.jsonObject("Lettermint");
        JsonNode data = event.path("data");
        return Notification.of(Optional.ofNullable(EVENTS.get(event.path("event").asText("")))
                .flatMap(type -> EventBuilder.bounce(NAME, type)
                        .recipient(data.path("recipient").asText(null))
                        .origin(Origin.fromHeaderList(data.get("headers")).or(Origin.fromFields(data.get("metadata"))))
                        .occurredAt(event.path("timestamp").asText(null))
                        .meta(event)
                        .reason(event.path("event").asText(""))
                        .messageId(data.path("message_id").asText(null))
                        .dedupeKey(event.path("id").asText(""), event.path("event").asText(),
                                data.path("message_id").asText(""), data.path("recipient").asText(""))
                        .build())
                .stream().toList());
    }
}
