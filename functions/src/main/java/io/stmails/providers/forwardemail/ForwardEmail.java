package io.stmails.providers.forwardemail;

import com.fasterxml.jackson.databind.JsonNode;
import io.stmails.domain.BounceType;
import io.stmails.providers.EventBuilder;
import io.stmails.providers.Origin;
import io.stmails.providers.Notification;
import io.stmails.providers.Provider;
import io.stmails.providers.ProviderCredentials;
import io.stmails.providers.SwitchOptions;
import io.stmails.providers.ProviderRequest;
import io.stmails.providers.RejectedException;
import io.stmails.providers.Signatures;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/**
 * Forward Email's bounce webhook: one JSON object per bounce, {@code X-Webhook-Signature} = hex
 * HMAC-SHA256 of the raw body with the domain's webhook verification key. There is no timestamp, so
 * redeliveries are caught by the dedupe key alone.
 *
 * <p>Secrets {@code providers.forwardemail}: {@code webhook_key}. No settings besides {@code enabled}.
 */
public final class ForwardEmail {
    public static final String NAME = "forwardemail";
    static final String SIGNATURE_HEADER = "X-Webhook-Signature";

    /** The categories Forward Email says to remove the recipient for (listmonk does the same). */
    static final Set<String> HARD_CATEGORIES = Set.of("block", "recipient", "spam", "virus");

    private ForwardEmail() {
    }

    public static Provider provider(SwitchOptions options) {
        return Provider.of(NAME, ForwardEmail::verify, ForwardEmail::parse);
    }

    private static void verify(ProviderRequest request, ProviderCredentials credentials, Instant now) {
        String key = credentials.required("webhook_key");
        String signature = request.requiredHeader(SIGNATURE_HEADER);
        if (!Signatures.matches(Signatures.hmacSha256(key, request.body()), Signatures.hex(signature, SIGNATURE_HEADER))) {
            throw new RejectedException("the signature does not match the body");
        }
    }

    static Notification parse(ProviderRequest request) {
        JsonNode bounce = request.jsonObject("Forward Email");
        return Notification.of(EventBuilder.bounce(NAME, type(bounce))
                .recipient(bounce.path("recipient").asText(null))
                .origin(Origin.fromFields(bounce.get("headers")))
                .occurredAt(bounce.path("bounced_at").asText(null))
                .meta(bounce)
                .reason(bounce.path("bounce").path("category").asText(""), bounce.path("bounce").path("action").asText(""))
                .messageId(bounce.path("email_id").asText(null))
                .dedupeKey(bounce.path("email_id").asText(""), bounce.path("recipient").asText("").trim()
                        .toLowerCase(Locale.ROOT), bounce.path("bounced_at").asText(""))
                .build()
                .stream().toList());
    }

    static BounceType type(JsonNode bounce) {
        String category = bounce.path("bounce").path("category").asText("").trim().toLowerCase(Locale.ROOT);
        return HARD_CATEGORIES.contains(category) ? BounceType.HARD : BounceType.SOFT;
    }
}
