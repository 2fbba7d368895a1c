package io.stmails.providers.sparkpost;

import com.fasterxml.jackson.databind.JsonNode;
import io.stmails.domain.BounceEvent;
import io.stmails.domain.BounceType;
import io.stmails.providers.EventBuilder;
import io.stmails.providers.InvalidPayloadException;
import io.stmails.providers.Origin;
import io.stmails.providers.ParsedWebhook;
import io.stmails.providers.Provider;
import io.stmails.providers.Provider;
import io.stmails.providers.TokenHeaderOptions;
import io.stmails.providers.ProviderRequest;
import io.stmails.providers.SharedSecretAuth;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * SparkPost's (Bird's) webhooks: a JSON array of {@code {"msys": {"<event class>": {...}}}}; the ping
 * sent when a webhook is created or tested is {@code [{"msys": {}}]} and is simply acknowledged.
 * SparkPost signs nothing; the webhook's Basic auth or a token in a custom header authenticates it.
 *
 * <p>Settings {@code providers.sparkpost}: {@code token_header} (default {@code X-Api-Key}). Secrets
 * {@code providers.sparkpost}: {@code username} and {@code password}, and/or {@code token}.
 */
public final class SparkPost {
    public static final String NAME = "sparkpost";
    public static final String TOKEN_HEADER = "X-Api-Key";

    /** Bounce classes that are final for the address (SparkPost's Hard and Admin categories, 90 aside). */
    static final Set<Integer> HARD_CLASSES = Set.of(10, 25, 30);
    /** Auto-replies, subscribe/unsubscribe requests and challenge-responses are not bounces. */
    static final Set<Integer> IGNORED_CLASSES = Set.of(60, 80, 90, 100);
    /** SparkPost gives policy rejections class 25 (e.g. a suppressed recipient); it stands in when absent. */
    private static final int ADMIN_FAILURE = 25;

    private static final Map<String, Integer> DEFAULT_CLASS = Map.of("bounce", 1, "out_of_band", 1,
            "policy_rejection", ADMIN_FAILURE);

    private SparkPost() {
    }

    public static Provider provider(TokenHeaderOptions options) {
        return Provider.of(NAME, new SharedSecretAuth(options.tokenHeader()), SparkPost::parse);
    }

    static ParsedWebhook parse(ProviderRequest request) {
        JsonNode batch = request.jsonArray("SparkPost");
        List<BounceEvent> bounces = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            JsonNode msys = batch.get(i).path("msys");
            if (!msys.isObject()) {
                throw new InvalidPayloadException("event " + i + " has no msys object");
            }
            for (Iterator<JsonNode> classes = msys.elements(); classes.hasNext(); ) {
                JsonNode event = classes.next();
                type(event).flatMap(type -> bounce(event, type)).ifPresent(bounces::add);
            }
        }
        return ParsedWebhook.of(bounces);
    }

    /**
     * providers.md section 9: in-band and out-of-band bounces and policy rejections by bounce class
     * (10, 25, 30 hard; 60, 80, 90, 100 not bounces; every other class soft, an unknown one too);
     * {@code spam_complaint} is a complaint; delays, deliveries, engagement and unsubscribes are ignored.
     */
    static Optional<BounceType> type(JsonNode event) {
        String type = event.path("type").asText("");
        if (type.equals("spam_complaint")) {
            return Optional.of(BounceType.COMPLAINT);
        }
        Integer fallback = DEFAULT_CLASS.get(type);
        if (fallback == null) {
            return Optional.empty();
        }
        int bounceClass = bounceClass(event.get("bounce_class"), fallback);
        if (IGNORED_CLASSES.contains(bounceClass)) {
            return Optional.empty();
        }
        return Optional.of(HARD_CLASSES.contains(bounceClass) ? BounceType.HARD : BounceType.SOFT);
    }

    /** SparkPost sends the class as a string ("10"); an absent or odd value takes the event's default. */
    private static int bounceClass(JsonNode value, int fallback) {
        if (value == null || !(value.isTextual() || value.isIntegralNumber())) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.asText().trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** {@code event_id} is unique per event and the same when SparkPost resends the batch. */
    private static Optional<BounceEvent> bounce(JsonNode event, BounceType type) {
        String recipient = event.path("rcpt_to").asText(event.path("raw_rcpt_to").asText(""));
        return EventBuilder.bounce(NAME, type)
                .recipient(recipient)
                .origin(Origin.fromFields(event.get("rcpt_meta")))
                .occurredAtUnixSeconds(event.get("timestamp"))
                .meta(event)
                .reason(event.path("type").asText(""), event.path("bounce_class").asText(""))
                .messageId(event.path("message_id").asText(null))
                .dedupeKey(event.path("event_id").asText(""), event.path("type").asText(""),
                        recipient.trim().toLowerCase(Locale.ROOT), event.path("message_id").asText(""))
                .build();
    }
}
