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
 * @param messageId      the sending service's id of the bounced message (SES's, a provider's, the returned
 *                       message's Message-ID), for logs; null when the source gives none
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
        String dedupeKey,
        boolean suppressed,
        String reason,
        String evidence,
        String messageId) {

    private static final int MAX_LOGGED_MESSAGE_ID = 256;

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
        InputLimits.requireIndexed("reason", reason);
        InputLimits.requireKeyText("dedupe key", dedupeKey, InputLimits.MAX_DEDUPE_KEY_BYTES);
        InputLimits.requireMeta(metaJson);
        if (occurredAt != null && !Instants.isInRange(occurredAt)) {
            throw new InvalidFieldException("created_at", "is " + occurredAt + ", outside the years 0001 to 9999");
        }
    }

    public BounceEvent(String email, String subscriberUuid, String campaignUuid, BounceType type, String source,
            Instant occurredAt, String metaJson, String dedupeKey) {
        this(email, subscriberUuid, campaignUuid, type, source, occurredAt, metaJson, dedupeKey, false, null, null, null);
    }

    public BounceEvent(String email, String subscriberUuid, String campaignUuid, BounceType type, String source,
            Instant occurredAt, String metaJson, String dedupeKey, boolean suppressed) {
        this(email, subscriberUuid, campaignUuid, type, source, occurredAt, metaJson, dedupeKey, suppressed, null, null,
                null);
    }

    /** The same event with what its source said about it. */
    public BounceEvent classified(String reasonGiven, String evidenceGiven) {
        return new BounceEvent(email, subscriberUuid, campaignUuid, type, source, occurredAt, metaJson, dedupeKey,
                suppressed, reasonGiven, evidenceGiven, messageId);
    }

    /** The same event with the sending service's id of the bounced message (only logged: a blank one is none, a long one cut). */
    public BounceEvent withMessageId(String id) {
        String logged = isBlank(id) ? null : id.length() > MAX_LOGGED_MESSAGE_ID ? id.substring(0, MAX_LOGGED_MESSAGE_ID) : id;
        return new BounceEvent(email, subscriberUuid, campaignUuid, type, source, occurredAt, metaJson, dedupeKey,
                suppressed, reason, evidence, logged);
    }

    /**
     * The adapter that delivered the event ({@code webhook}, {@code ses}, {@code pop3} or a provider's name):
     * the prefix every source puts on its dedupe key. Unlike {@code source}, a short, fixed set of values.
     */
    public String channel() {
        int colon = dedupeKey.indexOf(':');
        return colon > 0 ? dedupeKey.substring(0, colon) : "other";
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
