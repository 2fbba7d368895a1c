package io.stmails.actions;

import static io.stmails.actions.Stubs.stub;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stmails.domain.Bounce;
import io.stmails.domain.BounceSettings;
import io.stmails.domain.BounceType;
import io.stmails.domain.Subscriber;
import io.stmails.domain.SubscriberStatus;
import io.stmails.domain.SubscriptionStatus;
import io.stmails.domain.ThresholdAction;
import io.stmails.metrics.BounceMetrics;
import io.stmails.store.ActionRecord;
import io.stmails.store.BounceStore;
import io.stmails.store.SubscriberHistory;
import io.stmails.store.SubscriberStore;
import io.stmails.suppression.SuppressionList;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Two deliveries of one stream record at once: the other delivery applies the action (the subscriber and its action
 * record in one transaction) while this one is reading. Whichever delivery counts the record must count the action
 * with it, so this one must return the action, not "nothing to do" because the subscriber is blocklisted already.
 */
class RacedDeliveryTest {
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final Supplier<Instant> CLOCK = () -> NOW;
    private static final Subscriber BLOCKLISTED_BY_THE_OTHER_DELIVERY = new Subscriber(
            "0f5e3c1a-2b4d-4e6f-8a9b-0c1d2e3f4a5b", "ann@example.com", "Ann", SubscriberStatus.BLOCKLISTED,
            Map.of("1", SubscriptionStatus.UNSUBSCRIBED), NOW, NOW, 4);
    private static final Bounce HARD = new Bounce("b-1", BLOCKLISTED_BY_THE_OTHER_DELIVERY.uuid(),
            BLOCKLISTED_BY_THE_OTHER_DELIVERY.email(), null, BounceType.HARD, "ses", "{}", NOW, "ses:f-1:ann");
    private static final ActionRecord ITS_RECORD = new ActionRecord(HARD.id(), HARD.subscriberUuid(), HARD.email(),
            ThresholdAction.BLOCKLIST, BounceType.HARD, 1, 1, null, "ses", NOW, true, SubscriberStatus.ENABLED,
            Map.of("1", SubscriptionStatus.CONFIRMED), false, null);

    @Test
    void aDeliveryThatSeesTheSubscriberChangedByAnotherReturnsThatDeliverysAction() {
        // The other delivery commits just before this one's first read.
        AtomicBoolean committed = new AtomicBoolean();
        SubscriberStore subscribers = stub(SubscriberStore.class, (method, args) -> switch (method) {
            case "findByUuid" -> {
                committed.set(true);
                yield Optional.of(BLOCKLISTED_BY_THE_OTHER_DELIVERY);
            }
            case "findAction" -> committed.get() ? Optional.of(ITS_RECORD) : Optional.empty();
            default -> throw new UnsupportedOperationException(method);
        });
        BounceStore bounces = stub(BounceStore.class, (method, args) -> switch (method) {
            case "countableTimes" -> List.of(NOW);
            case "isRecorded" -> false;
            default -> throw new UnsupportedOperationException(method);
        });
        SuppressionSync noSuppression = new SuppressionSync(SuppressionList.DISABLED,
                stub(SubscriberHistory.class, (method, args) -> List.of()), bounces, CLOCK);
        ThresholdProcessor thresholds = new ThresholdProcessor(subscribers, bounces, BounceSettings.defaults(),
                ActionPublisher.NONE, noSuppression, CLOCK, BounceMetrics.NONE);

        assertEquals(Optional.of(ITS_RECORD), thresholds.process(HARD));
    }
}
