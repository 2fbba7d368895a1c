package io.stmails.providers.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.stmails.domain.BounceEvent;
import io.stmails.domain.BounceType;
import io.stmails.metrics.BounceMetrics.Rejection;
import io.stmails.providers.EventBuilder;
import io.stmails.providers.InvalidPayloadException;
import io.stmails.providers.ParsedWebhook;
import io.stmails.providers.Provider;
import io.stmails.providers.ProviderCredentials;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.stmails.config.FieldProblem;
import io.stmails.providers.ProviderOptions;
import io.stmails.providers.ProviderRequest;
import io.stmails.providers.RejectedException;
import io.stmails.providers.Signatures;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Azure Communication Services e-mail delivery reports through an Event Grid webhook subscription
 * (Event Grid schema: a JSON array of events). Event Grid signs nothing, so a shared secret is
 * required on every request, the validation handshake included: {@code ?code=<secret>} in the
 * endpoint URL, or a delivery-property header. Unlike listmonk, an empty secret refuses everything.
 *
 * <p>Settings {@code providers.azure}: {@code shared_secret_header} (default
 * {@code X-Listmonk-Webhook-Secret}, listmonk's). Secrets {@code providers.azure}: {@code shared_secret}.
 */
public final class Azure {
    public static final String NAME = "azure";
    static final String EVENT_TYPE_HEADER = "aeg-event-type";
    static final String DELIVERY_REPORT = "Microsoft.Communication.EmailDeliveryReportReceived";
    private static final Pattern ENHANCED_STATUS = Pattern.compile("\\b([245])\\.\\d{1,3}\\.\\d{1,3}\\b");

    private Azure() {
    }

    public static Provider provider(Options options) {
        String secretHeader = options.sharedSecretHeader();
        return Provider.of(NAME, (request, credentials, now) -> verify(request, credentials, secretHeader), Azure::parse);
    }

    /** @param sharedSecretHeader the header that may carry the secret instead of {@code ?code=} */
    public record Options(
            @JsonProperty("enabled") boolean enabled,
            @JsonProperty("shared_secret_header") String sharedSecretHeader) implements ProviderOptions {
        public Options {
            sharedSecretHeader = FieldProblem.nonBlank(sharedSecretHeader, "X-Listmonk-Webhook-Secret",
                    "shared_secret_header");
        }
    }

    private static void verify(ProviderRequest request, ProviderCredentials credentials, String secretHeader) {
        byte[] secret = credentials.required("shared_secret").getBytes(StandardCharsets.UTF_8);
        Optional<String> presented = request.query("code").filter(v -> !v.isBlank())
                .or(() -> request.header(secretHeader).filter(v -> !v.isBlank()));
        if (presented.isEmpty()) {
            throw new RejectedException(Rejection.AUTH, "missing shared secret (?code= in the endpoint URL or the " + secretHeader + " header)");
        }
        if (!Signatures.matches(secret, presented.get().trim().getBytes(StandardCharsets.UTF_8))) {
            throw new RejectedException(Rejection.AUTH, "the shared secret does not match");
        }
    }

    static ParsedWebhook parse(ProviderRequest request) {
        String delivery = request.header(EVENT_TYPE_HEADER).orElse("Notification").trim();
        JsonNode events = request.jsonArray("Event Grid (with the Event Grid schema)");
        return switch (delivery) {
            case "SubscriptionValidation", "SubscriptionValidationEvent" -> handshake(events);
            case "Notification", "" -> ParsedWebhook.of(deliveryReports(events));
            default -> throw new InvalidPayloadException("unexpected " + EVENT_TYPE_HEADER + " '" + delivery + "'");
        };
    }

    private static ParsedWebhook handshake(JsonNode events) {
        String code = events.isEmpty() ? null
                : ProviderRequest.bind(ProviderRequest.bind(events.get(0), GridEvent.class).data(), Data.class).validationCode();
        if (code == null || code.isBlank()) {
            throw new InvalidPayloadException("the validation event has no data.validationCode");
        }
        return ParsedWebhook.replyWith(JsonNodeFactory.instance.objectNode().put("validationResponse", code.trim()));
    }

    private static List<BounceEvent> deliveryReports(JsonNode events) {
        List<BounceEvent> bounces = new ArrayList<>();
        for (JsonNode json : events) {
            GridEvent event = ProviderRequest.bind(json, GridEvent.class);
            if (!DELIVERY_REPORT.equals(event.eventType())) {
                continue;
            }
            Data data = ProviderRequest.bind(event.data(), Data.class);
            type(text(data.status()), text(data.deliveryStatusDetails().statusMessage()))
                    .flatMap(type -> EventBuilder.bounce(NAME, type)
                            .recipient(data.recipient())
                            .occurredAt(data.attemptTime(event.eventTime()))
                            .meta(json)
                            .reason(data.status())
                            .messageId(data.messageId())
                            .dedupeKey(event.id(), data.messageId(), data.recipient(), data.status())
                            .build())
                    .ifPresent(bounces::add);
        }
        return bounces;
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    /**
     * An Event Grid event (Event Grid schema); {@code data} is bound once the event type is known, as a
     * subscription may deliver other event types whose data has another shape.
     */
    record GridEvent(String id, String eventType, String eventTime, JsonNode data) {
    }

    /** A delivery report's data, or the validation handshake's ({@code validationCode}). */
    record Data(String recipient, String status, String messageId, String validationCode, Details deliveryStatusDetails,
            String deliveryAttemptTimeStamp, String deliveryAttemptTimestamp) {
        Data {
            deliveryStatusDetails = deliveryStatusDetails == null ? new Details(null) : deliveryStatusDetails;
        }

        /** Azure has sent the attempt time under two spellings; the event time stands in without either. */
        String attemptTime(String eventTime) {
            return deliveryAttemptTimeStamp != null ? deliveryAttemptTimeStamp
                    : deliveryAttemptTimestamp != null ? deliveryAttemptTimestamp : eventTime;
        }

        record Details(String statusMessage) {
        }
    }

    /**
     * listmonk's mapping: Bounced and Suppressed are hard; Failed is judged by the first enhanced
     * status code in the details, then by keywords, else soft; FilteredSpam and Quarantined are
     * complaints when the details speak of a complaint or abuse, else soft; Delivered, Expanded and
     * anything else are not bounces.
     */
    static Optional<BounceType> type(String status, String details) {
        String detail = details.toLowerCase(Locale.ROOT);
        return switch (status.trim().toLowerCase(Locale.ROOT)) {
            case "bounced", "suppressed" -> Optional.of(BounceType.HARD);
            case "failed" -> Optional.of(failedType(detail));
            case "filteredspam", "quarantined" -> Optional.of(detail.contains("complaint") || detail.contains("abuse")
                    ? BounceType.COMPLAINT : BounceType.SOFT);
            default -> Optional.empty();
        };
    }

    private static BounceType failedType(String detail) {
        Matcher code = ENHANCED_STATUS.matcher(detail);
        if (code.find() && !code.group(1).equals("2")) {
            return code.group(1).equals("5") ? BounceType.HARD : BounceType.SOFT;
        }
        if (containsAny(detail, "mailbox full", "temporar", "timeout", "rate limit", "throttle")) {
            return BounceType.SOFT;
        }
        if (containsAny(detail, "invalid", "does not exist", "unknown user", "domain")) {
            return BounceType.HARD;
        }
        return BounceType.SOFT;
    }

    private static boolean containsAny(String text, String... needles) {
        for (String needle : needles) {
            if (text.contains(needle)) {
                return true;
            }
        }
        return false;
    }
}
