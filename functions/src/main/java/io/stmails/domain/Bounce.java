package io.stmails.domain;

import java.time.Instant;

/**
 * One recorded bounce. {@code metaJson} is the provider's metadata as JSON text, stored exactly as
 * received (listmonk keeps any JSON value, including a string).
 *
 * @param clearedAt  when a reactivation cleared it (it stays listed but no longer counts); null when not cleared
 * @param suppressed the sending service refused the send because the address was already on its
 *                   suppression list (SES {@code OnAccountSuppressionList}): recorded, never counted
 * @param reason    why the source classified it (see {@link BounceEvent}); null for bounces recorded before reasons were kept
 * @param evidence  what it was decided from, as a JSON object's text (see {@link Evidence}); null when the
 *                  source gave none, and in listings (only a lookup by id reads it)
 * @param expiresAt when retention removes it; null: kept
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
        boolean suppressed,
        String reason,
        String evidence,
        Instant expiresAt) {

    public Bounce(String id, String subscriberUuid, String email, String campaignUuid, BounceType type, String source,
            String metaJson, Instant createdAt, String dedupeKey) {
        this(id, subscriberUuid, email, campaignUuid, type, source, metaJson, createdAt, dedupeKey, null, false, null, null,
                null);
    }

    /** Whether it counts towards its type's threshold. */
    public boolean counts() {
        return clearedAt == null && !suppressed;
    }

    public Bounce withEvidence(String evidenceJson) {
        return new Bounce(id, subscriberUuid, email, campaignUuid, type, source, metaJson, createdAt, dedupeKey, clearedAt,
                suppressed, reason, evidenceJson, expiresAt);
    }
}
