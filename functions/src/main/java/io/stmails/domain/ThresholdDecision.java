package io.stmails.domain;

/**
 * What the threshold engine decided for one bounce.
 *
 * @param updated the subscriber as it must be stored; null unless {@link Effect#UPDATE}
 */
public record ThresholdDecision(ThresholdAction action, Effect effect, Subscriber updated, long count, int threshold) {

    public enum Effect {
        /** Below the threshold, action {@code none}, or the subscriber is already in the target state. */
        NO_CHANGE,
        UPDATE,
        DELETE
    }

    public boolean changesSomething() {
        return effect != Effect.NO_CHANGE;
    }
}
