package io.stmails.domain;

import java.time.Duration;

/**
 * One bounce type's settings: listmonk's {@code {count, action}} (act on the bounce whose running
 * count reaches {@code count}), plus how that type's bounces age.
 *
 * @param countWindow only bounces newer than this count; null inherits the global window,
 *                    {@link Duration#ZERO} counts all-time whatever the global window says
 * @param resetAfter  a gap this long without a bounce of this type starts the count from zero; null: never
 * @param retention   bounces of this type are removed this long after they happened; null: kept
 */
public record Threshold(int count, ThresholdAction action, Duration countWindow, Duration resetAfter, Duration retention) {
    public Threshold {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, was " + count);
        }
        if (action == null) {
            throw new IllegalArgumentException("action is required");
        }
        if (resetAfter != null && (resetAfter.isNegative() || resetAfter.isZero())) {
            throw new IllegalArgumentException("resetAfter must be positive");
        }
        if (retention != null && (retention.isNegative() || retention.isZero())) {
            throw new IllegalArgumentException("retention must be positive");
        }
    }

    public Threshold(int count, ThresholdAction action) {
        this(count, action, null, null, null);
    }
}
