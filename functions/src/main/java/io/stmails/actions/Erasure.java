package io.stmails.actions;

import io.stmails.domain.Bounce;
import io.stmails.domain.Subscriber;
import io.stmails.store.ActionRecord;
import io.stmails.store.BounceStore;
import io.stmails.store.ReactivationRecord;
import io.stmails.store.SubscriberHistory;
import io.stmails.store.SubscriberStore;
import io.stmails.suppression.SuppressionList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The GDPR erasure path: removes a subscriber, her bounces, her action and reactivation records and
 * her suppression-list entry, and strips her address from the dedupe markers (their hashes stay, so
 * a redelivered old event is still ignored). The subscriber goes first, so nothing new is recorded
 * against her meanwhile; a repeated request after a failure erases what is left.
 */
public final class Erasure {

    /** What one erasure removed. */
    public record Erased(String email, int subscribers, int bounces, int historyRecords, int suppressionEntries) {
        public boolean nothing() {
            return subscribers + bounces + historyRecords + suppressionEntries == 0;
        }
    }

    private final SubscriberStore subscribers;
    private final SubscriberHistory history;
    private final BounceStore bounces;
    private final SuppressionList suppression;

    public Erasure(SubscriberStore subscribers, SubscriberHistory history, BounceStore bounces,
            SuppressionList suppression) {
        this.subscribers = subscribers;
        this.history = history;
        this.bounces = bounces;
        this.suppression = suppression;
    }

    public Erased erase(String subscriberUuid) {
        Optional<Subscriber> subscriber = subscribers.findByUuid(subscriberUuid);
        // Gone first: no bounce can be recorded and no action applied against her from here on, so what is read
        // next is all there is.
        int deletedSubscribers = subscriber.isPresent() && subscribers.delete(subscriberUuid) ? 1 : 0;
        List<Bounce> recorded = bounces.listBySubscriber(subscriberUuid);
        List<ActionRecord> actions = history.actionsOf(subscriberUuid);
        List<ReactivationRecord> reactivations = history.reactivationsOf(subscriberUuid);
        Optional<String> email = subscriber.map(Subscriber::email)
                .or(() -> Stream.concat(recorded.stream().map(Bounce::email),
                        Stream.concat(actions.stream().map(ActionRecord::email),
                                reactivations.stream().map(ReactivationRecord::email)))
                        .filter(e -> e != null && !e.isEmpty()).findFirst());
        int suppressionEntries = email.isPresent() && suppression.remove(email.get()) ? 1 : 0;
        bounces.forgetDedupeKeys(recorded);
        int deletedBounces = bounces.deleteAllOfSubscriber(subscriberUuid);
        int historyRecords = history.erase(subscriberUuid);
        return new Erased(email.orElse(null), deletedSubscribers, deletedBounces, historyRecords, suppressionEntries);
    }
}
