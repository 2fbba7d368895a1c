package io.stmails.actions;

import io.stmails.domain.BounceIds;
import io.stmails.domain.BounceType;
import io.stmails.domain.OptimisticRetry;
import io.stmails.domain.Subscriber;
import io.stmails.domain.ThresholdAction;
import io.stmails.domain.ThresholdDecision;
import io.stmails.store.ActionRecord;
import io.stmails.store.BounceStore;
import io.stmails.store.SubscriberStore;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code DELETE /api/subscribers/{uuid}}: deletes the subscriber and her bounces. With the
 * suppression list synchronised, deleting a subscriber whose bounces count is a bounce decision
 * like a threshold delete: an action record ({@code api-…}, kept so that an erasure can find the
 * suppression entry it made) in the same transaction, then the address on the list. A subscriber
 * without a counting bounce is only deleted. A repeated request finishes a put a failure left pending.
 */
public final class ApiDeletion {
    private final SubscriberStore subscribers;
    private final BounceStore bounces;
    private final SuppressionSync suppression;
    private final Supplier<Instant> clock;
    private final OptimisticRetry retry = OptimisticRetry.standard();

    public ApiDeletion(SubscriberStore subscribers, BounceStore bounces, SuppressionSync suppression,
            Supplier<Instant> clock) {
        this.subscribers = subscribers;
        this.bounces = bounces;
        this.suppression = suppression;
        this.clock = clock;
    }

    /**
     * @return false when there was no such subscriber (and no delete of hers left unfinished)
     * @throws io.stmails.domain.ContentionException when she kept changing during the delete
     */
    public boolean delete(String subscriberUuid) {
        return retry.run("delete of subscriber " + subscriberUuid, () -> deleteOnce(subscriberUuid));
    }

    /** @return empty when she changed meanwhile */
    private Optional<Boolean> deleteOnce(String subscriberUuid) {
        Optional<Subscriber> found = subscribers.findByUuid(subscriberUuid);
        if (found.isEmpty()) {
            return Optional.of(suppression.finishPending(subscriberUuid));
        }
        Subscriber subscriber = found.get();
        Optional<BounceType> reason = suppression.suppresses(ThresholdAction.DELETE)
                ? suppression.decidingType(subscriberUuid) : Optional.empty();
        if (reason.isEmpty()) {
            if (!subscribers.delete(subscriberUuid)) {
                return Optional.empty();
            }
            bounces.deleteAllOfSubscriber(subscriberUuid);
            return Optional.of(true);
        }
        Instant now = clock.get();
        ActionRecord record = new ActionRecord("api-" + BounceIds.next(now), subscriber.uuid(), subscriber.email(),
                ThresholdAction.DELETE, reason.get(), 0, 0, null, "api", now, true, subscriber.status(),
                subscriber.lists(), true, null);
        ThresholdDecision decision = new ThresholdDecision(ThresholdAction.DELETE, ThresholdDecision.Effect.DELETE,
                null, 0, 0);
        if (subscribers.applyAction(subscriber, decision, record) != SubscriberStore.ApplyResult.APPLIED) {
            return Optional.empty();
        }
        bounces.deleteAllOfSubscriber(subscriberUuid);
        suppression.finish(record);
        return Optional.of(true);
    }
}
