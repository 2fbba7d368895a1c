package io.stmails.actions;

import io.stmails.domain.Bounce;
import io.stmails.domain.BounceIds;
import io.stmails.domain.BounceType;
import io.stmails.domain.OptimisticRetry;
import io.stmails.domain.Subscriber;
import io.stmails.domain.SubscriberStatus;
import io.stmails.domain.SubscriptionStatus;
import io.stmails.domain.ThresholdAction;
import io.stmails.store.ActionRecord;
import io.stmails.store.BounceStore;
import io.stmails.store.ReactivationRecord;
import io.stmails.store.SubscriberHistory;
import io.stmails.store.SubscriberStore;
import io.stmails.suppression.SuppressionList;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Undoes the actions in force on a subscriber: status back to enabled, list subscriptions back to
 * what they were before the first of those actions, every bounce so far cleared (listed, no longer
 * counted), the address off the suppression list, and a {@code reactivate} event. A subscriber who
 * complained is refused unless forced, and the force is recorded.
 *
 * <p>Bounces are cleared before the subscriber changes, so a crash in between leaves her
 * blocklisted and the repeated request completes it; the subscriber, the reversed actions and the
 * reactivation record are one transaction; the suppression removal and the event follow it and are
 * flagged until done, so a repeated request finishes them too.
 */
public final class Reactivation {
    public enum Outcome {
        REACTIVATED,
        /** Nothing in force to undo (already reactivated, or never acted on). */
        NOTHING_TO_UNDO,
        /** Blocklisted for a complaint and not forced. */
        REFUSED_COMPLAINT,
        NOT_FOUND
    }

    /**
     * @param record  the reactivation written (null unless reactivated)
     * @param refusal why a complaint refuses it (null unless refused)
     */
    public record Result(Outcome outcome, Subscriber subscriber, ReactivationRecord record, String refusal) {
    }

    private final SubscriberStore subscribers;
    private final SubscriberHistory history;
    private final BounceStore bounces;
    private final SuppressionList suppression;
    private final ActionPublisher publisher;
    private final Supplier<Instant> clock;
    private final OptimisticRetry retry = OptimisticRetry.standard();

    public Reactivation(SubscriberStore subscribers, SubscriberHistory history, BounceStore bounces,
            SuppressionList suppression, ActionPublisher publisher, Supplier<Instant> clock) {
        this.subscribers = subscribers;
        this.history = history;
        this.bounces = bounces;
        this.suppression = suppression;
        this.publisher = publisher;
        this.clock = clock;
    }

    /**
     * Something may change meanwhile, and the history index may need a moment to show a reversal just
     * written: the attempt is repeated after a wait.
     *
     * @throws io.stmails.domain.ContentionException when she kept changing
     */
    public Result reactivate(String subscriberUuid, boolean force) {
        return retry.run("reactivation of subscriber " + subscriberUuid, () -> reactivateOnce(subscriberUuid, force));
    }

    /** @return empty when she changed meanwhile */
    private Optional<Result> reactivateOnce(String subscriberUuid, boolean force) {
        Optional<Subscriber> found = subscribers.findByUuid(subscriberUuid);
        if (found.isEmpty()) {
            return Optional.of(new Result(Outcome.NOT_FOUND, null, null, null));
        }
        Subscriber subscriber = found.get();
        List<ActionRecord> inForce = history.actionsOf(subscriberUuid).stream().filter(ActionRecord::inForce).toList();
        if (inForce.isEmpty() && subscriber.status() != SubscriberStatus.BLOCKLISTED) {
            history.reactivationsOf(subscriberUuid).stream().filter(r -> !r.finished()).forEach(this::finish);
            return Optional.of(new Result(Outcome.NOTHING_TO_UNDO, subscriber, null, null));
        }
        Optional<String> complaint = complaint(inForce, subscriberUuid);
        if (complaint.isPresent() && !force) {
            return Optional.of(new Result(Outcome.REFUSED_COMPLAINT, subscriber, null, complaint.get()));
        }
        Instant now = clock.get();
        int cleared = bounces.clearAll(subscriberUuid, now);
        Map<String, SubscriptionStatus> lists = restoredLists(subscriber, inForce);
        Subscriber after = new Subscriber(subscriber.uuid(), subscriber.email(), subscriber.name(),
                SubscriberStatus.ENABLED, lists, subscriber.createdAt(), now, subscriber.version());
        ReactivationRecord record = new ReactivationRecord("reactivate-" + BounceIds.next(now), subscriberUuid,
                subscriber.email(), now, complaint.isPresent(), inForce.stream().map(ActionRecord::bounceId).toList(),
                lists, cleared, suppression.isEnabled(), !publisher.isConfigured());
        if (history.reactivate(subscriber, after, inForce, record)) {
            finish(record);
            return Optional.of(new Result(Outcome.REACTIVATED, after, record, null));
        }
        return Optional.empty();
    }

    /** Why she counts as a complainer: an action in force taken on a complaint, or a complaint not yet cleared. */
    private Optional<String> complaint(List<ActionRecord> inForce, String subscriberUuid) {
        Optional<ActionRecord> action = inForce.stream().filter(a -> a.bounceType() == BounceType.COMPLAINT).findFirst();
        if (action.isPresent()) {
            String done = action.get().action() == ThresholdAction.UNSUBSCRIBE ? "unsubscribed" : "blocklisted";
            return Optional.of("Subscriber was " + done + " after a complaint on " + action.get().appliedAt() + ".");
        }
        return bounces.listBySubscriber(subscriberUuid).stream()
                .filter(b -> b.type() == BounceType.COMPLAINT && b.clearedAt() == null)
                .findFirst()
                .map(Bounce::createdAt)
                .map(at -> "Subscriber complained on " + at + ".");
    }

    /** The lists as before the oldest action in force; lists she joined since keep their status. */
    private static Map<String, SubscriptionStatus> restoredLists(Subscriber subscriber, List<ActionRecord> inForce) {
        Map<String, SubscriptionStatus> lists = new LinkedHashMap<>(subscriber.lists());
        inForce.stream().min(Comparator.comparing(ActionRecord::appliedAt))
                .ifPresent(oldest -> lists.putAll(oldest.listsBefore()));
        return lists;
    }

    private void finish(ReactivationRecord record) {
        if (record.suppressionPending()) {
            suppression.remove(record.email());
            history.markReactivationUnsuppressed(record.id());
        }
        if (!record.published()) {
            publisher.publishReactivation(record);
            history.markReactivationPublished(record.id());
        }
    }
}
