package io.stmails.store;

import io.stmails.domain.BounceType;
import io.stmails.domain.ThresholdAction;
import java.time.Instant;

/**
 * The durable trace of one applied threshold action, keyed by the bounce that triggered it. Written
 * in the same transaction as the subscriber change, so a redelivered stream record finds it and
 * neither applies nor announces the action twice.
 */
public record ActionRecord(
        String bounceId,
        String subscriberUuid,
        String email,
        ThresholdAction action,
        BounceType bounceType,
        long count,
        int threshold,
        String campaignUuid,
        String source,
        Instant appliedAt,
        boolean published) {
}
