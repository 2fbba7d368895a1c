package io.stmails.actions;

import static io.stmails.actions.Stubs.stub;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stmails.domain.Bounce;
import io.stmails.domain.BounceSettings;
import io.stmails.domain.BounceType;
import io.stmails.domain.ContentionException;
import io.stmails.domain.Subscriber;
import io.stmails.domain.SubscriberStatus;
import io.stmails.domain.SubscriptionStatus;
import io.stmails.metrics.BounceMetrics;
import io.stmails.store.BounceStore;
import io.stmails.store.SubscriberHistory;
import io.stmails.store.SubscriberStore;
import io.stmails.suppression.SuppressionList;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Each optimistic writer against a subscriber who changes before every write: it tries a bounded
 * number of times and then says so with {@link ContentionException} (which the stream reports for
 * retry and the API answers with 503), never returning as if nothing had been wrong.
 */
class ContendedChangesTest {
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final Supplier<Instant> CLOCK = () -> NOW;
    private static final Subscriber ANN = new Subscriber("0f5e3c1a-2b4d-4e6f-8a9b-0c1d2e3f4a5b", "ann@example.com",
            "Ann", SubscriberStatus.ENABLED, Map.of("1", SubscriptionStatus.CONFIRMED), NOW, NOW, 3);

    private final AtomicInteger writes = new AtomicInteger();
    private final SubscriberStore alwaysChanged = stub(SubscriberStore.class, (method, args) -> switch (method) {
        case "findByUuid" -> Optional.of(ANN);
        case "findAction" -> Optional.empty();
        case "applyAction", "applyActionCountedElsewhere" -> {
            writes.incrementAndGet();
            yield SubscriberStore.ApplyResult.CONFLICT;
        }
        case "delete" -> {
            writes.incrementAndGet();
            yield false;
        }
        default -> throw new UnsupportedOperationException(method);
    });
    private final BounceStore bounces = stub(BounceStore.class, (method, args) -> switch (method) {
        case "countableTimes" -> List.of(NOW);
        case "isRecorded" -> false;
        case "deleteAllOfSubscriber" -> null;
        default -> throw new UnsupportedOperationException(method);
    });
    private final SuppressionSync noSuppression = new SuppressionSync(SuppressionList.DISABLED,
            stub(SubscriberHistory.class, (method, args) -> List.of()), bounces, CLOCK);

    @Test
    void anOperatorsBlocklistingNoLongerGivesUpSilently() {
        ApiBlocklist blocklist = new ApiBlocklist(alwaysChanged, noSuppression, CLOCK);
        ContentionException thrown = assertThrows(ContentionException.class, () -> blocklist.blocklist(ANN));
        assertTrue(thrown.getMessage().contains(ANN.uuid()), thrown.getMessage());
        assertEquals(8, writes.get());
    }

    @Test
    void anOperatorsDeleteEndsInContention() {
        ApiDeletion deletion = new ApiDeletion(alwaysChanged, bounces, noSuppression, CLOCK);
        assertThrows(ContentionException.class, () -> deletion.delete(ANN.uuid()));
        assertEquals(8, writes.get());
    }

    @Test
    void aThresholdActionEndsInContentionSoThatTheStreamRecordIsRetried() {
        ThresholdProcessor thresholds = new ThresholdProcessor(alwaysChanged, bounces, BounceSettings.defaults(),
                ActionPublisher.NONE, noSuppression, CLOCK, BounceMetrics.NONE);
        Bounce hard = new Bounce("b-1", ANN.uuid(), ANN.email(), null, BounceType.HARD, "ses", "{}", NOW, "ses:f-1:ann");
        assertThrows(ContentionException.class, () -> thresholds.process(hard));
        assertEquals(8, writes.get());
    }
}
