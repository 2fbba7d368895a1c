package io.stmails.domain;

import java.time.Instant;

/**
 * One recorded bounce. {@code metaJson} is the provider's metadata as JSON text, stored exactly as
 * received (listmonk keeps any JSON value, including a string).
 *
 * @param clearedAt  when a reactivation cleared it (it stays listed but no longer counts); null when not cleared
 * @param suppressed the sending service refused the send because the address was already on its
 *                   suppression list (SES {@code OnAccountSuppressionList}): recorded, never counted
 */
public record Bounce(
        String id,
        String subscriberUuid,
        String email,
        String campaignUuid,
        BounceType type,
        String source,
        String metaJson,
        Instant createdAt,
        String dedupeKey,
        Instant clearedAt,
        boolean suppressed) {

    public Bounce(String id, String subscriberUuid, String email, String campaignUuid, BounceType type, String source,
            String metaJson, Instant createdAt, String dedupeKey) {
        this(id, subscriberUuid, email, campaignUuid, type, source, metaJson, createdAt, dedupeKey, null, false);
    }

    /** Whether it counts towards its type's threshold. */
    public boolean counts() {
        return clearedAt == null && !suppressed;
    }
}
