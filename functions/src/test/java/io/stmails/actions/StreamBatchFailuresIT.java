package io.stmails.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stmails.config.Settings;
import io.stmails.domain.BounceEvent;
import io.stmails.domain.BounceType;
import io.stmails.domain.StatsCounters;
import io.stmails.domain.Subscriber;
import io.stmails.domain.SubscriberStatus;
import io.stmails.domain.SubscriptionStatus;
import io.stmails.handler.BounceActionsHandler;
import io.stmails.wiring.Components;
import io.stmails.store.dynamodb.Tables;
import io.stmails.testing.DynamoDbLocal;
import io.stmails.testing.StreamFixtures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code bounce-actions} under Lambda's documented semantics for ReportBatchItemFailures: the mapping
 * resumes at the lowest reported sequence number, so every record after it is delivered again. Only a
 * record that cannot be processed is reported; per subscriber, order is kept; counting is exactly-once.
 */
class StreamBatchFailuresIT {
    private static final int MAX_ATTEMPTS = 3;
    private final ObjectMapper json = new ObjectMapper();
    private Tables tables;
    private Components services;
    private BounceActionsHandler handler;

    private void start() {
        tables = DynamoDbLocal.freshTables();
        services = Components.builder().dynamo(DynamoDbLocal.client()).tables(tables)
                .settings(Settings.parse("{}", json)).build();
        handler = new BounceActionsHandler(services);
    }

    @Test
    void aRecordWhoseCountersCannotBeNamedIsReportedAloneNotTheFirstOfTheBatch() {
        start();
        Subscriber a = subscriber("a@example.com");
        Subscriber b = subscriber("b@example.com");
        Subscriber c = subscriber("c@example.com");
        DynamodbEvent.DynamodbStreamRecord a1 = recorded(a);
        DynamodbEvent.DynamodbStreamRecord poison = StreamFixtures.insert(bounceItem(b, "-1000000000-01-01T00:00:00.000Z", "hard"));
        DynamodbEvent.DynamodbStreamRecord b2 = recorded(b);
        DynamodbEvent.DynamodbStreamRecord c1 = recorded(c);

        List<DynamodbEvent.DynamodbStreamRecord> batch = List.of(a1, poison, b2, c1);
        assertEquals(List.of(sequence(poison)), failures(batch));
        assertEquals(1, total(), "only the records before the failure are counted; the rest come again");
        assertEquals(SubscriberStatus.ENABLED, reload(b).status(), "b's later bounce waits for its earlier record");
        assertEquals(SubscriberStatus.BLOCKLISTED, reload(c).status());

        // Lambda resumes at the reported record; after its last retry the record goes to the failure queue.
        assertEquals(List.of(sequence(poison)), failures(List.of(poison, b2, c1)));
        assertEquals(1, total());
        assertEquals(List.of(), failures(List.of(b2, c1)));
        assertEquals(3, total());
        assertEquals(SubscriberStatus.BLOCKLISTED, reload(b).status());
        assertEquals(List.of(), failures(List.of(b2, c1)));
        assertEquals(3, total(), "a redelivered batch is not counted twice");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void aPoisonRecordAtAnyPositionIsTheOnlyOneReportedAndDeadLetteredAndEveryOtherIsCountedOnce(int position) {
        start();
        List<DynamodbEvent.DynamodbStreamRecord> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(recorded(subscriber("user" + i + "@example.com")));
        }
        DynamodbEvent.DynamodbStreamRecord poison = StreamFixtures.insert(
                bounceItem(subscriber("poison@example.com"), "2026-11-01T00:00:00.000Z", "weird"));
        batch.add(position, poison);

        List<DynamodbEvent.DynamodbStreamRecord> deadLettered = deliverAsLambdaDoes(batch);

        assertEquals(List.of(poison), deadLettered);
        assertEquals(5, total());
        for (int i = 0; i < 5; i++) {
            assertEquals(SubscriberStatus.BLOCKLISTED,
                    services.subscribers().findByEmail("user" + i + "@example.com").orElseThrow().status());
        }
    }

    @Test
    void aRedeliveryStartingInsideACountedGroupCountsNothingAgain() {
        start();
        List<DynamodbEvent.DynamodbStreamRecord> batch = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            batch.add(recorded(subscriber("user" + i + "@example.com")));
        }
        assertEquals(List.of(), failures(batch));
        assertEquals(6, total());
        // After a function error (a timeout once the counters were written), BisectBatchOnFunctionError
        // delivers the two halves again: the second starts in the middle of the group counted above.
        assertEquals(List.of(), failures(batch.subList(0, 3)));
        assertEquals(List.of(), failures(batch.subList(3, 6)));
        assertEquals(List.of(), failures(batch.subList(2, 5)));
        assertEquals(6, total());

        DynamodbEvent.DynamodbStreamRecord seventh = recorded(subscriber("user6@example.com"));
        List<DynamodbEvent.DynamodbStreamRecord> overlapping = new ArrayList<>(batch.subList(4, 6));
        overlapping.add(seventh);
        assertEquals(List.of(), failures(overlapping));
        assertEquals(7, total());
    }

    /** The event source mapping: resume at the lowest reported record; after its last attempt, send it to the failure queue. */
    private List<DynamodbEvent.DynamodbStreamRecord> deliverAsLambdaDoes(List<DynamodbEvent.DynamodbStreamRecord> records) {
        List<DynamodbEvent.DynamodbStreamRecord> pending = new ArrayList<>(records);
        List<DynamodbEvent.DynamodbStreamRecord> deadLettered = new ArrayList<>();
        int attempts = 0;
        while (!pending.isEmpty()) {
            List<String> failed = failures(pending);
            if (failed.isEmpty()) {
                break;
            }
            assertEquals(1, failed.size(), "only the poison record is reported: " + failed);
            int lowest = pending.stream().map(StreamBatchFailuresIT::sequence).toList().indexOf(failed.get(0));
            attempts = lowest == 0 ? attempts + 1 : 1;
            pending = new ArrayList<>(pending.subList(lowest, pending.size()));
            if (attempts >= MAX_ATTEMPTS) {
                deadLettered.add(pending.remove(0));
                attempts = 0;
            }
        }
        return deadLettered;
    }

    private List<String> failures(List<DynamodbEvent.DynamodbStreamRecord> records) {
        StreamsEventResponse response = handler.handleRequest(StreamFixtures.event(records), null);
        return response.getBatchItemFailures().stream().map(StreamsEventResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    private long total() {
        return services.stats().read(StatsCounters.ALL).getOrDefault(StatsCounters.TOTAL, 0L);
    }

    private Subscriber subscriber(String email) {
        Instant created = Instant.parse("2026-01-01T00:00:00Z");
        Subscriber subscriber = new Subscriber(UUID.randomUUID().toString(), email, "name", SubscriberStatus.ENABLED,
                Map.of("1", SubscriptionStatus.CONFIRMED), created, created, 1);
        services.subscribers().create(subscriber);
        return subscriber;
    }

    private Subscriber reload(Subscriber subscriber) {
        return services.subscribers().findByUuid(subscriber.uuid()).orElseThrow();
    }

    /** Records a hard bounce and returns the stream record Lambda would deliver for it. */
    private DynamodbEvent.DynamodbStreamRecord recorded(Subscriber subscriber) {
        String key = "test-" + UUID.randomUUID();
        services.recorder().record(new BounceEvent(subscriber.email(), null, null, BounceType.HARD, "test", null, "{}", key));
        Map<String, AttributeValue> item = DynamoDbLocal.client().scan(b -> b.tableName(tables.bounces())).items().stream()
                .filter(i -> key.equals(i.get("dedupe_key") == null ? null : i.get("dedupe_key").s()) && i.containsKey("kind"))
                .findFirst().orElseThrow();
        return StreamFixtures.insert(item);
    }

    /** A bounce item as an older version (or a hand edit) might have left it, which no write path accepts now. */
    private static Map<String, AttributeValue> bounceItem(Subscriber subscriber, String createdAt, String type) {
        String id = "POISON" + UUID.randomUUID().toString().substring(0, 8);
        return new HashMap<>(Map.of(
                "pk", AttributeValue.fromS("S#" + subscriber.uuid()), "sk", AttributeValue.fromS("B#" + type + "#" + createdAt + "#" + id),
                "kind", AttributeValue.fromS("bounce"), "id", AttributeValue.fromS(id),
                "subscriber_uuid", AttributeValue.fromS(subscriber.uuid()), "email", AttributeValue.fromS(subscriber.email()),
                "type", AttributeValue.fromS(type), "source", AttributeValue.fromS("legacy"),
                "meta", AttributeValue.fromS("{}"), "created_at", AttributeValue.fromS(createdAt)));
    }

    private static String sequence(DynamodbEvent.DynamodbStreamRecord record) {
        return record.getDynamodb().getSequenceNumber();
    }
}
