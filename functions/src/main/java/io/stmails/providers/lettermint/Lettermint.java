package io.stmails.providers.lettermint;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.stmails.domain.BounceType;
import io.stmails.providers.EventBuilder;
import io.stmails.providers.Origin;
import io.stmails.providers.ParsedWebhook;
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

    static ParsedWebhook parse(ProviderRequest request) {
        JsonNode json = request.jsonObject("Lettermint");
        Event event = ProviderRequest.bind(json, Event.class);
        Event.Data data = event.data();
        return ParsedWebhook.of(Optional.ofNullable(event.event()).map(EVENTS::get)
                .flatMap(type -> EventBuilder.bounce(NAME, type)
                        .recipient(data.recipient())
                        .origin(Origin.fromHeaderList(data.headers()).or(Origin.fromFields(data.metadata())))
                        .occurredAt(event.timestamp())
                        .meta(json)
                        .reason(event.event())
                        .messageId(data.messageId())
                        .dedupeKey(event.id(), event.event(), data.messageId(), data.recipient())
                        .build())
                .stream().toList());
    }

    /** The fields of a Lettermint webhook event that stmails reads. */
    record Event(String id, String event, String timestamp, Data data) {
        Event {
            data = data == null ? new Data(null, null, null, null) : data;
        }

        /** {@code headers} is a list of {@code {"name", "value"}}; {@code metadata} an object. */
        record Data(String recipient, @JsonProperty("message_id") String messageId, JsonNode headers, JsonNode metadata) {
        }
    }
}
