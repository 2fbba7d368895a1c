package io.stmails.store;

import io.stmails.domain.StatsCounters.Counter;
import java.util.Map;
import java.util.Optional;

/**
 * Bounce counters, maintained from the bounces table's stream. Each group of stream records is
 * applied in one transaction together with a receipt keyed by the group's first sequence number, so
 * a redelivered group is never counted twice.
 */
public interface StatsStore {
    /** TransactWriteItems takes at most 100 items; one is the receipt. */
    int MAX_COUNTERS_PER_GROUP = 99;

    /** The last sequence number counted by the group that started at {@code firstSequence}, if one was. */
    Optional<String> countedThrough(String firstSequence);

    /** Adds the deltas and writes the receipt atomically; false (and nothing changed) when the receipt exists. */
    boolean apply(String firstSequence, String lastSequence, Map<Counter, Long> deltas);

    /** Every counter of a scope, by dimension ({@code total}, {@code type#hard}, {@code day#2026-11-22}, ...). */
    Map<String, Long> read(String scope);
}
