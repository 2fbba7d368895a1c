package io.stmails.store;

import io.stmails.domain.BounceType;
import io.stmails.domain.SubscriberStatus;
import io.stmails.domain.SubscriptionStatus;
import io.stmails.domain.ThresholdAction;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The durable trace of one applied action, keyed by the bounce that triggered it. Written in the
 * same transaction as the subscriber change, so a redelivered stream record finds it and neither
 * applies nor announces the action twice. An action taken through the API has no triggering bounce
 * and an id of its own instead ({@code api-…}, {@code import-…}).
 *
 * @param statusBefore       the subscriber's status before the action (what a reactivation goes back to)
 * @param listsBefore        the list subscriptions before the action (what a reactivation restores)
 * @param suppressionPending the address is still to be put on the suppression list for this decision
 * @param reversedAt         when a reactivation undid it; null while it is in force
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
        boolean published,
        SubscriberStatus statusBefore,
        Map<String, SubscriptionStatus> listsBefore,
        boolean suppressionPending,
        Instant reversedAt) {

    public ActionRecord {
        listsBefore = listsBefore == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(listsBefore));
    }

    /** Whether a reactivation can undo it: it changed the subscriber (delete removed it) and is still in force. */
    public boolean inForce() {
        return reversedAt == null && action != ThresholdAction.NONE && action != ThresholdAction.DELETE;
    }
}
