package io.stmails.store;

import io.stmails.domain.SubscriptionStatus;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The durable trace of one reactivation, written in the same transaction as the subscriber change
 * and the actions it reverses. What must follow the write (removing the address from the
 * suppression list, announcing the event) is flagged until done, so a repeated request finishes it.
 *
 * @param forced           a complaint-blocklisted subscriber was reactivated with {@code "force": true}
 * @param reversedActions  the ids of the actions it undid
 * @param listsRestored    the list subscriptions it restored
 * @param bouncesCleared   how many bounces it marked cleared
 */
public record ReactivationRecord(
        String id,
        String subscriberUuid,
        String email,
        Instant reactivatedAt,
        boolean forced,
        List<String> reversedActions,
        Map<String, SubscriptionStatus> listsRestored,
        int bouncesCleared,
        boolean suppressionPending,
        boolean published) {

    public ReactivationRecord {
        reversedActions = List.copyOf(reversedActions);
        listsRestored = Collections.unmodifiableMap(new LinkedHashMap<>(listsRestored));
    }

    public boolean finished() {
        return !suppressionPending && published;
    }
}
