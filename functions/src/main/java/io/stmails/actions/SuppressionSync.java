package io.stmails.actions;

import io.stmails.domain.ThresholdAction;
import io.stmails.store.ActionRecord;
import io.stmails.store.SubscriberHistory;
import io.stmails.suppression.SuppressionList;
import io.stmails.suppression.SuppressionReason;

/**
 * Carries blocklist and delete decisions to the account's suppression list, exactly once per
 * decision: the action record is written with {@code suppression_pending}, the address is put after
 * the write, and the flag is cleared after the put. A failure in between leaves the flag set, so the
 * retried stream record (or request) puts it again, which the list takes as a no-op.
 */
public final class SuppressionSync {
    private final SuppressionList list;
    private final SubscriberHistory history;

    public SuppressionSync(SuppressionList list, SubscriberHistory history) {
        this.list = list;
        this.history = history;
    }

    /** Whether an action of this kind has to reach the suppression list. */
    public boolean suppresses(ThresholdAction action) {
        return list.isEnabled() && (action == ThresholdAction.BLOCKLIST || action == ThresholdAction.DELETE);
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
