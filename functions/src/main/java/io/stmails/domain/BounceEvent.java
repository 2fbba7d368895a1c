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
 * @param suppressed     the provider did not send because the address is on its suppression list
 *                       (recorded, but not counted towards thresholds)
 * @param reason         what the source said the type was decided from: SES's {@code bounceType/bounceSubType},
 *                       a provider's event type, the mailbox parser's reason; null when the source says nothing
 * @param evidence       what the source reported, bounded ({@link Evidence}); null when there is nothing beyond meta
 */
public record BounceEvent(
        String email,
        String subscriberUuid,
        String campaignUuid,
        BounceType type,
        String source,
        Instant occurredAt,
        String metaJson,
        String dedupeKey,
        boolean suppressed,
        String reason,
        String evidence) {

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
    }

    public BounceEvent(String email, String subscriberUuid, String campaignUuid, BounceType type, String source,
            Instant occurredAt, String metaJson, String dedupeKey) {
        this(email, subscriberUuid, campaignUuid, type, source, occurredAt, metaJson, dedupeKey, false, null, null);
    }

    /** The same event with what its source said about it. */
    public BounceEvent classified(String reasonGiven, String evidenceGiven) {
        return new BounceEvent(email, subscriberUuid, campaignUuid, type, source, occurredAt, metaJson, dedupeKey,
                suppressed, reasonGiven, evidenceGiven);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
