package io.stmails.suppression;

import io.stmails.metrics.BounceMetrics;

/** A suppression list whose every change is counted: puts, and removals of an address that was there. */
public final class CountedSuppressionList implements SuppressionList {
    private final SuppressionList list;
    private final BounceMetrics metrics;

    public CountedSuppressionList(SuppressionList list, BounceMetrics metrics) {
        this.list = list;
        this.metrics = metrics;
    }

    @Override
    public void put(String email, SuppressionReason reason) {
        list.put(email, reason);
        metrics.suppressionChanged(true);
    }

    @Override
    public boolean remove(String email) {
        boolean removed = list.remove(email);
        if (removed) {
            metrics.suppressionChanged(false);
        }
        return removed;
    }

    @Override
    public SuppressionPage list(String nextToken, int pageSize) {
        return list.list(nextToken, pageSize);
    }

    @Override
    public boolean isEnabled() {
        return list.isEnabled();
    }
}
