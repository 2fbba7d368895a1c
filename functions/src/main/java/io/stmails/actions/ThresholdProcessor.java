package io.stmails.actions;

import io.stmails.domain.Bounce;
import io.stmails.domain.BounceSettings;
import io.stmails.domain.OptimisticRetry;
import io.stmails.domain.Subscriber;
import io.stmails.domain.ThresholdAction;
import io.stmails.domain.ThresholdDecision;
import io.stmails.domain.ThresholdEngine;
import io.stmails.metrics.BounceMetrics;
import io.stmails.store.ActionRecord;
import io.stmails.store.BounceStore;
import io.stmails.store.SubscriberStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the threshold action for one newly recorded bounce, exactly once: the subscriber change
 * and an action record keyed by the bounce id are written in one conditional transaction, so a
 * redelivered stream record or a concurrent bounce of the same subscriber cannot apply it twice. The
 * action is counted by the caller, with the bounce's stream record.
 * The action event is published after the write and marked published; a crash in between
 * republishes it with the same {@code event_id} on the retry.
 */
public final class ThresholdProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(ThresholdProcessor.class);

    private final SubscriberStore subscribers;
    private final BounceStore bounces;
    private final ThresholdEngine engine;
    private final ActionPublisher publisher;
    private final SuppressionSync suppression;
    private final Supplier<Instant> clock;
    private final BounceMetrics metrics;
    private final OptimisticRetry retry = OptimisticRetry.standard();

    public ThresholdProcessor(SubscriberStore subscribers, BounceStore bounces, BounceSettings settings,
            ActionPublisher publisher, SuppressionSync suppression, Supplier<Instant> clock, BounceMetrics metrics) {
        this.subscribers = subscribers;
        this.bounces = bounces;
        this.engine = new ThresholdEngine(settings);
        this.publisher = publisher;
        this.suppression = suppression;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * @return the action this bounce applied, now or in an earlier delivery of its stream record: the caller counts
     *         it ({@link SubscriberStore#applyActionCountedElsewhere}); empty when it applied none
     * @throws io.stmails.domain.ContentionException when the subscriber kept changing: the stream record is reported
     *         for retry
     */
    public Optional<ActionRecord> process(Bounce bounce) {
        return retry.run("threshold action of bounce " + bounce.id() + " for subscriber " + bounce.subscriberUuid(),
                () -> decideAndApply(bounce)).action();
    }

    /** What one round settled: the action applied, if any. */
    private record Outcome(Optional<ActionRecord> action) {
        static final Outcome NONE = new Outcome(Optional.empty());
    }

    /** @return empty when the subscriber changed meanwhile, so the decision must be taken again */
    private Optional<Outcome> decideAndApply(Bounce bounce) {
        // The subscriber first, then the action record: another delivery of this record writes both in one transaction,
        // so a subscriber already changed by it means its record is found next, and the action is counted, not missed.
        Optional<Subscriber> subscriber = subscribers.findByUuid(bounce.subscriberUuid());
        Optional<ActionRecord> applied = subscribers.findAction(bounce.id());
        if (applied.isPresent()) {
            finish(applied.get());
            return Optional.of(new Outcome(applied));
        }
        if (bounces.isRecorded(bounce.dedupeKey())) {
            // Deleted, and written again by a redelivery that read no marker before the deletion left it (its write
            // then found the item gone): the deletion stands, and nothing acts on the bounce.
            bounces.delete(bounce);
            return Optional.of(Outcome.NONE);
        }
        if (subscriber.isEmpty()) {
            // Deleted (by a delete action, the API or an erasure) before or after this bounce was written (the
            // write does not check her, to cost one unit): keep nothing against her.
            bounces.deleteAllOfSubscriber(bounce.subscriberUuid());
            return Optional.of(Outcome.NONE);
        }
        if (!bounce.counts()) {
            // Reported for an address that is suppressed already: recorded, but acting again would change nothing.
            return Optional.of(Outcome.NONE);
        }
        Instant now = clock.get();
        Instant since = engine.countingRule(bounce.type()).since(now);
        List<Instant> counted = bounces.countableTimes(bounce.subscriberUuid(), bounce.type(), since, now);
        ThresholdDecision decision = engine.decide(subscriber.get(), bounce.type(), counted, now);
        if (!decision.changesSomething()) {
            return Optional.of(Outcome.NONE);
        }
        ActionRecord record = new ActionRecord(bounce.id(), subscriber.get().uuid(), subscriber.get().email(),
                decision.action(), bounce.type(), decision.count(), decision.threshold(), bounce.campaignUuid(),
                bounce.source(), now, !publisher.isConfigured(), subscriber.get().status(), subscriber.get().lists(),
                suppression.suppresses(decision.action()), null);
        switch (subscribers.applyActionCountedElsewhere(subscriber.get(), decision, record)) {
            case APPLIED -> {
                metrics.actionApplied(decision.action());
                LOG.atInfo()
                        .addKeyValue("action", decision.action().wire())
                        .addKeyValue("subscriber_uuid", record.subscriberUuid())
                        .addKeyValue("type", bounce.type().wire())
                        .addKeyValue("bounce_id", bounce.id())
                        .log("applied {} after {} {} bounce(s) (threshold {})", decision.action().wire(),
                                decision.count(), bounce.type().wire(), decision.threshold());
                finish(record);
                return Optional.of(new Outcome(Optional.of(record)));
            }
            case ALREADY_APPLIED -> {
                // Another delivery of this record won the race; the next round finds its record and finishes it.
            }
            case CONFLICT -> LOG.debug("subscriber {} changed meanwhile; deciding again", bounce.subscriberUuid());
        }
        return Optional.empty();
    }

    private void finish(ActionRecord record) {
        if (record.action() == ThresholdAction.DELETE) {
            bounces.deleteAllOfSubscriber(record.subscriberUuid());
        }
        suppression.finish(record);
        if (!record.published()) {
            publisher.publish(record);
            subscribers.markActionPublished(record.bounceId());
        }
    }
}
