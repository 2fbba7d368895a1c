package io.stmails.store;

import io.stmails.domain.Bounce;
import io.stmails.domain.BounceType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Durable bounce records. Every method either completes durably or throws {@link StorageException}. */
public interface BounceStore {

    enum InsertResult {
        INSERTED,
        /** The dedupe key was recorded before: nothing written. */
        DUPLICATE
    }

    /**
     * Writes the bounce with its evidence, once per dedupe key. A bounce racing its subscriber's deletion
     * may be written; the stream step deletes it (see {@code ThresholdProcessor}).
     */
    InsertResult insert(Bounce bounce);

    /**
     * Strongly consistent creation times of the subscriber's bounces of one type created at or after
     * {@code since} (null: all), leaving out those whose retention ended before {@code now} (expiry
     * removes them only eventually).
     */
    List<Instant> countableTimes(String subscriberUuid, BounceType type, Instant since, Instant now);

    /**
     * Whether a bounce with this dedupe key was recorded and deleted since (within the dedupe markers' retention):
     * one still recorded is found by {@link #insert} itself, against its own item.
     */
    boolean isRecorded(String dedupeKey);

    Map<BounceType, Long> countsByType(String subscriberUuid);

    /** The subscriber's bounces, newest first. */
    List<Bounce> listBySubscriber(String subscriberUuid);

    /** Deletes every bounce of the subscriber; returns how many. Each leaves a dedupe marker, so redeliveries stay ignored. */
    int deleteAllOfSubscriber(String subscriberUuid);

    /** Deletes the bounce and its evidence, leaving a dedupe marker so that its redeliveries stay ignored. */
    void delete(Bounce bounce);

    /** Marks every not yet cleared bounce of the subscriber as cleared (listed, no longer counted); returns how many. */
    int clearAll(String subscriberUuid, Instant clearedAt);

    /**
     * Keeps the dedupe markers of these bounces (redeliveries stay ignored) but removes the plain
     * dedupe key from them, which may hold the address: only its hash remains.
     */
    void forgetDedupeKeys(List<Bounce> bounces);

    /** The bounce with its evidence (the only read that includes it). */
    Optional<Bounce> findById(String id);

    /** One page of a listing, newest or oldest first by the query's order. */
    BouncePage query(BounceQuery query);

    /** How many bounces the query matches (its cursor and limit ignored); reads every matching index entry. */
    long count(BounceQuery query);
}
