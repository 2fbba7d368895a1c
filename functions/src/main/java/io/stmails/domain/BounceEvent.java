package io.stmails.domain;

import java.time.Instant;

/**
 * What a source adapter hands the recorder: one affected recipient of one event.
 *
 * @param email          recipient address, lower-cased; may be null when a subscriber UUID is given
 * @param subscriberUuid may be null; takes precedence over the e-mail
 * @param campaignUuid   may be null
 * @param occurredAt     may be null (the recorder uses the current time)
 * @param metaJson       provider metadata as JSON text; null means {@code {}}
 * @param dedupeKey      identical on every redelivery of the same event; never null
 * @throws InvalidFieldException when a value breaks {@link InputLimits} or the time is outside years 0001–9999:
 *                               every source records through here, so nothing stored can break a key, an
 *                               index, a listing or the counters
 */
public record BounceEvent(
        String email,
        String subscriberUuid,
        String campaignUuid,
        BounceType type,
        String source,
        Instant occurredAt,
        String metaJson,
        String dedupeKey) {

    public BounceEvent {
        if (type == null) {
            throw new IllegalArgumentException("type is required");
        }
        if (dedupeKey == null || dedupeKey.isEmpty()) {
            throw new IllegalArgumentException("dedupeKey is required");
        }
        if (isBlank(email) && isBlank(subscriberUuid)) {
            throw new IllegalArgumentException("email or subscriberUuid is required");
        }
        InputLimits.requireIndexed("email", email);
        InputLimits.requireIndexed("subscriber_uuid", subscriberUuid);
        InputLimits.requireIndexed("campaign_uuid", campaignUuid);
        InputLimits.requireIndexed("source", source);
        InputLimits.requireKeyText("dedupe key", dedupeKey, InputLimits.MAX_DEDUPE_KEY_BYTES);
        InputLimits.requireMeta(metaJson);
        if (occurredAt != null && !Instants.isInRange(occurredAt)) {
            throw new InvalidFieldException("created_at", "is " + occurredAt + ", outside the years 0001 to 9999");
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
