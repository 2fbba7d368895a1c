package io.stmails.domain;

import java.time.Instant;

/**
 * One recorded bounce. {@code metaJson} is the provider's metadata as JSON text, stored exactly as
 * received (listmonk keeps any JSON value, including a string).
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
        String dedupeKey) {
}
