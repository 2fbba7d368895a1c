package io.stmails.providers.forwardemail;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.stmails.domain.BounceType;
import io.stmails.providers.EventBuilder;
import io.stmails.providers.Origin;
import io.stmails.providers.ParsedWebhook;
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

    static ParsedWebhook parse(ProviderRequest request) {
        JsonNode event = request.jsonObject("Forward Email");
        BounceReport report = ProviderRequest.bind(event, BounceReport.class);
        String recipient = report.recipient() == null ? "" : report.recipient();
        return ParsedWebhook.of(EventBuilder.bounce(NAME, type(report))
                .recipient(report.recipient())
                .origin(Origin.fromFields(report.headers()))
                .occurredAt(report.bouncedAt())
                .meta(event)
                .reason(report.bounce().category(), report.bounce().action())
                .messageId(report.emailId())
                .dedupeKey(report.emailId(), recipient.trim().toLowerCase(Locale.ROOT), report.bouncedAt())
                .build()
                .stream().toList());
    }

    static BounceType type(BounceReport report) {
        String category = report.bounce().category() == null ? "" : report.bounce().category();
        return HARD_CATEGORIES.contains(category.trim().toLowerCase(Locale.ROOT)) ? BounceType.HARD : BounceType.SOFT;
    }

    /** The fields of Forward Email's bounce webhook that stmails reads. */
    record BounceReport(
            String recipient,
            JsonNode headers,
            @JsonProperty("bounced_at") String bouncedAt,
            @JsonProperty("email_id") String emailId,
            Bounce bounce) {
        BounceReport {
            bounce = bounce == null ? new Bounce(null, null) : bounce;
        }

        /** Forward Email's classification of the failure. */
        record Bounce(String category, String action) {
        }
    }
}
