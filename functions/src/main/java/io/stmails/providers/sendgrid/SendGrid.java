package io.stmails.providers.sendgrid;

import com.fasterxml.jackson.databind.JsonNode;
import io.stmails.domain.BounceEvent;
import io.stmails.domain.BounceType;
import io.stmails.providers.EventBuilder;
import io.stmails.providers.InvalidPayloadException;
import io.stmails.providers.Origin;
import io.stmails.providers.ParsedWebhook;
import io.stmails.providers.Provider;
import io.stmails.providers.ProviderCredentials;
import io.stmails.providers.ReplayWindowOptions;
import io.stmails.providers.ProviderRequest;
import io.stmails.providers.RejectedException;
import io.stmails.providers.Signatures;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * SendGrid's signed Event Webhook: a JSON array of events, signed with ECDSA P-256 (SHA256withECDSA)
 * over the timestamp header followed by the raw body.
 *
 * <p>Settings {@code providers.sendgrid}: {@code replay_window_seconds} (default 300). Secrets
 * {@code providers.sendgrid}: {@code verification_key}, the key SendGrid shows under Mail Settings →
 * Signed Event Webhook (base64 DER; PEM and pasted whitespace are accepted).
 */
public final class SendGrid {
    public static final String NAME = "sendgrid";
    static final String SIGNATURE_HEADER = "X-Twilio-Email-Event-Webhook-Signature";
    static final String TIMESTAMP_HEADER = "X-Twilio-Email-Event-Webhook-Timestamp";

    /** bounce_classification values that blame the sender or the content, not the address. */
    private static final Set<String> SENDER_SIDE_CLASSIFICATIONS = Set.of("technical", "technical failure", "content",
            "reputation", "frequency or volume", "frequency or volume too high");
    private static final String INVALID_ADDRESS = "invalid address";

    private final Duration replayWindow;
    private volatile ParsedKey key;

    private SendGrid(Duration replayWindow) {
        this.replayWindow = replayWindow;
    }

    public static Provider provider(ReplayWindowOptions options) {
        return Provider.of(NAME, new SendGrid(options.replayWindow())::verify, SendGrid::parse);
    }

    private void verify(ProviderRequest request, ProviderCredentials credentials, Instant now) {
        PublicKey publicKey = publicKey(credentials);
        String signature = request.requiredHeader(SIGNATURE_HEADER);
        String timestamp = request.requiredHeader(TIMESTAMP_HEADER);
        Signatures.requireWithinWindow(Signatures.unixSeconds(timestamp, TIMESTAMP_HEADER), now, replayWindow,
                TIMESTAMP_HEADER);
        byte[] der;
        try {
            der = Base64.getDecoder().decode(signature.trim());
        } catch (IllegalArgumentException e) {
            throw new RejectedException(SIGNATURE_HEADER + " is not base64");
        }
        if (!ecdsaMatches(publicKey, timestamp, request.body(), der)) {
            throw new RejectedException("the signature does not match the body and timestamp");
        }
    }

    private static boolean ecdsaMatches(PublicKey publicKey, String timestamp, byte[] body, byte[] der) {
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(publicKey);
            verifier.update(timestamp.getBytes(StandardCharsets.UTF_8));
            verifier.update(body);
            return verifier.verify(der);
        } catch (SignatureException e) {
            throw new RejectedException(SIGNATURE_HEADER + " is not a DER-encoded ECDSA signature");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA256withECDSA is part of every JDK", e);
        }
    }

    private PublicKey publicKey(ProviderCredentials credentials) {
        String text = credentials.required("verification_key");
        ParsedKey cached = key;
        if (cached == null || !cached.text().equals(text)) {
            cached = new ParsedKey(text, parseKey(text, credentials));
            key = cached;
        }
        return cached.key();
    }

    /** Base64 DER SubjectPublicKeyInfo as SendGrid shows it, or PEM; whitespace anywhere is ignored (listmonk #1270, #2911). */
    static PublicKey parseKey(String text, ProviderCredentials credentials) {
        String base64 = text.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw credentials.invalid("verification_key",
                    "is not an ECDSA public key (paste the Verification Key from SendGrid's Signed Event Webhook settings)");
        }
    }

    static ParsedWebhook parse(ProviderRequest request) {
        JsonNode events = request.jsonArray("SendGrid");
        List<BounceEvent> bounces = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            JsonNode event = events.get(i);
            if (!event.isObject()) {
                throw new InvalidPayloadException("event " + i + " is not an object");
            }
            type(event).flatMap(type -> bounce(event, type)).ifPresent(bounces::add);
        }
        return ParsedWebhook.of(bounces);
    }

    /** providers.md section 2; the empty result is an event that is not a bounce (delivered, open, deferred...). */
    static Optional<BounceType> type(JsonNode event) {
        String reason = lower(event.path("reason").asText(""));
        return switch (event.path("event").asText("")) {
            case "bounce" -> Optional.of(bounceType(event));
            case "dropped" -> switch (reason) {
                case "bounced address", "invalid" -> Optional.of(BounceType.HARD);
                case "spam reporting address" -> Optional.of(BounceType.COMPLAINT);
                default -> Optional.empty();
            };
            case "spamreport" -> Optional.of(BounceType.COMPLAINT);
            default -> Optional.empty();
        };
    }

    /**
     * {@code type} says whether SendGrid itself treats the failure as permanent (bounce) or temporary
     * (blocked); a decisive {@code bounce_classification} overrides it: an invalid address is hard, a
     * rejection for the sender's reputation, volume or content is soft.
     */
    private static BounceType bounceType(JsonNode event) {
        String classification = lower(event.path("bounce_classification").asText(""));
        if (classification.equals(INVALID_ADDRESS)) {
            return BounceType.HARD;
        }
        if (SENDER_SIDE_CLASSIFICATIONS.contains(classification)) {
            return BounceType.SOFT;
        }
        return event.path("type").asText("").equalsIgnoreCase("blocked") ? BounceType.SOFT : BounceType.HARD;
    }

    /**
     * The dedupe key is built from the event's content, not from {@code sg_event_id}: SendGrid has been
     * seen sending retries with a new sg_event_id (sendgrid-nodejs#1435), and a redelivery with the same
     * sg_event_id has the same content anyway. sg_event_id stands in only when the timestamp is absent.
     */
    private static Optional<BounceEvent> bounce(JsonNode event, BounceType type) {
        JsonNode timestamp = event.get("timestamp");
        boolean timed = timestamp != null && timestamp.canConvertToLong();
        return EventBuilder.bounce(NAME, type)
                .recipient(event.path("email").asText(null))
                .origin(Origin.fromFields(event))
                .occurredAtUnixSeconds(timed ? timestamp : null)
                .meta(event)
                .reason(event.path("event").asText(""), event.path("type").asText(""),
                        event.path("bounce_classification").asText(""))
                .messageId(event.path("sg_message_id").asText(null))
                .dedupeKey(event.path("event").asText(), lower(event.path("email").asText("")),
                        event.path("sg_message_id").asText(""),
                        timed ? timestamp.asLong() : event.path("sg_event_id").asText(""))
                .build();
    }

    private static String lower(String value) {
        return value.trim().toLowerCase(Locale.ROOT);
    }

    private record ParsedKey(String text, PublicKey key) {
    }
}
