package io.stmails.actions;

import io.stmails.domain.BlocklistRule;
import io.stmails.domain.BounceIds;
import io.stmails.domain.BounceType;
import io.stmails.domain.Subscriber;
import io.stmails.domain.ThresholdAction;
import io.stmails.domain.ThresholdDecision;
import io.stmails.store.ActionRecord;
import io.stmails.store.SubscriberStore;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Blocklists a subscriber on an operator's request ({@code PUT /api/bounces/blocklist}) the way a
 * threshold action does: the subscriber change and an action record ({@code api-…}, with the lists
 * before, so a reactivation can restore them) in one transaction, then the suppression list. A
 * subscriber found blocklisted already gets whatever an earlier request left pending finished.
 */
public final class ApiBlocklist {
    private static final int MAX_ATTEMPTS = 5;

    private final SubscriberStore subscribers;
    private final SuppressionSync suppression;
    private final Supplier<Instant> clock;

    public ApiBlocklist(SubscriberStore subscribers, SuppressionSync suppression, Supplier<Instant> clock) {
        this.subscribers = subscribers;
        this.suppression = suppression;
        this.clock = clock;
    }

    /** @return whether it changed the subscriber */
    public boolean blocklist(Subscriber subscriber) {
        Subscriber current = subscriber;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Instant now = clock.get();
            Optional<Subscriber> blocklisted = BlocklistRule.apply(current, true, now);
            if (blocklisted.isEmpty()) {
                suppression.finishPending(current.uuid());
                return false;
            }
            BounceType reason = suppression.decidingType(current.uuid()).orElse(BounceType.HARD);
            ActionRecord record = new ActionRecord("api-" + BounceIds.next(now), current.uuid(), current.email(),
                    ThresholdAction.BLOCKLIST, reason, 0, 0, null, "api", now, true, current.status(), current.lists(),
                    suppression.suppresses(ThresholdAction.BLOCKLIST), null);
            ThresholdDecision decision = new ThresholdDecision(ThresholdAction.BLOCKLIST, ThresholdDecision.Effect.UPDATE,
                    blocklisted.get(), 0, 0);
            if (subscribers.applyAction(current, decision, record) == SubscriberStore.ApplyResult.APPLIED) {
                suppression.finish(record);
                return true;
            }
            Optional<Subscriber> reread = subscribers.findByUuid(current.uuid());
            if (reread.isEmpty()) {
                return false;
            }
            current = reread.get();
        }
        return false;
    }
}
