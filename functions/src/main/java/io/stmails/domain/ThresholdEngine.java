package io.stmails.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

/**
 * listmonk's threshold rule: when a subscriber's bounces of one type reach the configured count,
 * apply that type's action. Which bounces count is the type's {@link CountingRule}: its own
 * {@code countWindow} wins over the global one, and {@code resetAfter} restarts the count after a
 * quiet gap. Pure: the caller supplies the bounces' times (or the count) and stores the result.
 */
public final class ThresholdEngine {
    private final BounceSettings settings;

    public ThresholdEngine(BounceSettings settings) {
        this.settings = settings;
    }

    public CountingRule countingRule(BounceType type) {
        Threshold threshold = settings.thresholdFor(type);
        Duration window = threshold.countWindow() != null ? threshold.countWindow() : settings.countWindow();
        return new CountingRule(window == null || window.isZero() ? null : window, threshold.resetAfter());
    }

    /**
     * @param createdAt creation times of the subscriber's bounces of {@code type} that can count (at least
     *                  those since {@code countingRule(type).since(now)}), including the one being processed
     */
    public ThresholdDecision decide(Subscriber subscriber, BounceType type, Collection<Instant> createdAt, Instant now) {
        return decide(subscriber, type, countingRule(type).count(createdAt, now), now);
    }

    /**
     * @param count the subscriber's bounces of {@code type} that count, including the one being processed
     */
    public ThresholdDecision decide(Subscriber subscriber, BounceType type, long count, Instant now) {
        Threshold threshold = settings.thresholdFor(type);
        ThresholdAction action = threshold.action();
        if (count < threshold.count() || action == ThresholdAction.NONE) {
            return noChange(action, count, threshold);
        }
        switch (action) {
            case DELETE:
                return new ThresholdDecision(action, ThresholdDecision.Effect.DELETE, null, count, threshold.count());
            case UNSUBSCRIBE:
                if (!subscriber.hasActiveSubscription()) {
                    return noChange(action, count, threshold);
                }
                return update(action, subscriber.withAllListsUnsubscribed(now), count, threshold);
            case BLOCKLIST:
                return BlocklistRule.apply(subscriber, settings.blocklistUnsubscribesLists(), now)
                        .map(blocklisted -> update(action, blocklisted, count, threshold))
                        .orElseGet(() -> noChange(action, count, threshold));
            default:
                throw new IllegalStateException("unhandled action " + action);
        }
    }

    private static ThresholdDecision noChange(ThresholdAction action, long count, Threshold threshold) {
        return new ThresholdDecision(action, ThresholdDecision.Effect.NO_CHANGE, null, count, threshold.count());
    }

    private static ThresholdDecision update(ThresholdAction action, Subscriber updated, long count, Threshold threshold) {
        return new ThresholdDecision(action, ThresholdDecision.Effect.UPDATE, updated, count, threshold.count());
    }
}
