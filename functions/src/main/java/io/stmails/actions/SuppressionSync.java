package io.stmails.actions;

import io.stmails.domain.BounceType;
import io.stmails.domain.ThresholdAction;
import io.stmails.store.ActionRecord;
import io.stmails.store.BounceStore;
import io.stmails.store.SubscriberHistory;
import io.stmails.suppression.SuppressionList;
import io.stmails.suppression.SuppressionReason;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Carries blocklist and delete decisions to the account's suppression list, exactly once per
 * decision: the action record is written with {@code suppression_pending}, the address is put after
 * the write, and the flag is cleared after the put. A failure in between leaves the flag set, so the
 * retried stream record (or request) puts it again, which the list takes as a no-op.
 */
public final class SuppressionSync {
    private final SuppressionList list;
    private final SubscriberHistory history;
    private final BounceStore bounces;

    public SuppressionSync(SuppressionList list, SubscriberHistory history, BounceStore bounces) {
        this.list = list;
        this.history = history;
        this.bounces = bounces;
    }

    /** Whether an action of this kind has to reach the suppression list. */
    public boolean suppresses(ThresholdAction action) {
        return list.isEnabled() && (action == ThresholdAction.BLOCKLIST || action == ThresholdAction.DELETE);
    }

    /**
     * What an operator's decision on this subscriber is about, for the list's reason: a complaint if
     * she has one that counts, else a bounce if she has any that counts; empty when none does.
     */
    public Optional<BounceType> decidingType(String subscriberUuid) {
        for (BounceType type : List.of(BounceType.COMPLAINT, BounceType.HARD, BounceType.SOFT)) {
            if (!bounces.countableTimes(subscriberUuid, type, null, Instant.now()).isEmpty()) {
                return Optional.of(type == BounceType.COMPLAINT ? BounceType.COMPLAINT : BounceType.HARD);
            }
        }
        return Optional.empty();
    }

    /** Finishes what an earlier request left pending on the subscriber's action records; says whether there was any. */
    public boolean finishPending(String subscriberUuid) {
        if (!list.isEnabled()) {
            return false;
        }
        List<ActionRecord> pending = history.actionsOf(subscriberUuid).stream()
                .filter(ActionRecord::suppressionPending).toList();
        pending.forEach(this::finish);
        return !pending.isEmpty();
    }

    /** Finishes what the action record says is still pending; throws (leaving it pending) when the list fails. */
    public void finish(ActionRecord record) {
        if (record.suppressionPending()) {
            list.put(record.email(), SuppressionReason.of(record.bounceType()));
            history.markActionSuppressed(record.bounceId());
        }
    }

    public SuppressionList list() {
        return list;
    }
}
