package io.stmails.store;

import io.stmails.domain.Subscriber;
import io.stmails.domain.ThresholdDecision;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** Subscribers (unique lower-cased e-mail) and the log of threshold actions applied to them. */
public interface SubscriberStore {

    enum ApplyResult {
        APPLIED,
        /** The subscriber changed or vanished since it was read: read again and decide again. */
        CONFLICT,
        /** An action for this bounce was applied before. */
        ALREADY_APPLIED
    }

    Optional<Subscriber> findByUuid(String uuid);

    Optional<Subscriber> findByEmail(String email);

    /** The subscribers that exist among {@code uuids}, by uuid. */
    Map<String, Subscriber> findByUuids(Collection<String> uuids);

    /** @throws EmailTakenException when another subscriber has the e-mail */
    void create(Subscriber subscriber);

    /**
     * Creates the subscriber and the action record that explains its state (an imported
     * suppression) in one transaction.
     *
     * @throws EmailTakenException when another subscriber has the e-mail
     */
    void create(Subscriber subscriber, ActionRecord record);

    /**
     * Stores the decision's effect and the action record in one transaction, if {@code before} is still current,
     * and adds the action to its counters in the same transaction.
     */
    ApplyResult applyAction(Subscriber before, ThresholdDecision decision, ActionRecord record);

    /**
     * As {@link #applyAction}, without the counters: for the stream step, which counts a threshold action exactly
     * once with the stream record of the bounce that caused it (in the transaction that counts that bounce).
     */
    ApplyResult applyActionCountedElsewhere(Subscriber before, ThresholdDecision decision, ActionRecord record);

    Optional<ActionRecord> findAction(String bounceId);

    void markActionPublished(String bounceId);

    /** Deletes the subscriber (not its bounces); false when it did not exist. */
    boolean delete(String uuid);
}
