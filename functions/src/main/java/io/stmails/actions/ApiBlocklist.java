package io.stmails.actions;

import io.stmails.domain.BlocklistRule;
import io.stmails.domain.BounceIds;
import io.stmails.domain.BounceType;
import io.stmails.domain.OptimisticRetry;
import io.stmails.domain.Subscriber;
import io.stmails.domain.ThresholdAction;
import io.stmails.domain.ThresholdDecision;
import io.stmails.store.ActionRecord;
import io.stmails.store.SubscriberStore;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Blocklists a subscriber on an operator's request ({@code PUT /api/bounces/blocklist}) the way a
 * threshold action does: the subscriber change and an action record ({@code api-…}, with the lists
 * before, so a reactivation can restore them) in one transaction, then the suppression list. A
 * subscriber found blocklisted already gets whatever an earlier request left pending finished.
 */
public final class ApiBlocklist {
    private final SubscriberStore subscribers;
    private final SuppressionSync suppression;
    private final Supplier<Instant> clock;
    private final OptimisticRetry retry = OptimisticRetry.standard();

    public ApiBlocklist(SubscriberStore subscribers, SuppressionSync suppression, Supplier<Instant> clock) {
        this.subscribers = subscribers;
        this.suppression = suppression;
        this.clock = clock;
    }

    /**
     * @return whether it changed the subscriber
     * @throws io.stmails.domain.ContentionException when she kept changing, so that the request is retried
     */
    public boolean blocklist(Subscriber subscriber) {
        AtomicReference<Subscriber> current = new AtomicReference<>(subscriber);
        return retry.run("blocklisting of subscriber " + subscriber.uuid(), () -> {
            Optional<Boolean> changed = blocklistOnce(current.get());
            if (changed.isEmpty()) {
                Optional<Subscriber> reread = subscribers.findByUuid(subscriber.uuid());
                if (reread.isEmpty()) {
                    return Optional.of(false);
                }
                current.set(reread.get());
            }
            return changed;
        });
    }

    /** @return whether it changed her, or empty when she changed meanwhile */
    private Optional<Boolean> blocklistOnce(Subscriber current) {
        Instant now = clock.get();
        Optional<Subscriber> blocklisted = BlocklistRule.apply(current, true, now);
        if (blocklisted.isEmpty()) {
            suppression.finishPending(current.uuid());
            return Optional.of(false);
        }
        BounceType reason = suppression.decidingType(current.uuid()).orElse(BounceType.HARD);
        ActionRecord record = new ActionRecord("api-" + BounceIds.next(now), current.uuid(), current.email(),
                ThresholdAction.BLOCKLIST, reason, 0, 0, null, "api", now, true, current.status(), current.lists(),
                suppression.suppresses(ThresholdAction.BLOCKLIST), null);
        ThresholdDecision decision = new ThresholdDecision(ThresholdAction.BLOCKLIST, ThresholdDecision.Effect.UPDATE,
                blocklisted.get(), 0, 0);
        if (subscribers.applyAction(current, decision, record) != SubscriberStore.ApplyResult.APPLIED) {
            return Optional.empty();
        }
        suppression.finish(record);
        return Optional.of(true);
    }
}
