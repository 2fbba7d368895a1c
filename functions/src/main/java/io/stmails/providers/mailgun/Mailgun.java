package io.stmails.providers.mailgun;

import com.fasterxml.jackson.databind.JsonNode;
import io.stmails.domain.BounceType;
import io.stmails.metrics.BounceMetrics.Rejection;
import io.stmails.providers.EventBuilder;
import io.stmails.providers.InvalidPayloadException;
import io.stmails.providers.Origin;
import io.stmails.providers.ParsedWebhook;
import io.stmails.providers.Provider;
import io.stmails.providers.ProviderCredentials;
import io.stmails.providers.ReplayWindowOptions;
import io.stmails.providers.ProviderRequest;
import io.stmails.providers.RejectedException;
import io.stmails.providers.SeenTokens;
import io.stmails.providers.Signatures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Mailgun's webhooks (the JSON format since 2018): one event per request,
 * {@code {"signature": {"timestamp", "token", "signature"}, "event-data": {...}}}, where the signature is
 * hex HMAC-SHA256 of timestamp + token with the HTTP webhook signing key. The signature does not cover
 * {@code event-data}, so a fresh timestamp and a token used once are what make a captured request useless:
 * both are checked, and a token is spent when its request is acknowledged. A rejected request is answered
 * 406, the one status Mailgun does not retry.
 *
 * <p>Settings {@code providers.mailgun}: {@code replay_window_seconds} (default 300). Secrets
 * {@code providers.mailgun}: {@code signing_key}.
 */
public final class Mailgun implements Provider.Authentication {
    public static final String NAME = "mailgun";
    /** Enough for hours of Mailgun traffic per runtime within a five-minute window, at well under a megabyte. */
    static final int SEEN_TOKENS = 10_000;

    private final Duration replayWindow;
    private final SeenTokens seenTokens;

    private Mailgun(Duration replayWindow) {
        this.replayWindow = replayWindow;
        this.seenTokens = new SeenTokens(SEEN_TOKENS, replayWindow);
    }

    /** A rejection is answered 406: Mailgun retries every other status for about eight hours. */
    public static Provider provider(ReplayWindowOptions options) {
        return Provider.of(NAME, new Mailgun(options.replayWindow()), Mailgun::parse).withRejectedStatus(406);
    }

    @Override
    public void verify(ProviderRequest request, ProviderCredentials credentials, Instant now) {
        String key = credentials.required("signing_key");
        Signed signed = Signed.of(request);
        Signatures.requireWithinWindow(signed.signedAt(), now, replayWindow, "signature.timestamp");
        byte[] expected = Signatures.hmacSha256(key, (signed.timestamp() + signed.token()).getBytes(StandardCharsets.UTF_8));
        if (!Signatures.matches(expected, Signatures.hex(signed.signature(), "signature.signature"))) {
            throw new RejectedException("signature.signature does not match the timestamp and token");
        }
        if (seenTokens.contains(signed.token(), now)) {
            throw new RejectedException(Rejection.REPLAY, "signature.token was already used (a replayed request)");
        }
    }

    @Override
    public void acknowledged(ProviderRequest request, Instant now) {
        Signed signed = Signed.of(request);
        seenTokens.add(signed.token(), Instant.ofEpochSecond(signed.signedAt()), now);
    }

    static ParsedWebhook parse(ProviderRequest request) {
        JsonNode event = request.jsonObject("Mailgun").path("event-data");
        if (!event.isObject()) {
            throw new InvalidPayloadException("the body has no event-data object (Mailgun's legacy form-encoded webhooks are not supported)");
        }
        String recipient = event.path("recipient").asText("");
        return ParsedWebhook.of(type(event)
                .flatMap(type -> EventBuilder.bounce(NAME, type)
                        .recipient(recipient)
                        .origin(Origin.fromFields(event.get("user-variables")))
                        .occurredAtUnixSeconds(event.get("timestamp"))
                        .meta(event)
                        .reason(event.path("event").asText(""), event.path("severity").asText(""),
                                event.path("reason").asText(""))
                        .messageId(event.path("message").path("headers").path("message-id").asText(null))
                        .dedupeKey(event.path("id").asText(""), event.path("timestamp").asText(""),
                                event.path("event").asText(""), recipient.trim().toLowerCase(Locale.ROOT))
                        .build())
                .stream().toList());
    }

    /**
     * providers.md section 6: {@code failed} is soft when temporary (Mailgun keeps retrying) and otherwise
     * hard, except that a send suppressed for an earlier complaint is a complaint and one suppressed for
     * an unsubscribe is not a bounce; {@code complained} is a complaint; every other event is ignored.
     */
    static Optional<BounceType> type(JsonNode event) {
        return switch (event.path("event").asText("")) {
            case "failed" -> {
                if (lower(event.path("severity").asText("")).equals("temporary")) {
                    yield Optional.of(BounceType.SOFT);
                }
                yield switch (lower(event.path("reason").asText(""))) {
                    case "suppress-complaint" -> Optional.of(BounceType.COMPLAINT);
                    case "suppress-unsubscribe" -> Optional.empty();
                    default -> Optional.of(BounceType.HARD);
                };
            }
            case "complained" -> Optional.of(BounceType.COMPLAINT);
            default -> Optional.empty();
        };
    }

    private static String lower(String value) {
        return value.trim().toLowerCase(Locale.ROOT);
    }

    /** The body's {@code signature} object; a request without one is not from Mailgun. */
    private record Signed(String timestamp, long signedAt, String token, String signature) {
        static Signed of(ProviderRequest request) {
            JsonNode signature = request.jsonObject("Mailgun").path("signature");
            String timestamp = field(signature, "timestamp");
            return new Signed(timestamp, Signatures.unixSeconds(timestamp, "signature.timestamp"),
                    field(signature, "token"), field(signature, "signature"));
        }

        private static String field(JsonNode signature, String name) {
            JsonNode value = signature.get(name);
            if (value == null || !(value.isTextual() || value.isNumber()) || value.asText().isBlank()) {
                throw new RejectedException("missing signature." + name + " in the body");
            }
            return value.asText();
        }
    }
}
