package io.stmails.store;

import io.stmails.domain.Subscriber;
import java.util.List;

/**
 * What was done to a subscriber, kept beside it: its action records and reactivations, found by
 * subscriber (an index, so a just-written record may take a moment to appear), and the writes that
 * reverse actions, mark what followed them as done, and erase it all.
 */
public interface SubscriberHistory {

    /** The subscriber's action records, newest first. */
    List<ActionRecord> actionsOf(String subscriberUuid);

    /** The subscriber's reactivations, newest first. */
    List<ReactivationRecord> reactivationsOf(String subscriberUuid);

    /**
     * In one transaction: stores {@code after} if {@code before} is still current, marks each of
     * {@code reversed} as reversed (if no one did meanwhile) and writes the reactivation record.
     *
     * @return false, and nothing written, when anything changed meanwhile
     */
    boolean reactivate(Subscriber before, Subscriber after, List<ActionRecord> reversed, ReactivationRecord record);

    void markActionSuppressed(String actionId);

    void markReactivationUnsuppressed(String reactivationId);

    void markReactivationPublished(String reactivationId);

    /** Deletes every action and reactivation record of the subscriber; returns how many. */
    int erase(String subscriberUuid);
}
