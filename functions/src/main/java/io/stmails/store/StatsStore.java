package io.stmails.store;

import io.stmails.domain.StatsCounters.Counter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Bounce counters, maintained from the bounces table's stream. Each group of stream records is
 * applied in one transaction together with a receipt for every record of the group, so a redelivery
 * that starts at any of them (Lambda resumes at a reported record, or splits a failed batch anywhere)
 * is never counted twice.
 */
public interface StatsStore {
    /**
     * TransactWriteItems takes at most 100 items: one receipt per record of the group, and the items its counters
     * are attributes of (one per scope and UTC day, see {@link io.stmails.domain.StatsCounters#items}).
     */
    int MAX_ITEMS_PER_GROUP = 100;

    /** The last sequence number counted by the group that included {@code sequence}, if one was. */
    Optional<String> countedThrough(String sequence);

    /**
     * Adds the deltas and writes a receipt for each sequence number (in stream order) atomically;
     * false, and nothing changed, when a receipt for any of them already exists.
     *
     * @throws io.stmails.domain.ContentionException when it kept losing to concurrent writes of the same counters
     */
    boolean apply(List<String> sequences, Map<Counter, Long> deltas);

    /**
     * Every counter of a scope as {@link io.stmails.domain.StatsCounters#read} makes them from its day items
     * ({@code total}, {@code type#hard}, {@code day#2026-11-22}, {@code type_day#hard#2026-11-22}, ...).
     */
    Map<String, Long> read(String scope);
}
