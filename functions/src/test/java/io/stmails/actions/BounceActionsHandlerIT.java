package io.stmails.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stmails.config.Settings;
import io.stmails.domain.Bounce;
import io.stmails.domain.BounceEvent;
import io.stmails.domain.BounceIds;
import io.stmails.domain.BounceType;
import io.stmails.domain.Subscriber;
import io.stmails.domain.SubscriberStatus;
import io.stmails.domain.SubscriptionStatus;
import io.stmails.handler.BounceActionsHandler;
import io.stmails.wiring.Components;
import io.stmails.record.BounceRecorder;
import io.stmails.store.BounceStore;
import io.stmails.store.dynamodb.Tables;
import io.stmails.testing.DynamoDbLocal;
import io.stmails.testing.RecordingSns;
import io.stmails.testing.StreamFixtures;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class BounceActionsHandlerIT {
    private static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:stmails-actions";
    private final ObjectMapper json = new ObjectMapper();
    private final RecordingSns sns = new RecordingSns();
    private final Set<String> delivered = new HashSet<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private Tables tables;
    private Components services;
    private BounceActionsHandler handler;

    private void start(String settings) {
        tables = DynamoDbLocal.freshTables();
        services = Components.builder().dynamo(DynamoDbLocal.client()).tables(tables)
                .settings(Settings.parse(settings, json))
                .publisher(new SnsActionPublisher(sns, TOPIC, json))
                .build();
        handler = new BounceActionsHandler(services);
    }

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void aHardBounceBlocklistsUnsubscribesAndAnnouncesItOnce() throws Exception {
        start("{}");
        Subscriber jane = subscriber("jane@example.com");
        record(jane, BounceType.HARD);
        deliverNew();

        Subscriber after = reload(jane);
        assertEquals(SubscriberStatus.BLOCKLISTED, after.status());
        assertEquals(Map.of("1", SubscriptionStatus.UNSUBSCRIBED, "2", SubscriptionStatus.UNSUBSCRIBED), after.lists());
        assertEquals(1, sns.published().size());
        JsonNode event = json.readTree(sns.published().get(0).message());
        assertEquals(TOPIC, sns.published().get(0).topicArn());
        assertEquals("blocklist", event.path("action").asText());
        assertEquals(jane.uuid(), event.path("subscriber_uuid").asText());
        assertEquals("jane@example.com", event.path("email").asText());
        assertEquals("hard", event.path("bounce_type").asText());
        assertEquals(1, event.path("bounce_count").asInt());
        assertTrue(event.path("event_id").asText().endsWith(":blocklist"));
    }

    @Test
    void countTwoActsOnTheSecondBounceOnly() {
        start("{\"actions\": {\"soft\": {\"count\": 2, \"action\": \"unsubscribe\"}}}");
        Subscriber jane = subscriber("jane@example.com");
        record(jane, BounceType.SOFT);
        deliverNew();
        assertEquals(SubscriptionStatus.CONFIRMED, reload(jane).lists().get("1"));
        assertEquals(0, sns.published().size());

        record(jane, BounceType.SOFT);
        deliverNew();
        Subscriber after = reload(jane);
        assertEquals(SubscriberStatus.ENABLED, after.status());
        assertEquals(SubscriptionStatus.UNSUBSCRIBED, after.lists().get("1"));
        assertEquals(SubscriptionStatus.UNSUBSCRIBED, after.lists().get("2"));
        assertEquals(1, sns.published().size());
    }

    @Test
    void deleteRemovesTheSubscriberAndEveryBounceAndNothingIsRecordedAgainstItAfterwards() {
        start("{\"actions\": {\"complaint\": {\"count\": 1, \"action\": \"delete\"}}}");
        Subscriber jane = subscriber("jane@example.com");
        record(jane, BounceType.SOFT);
        record(jane, BounceType.COMPLAINT);
        deliverNew();
        assertTrue(services.subscribers().findByUuid(jane.uuid()).isEmpty());
        assertTrue(services.subscribers().findByEmail("jane@example.com").isEmpty());
        assertEquals(0, services.bounces().listBySubscriber(jane.uuid()).size());
        assertEquals(1, sns.published().size());

        BounceRecorder.Result late = services.recorder().record(new BounceEvent(null, jane.uuid(), null, BounceType.HARD,
                "test", null, null, "late-" + UUID.randomUUID()));
        assertEquals(BounceRecorder.Outcome.SUBSCRIBER_NOT_FOUND, late.outcome());
        assertEquals(0, services.bounces().listBySubscriber(jane.uuid()).size());
    }

    @Test
    void aBounceWrittenJustBeforeItsSubscriberWasDeletedIsRemovedToo() {
        start("{}");
        Subscriber jane = subscriber("jane@example.com");
        record(jane, BounceType.SOFT);
        services.subscribers().delete(jane.uuid());
        deliverNew();
        assertEquals(0, services.bounces().listBySubscriber(jane.uuid()).size());
        assertEquals(0, sns.published().size());
    }

    @Test
    void actionNoneChangesNothingAndEveryBounceIsStillRecorded() {
        start("{}");
        Subscriber jane = subscriber("jane@example.com");
        for (int i = 0; i < 4; i++) {
            record(jane, BounceType.SOFT);
        }
        deliverNew();
        assertEquals(jane, reload(jane));
        assertEquals(4L, services.bounces().countsByType(jane.uuid()).get(BounceType.SOFT));
        assertEquals(0, sns.published().size());

        for (int i = 0; i < 3; i++) {
            record(jane, BounceType.HARD);
        }
        deliverNew();
        assertEquals(3L, services.bounces().countsByType(jane.uuid()).get(BounceType.HARD));
        assertEquals(1, sns.published().size());
    }

    @Test
    void aRedeliveredBatchAppliesAndAnnouncesNothingTwice() {
        start("{}");
        Subscriber jane = subscriber("jane@example.com");
        record(jane, BounceType.HARD);
        DynamodbEvent batch = deliverNew();
        Subscriber afterFirst = reload(jane);
        assertEquals(List.of(), failures(handler.handleRequest(batch, null)));
        assertEquals(List.of(), failures(handler.handleRequest(batch, null)));
        assertEquals(afterFirst, reload(jane));
        assertEquals(1, sns.published().size());
    }

    @Test
    void twoConcurrentBouncesForOneSubscriberActOnce() throws Exception {
        start("{\"actions\": {\"hard\": {\"count\": 2, \"action\": \"blocklist\"}}}");
        for (int round = 0; round < 5; round++) {
            Subscriber subscriber = subscriber("racer" + round + "@example.com");
            record(subscriber, BounceType.HARD);
            record(subscriber, BounceType.HARD);
            List<DynamodbEvent.DynamodbStreamRecord> records = deliverableRecords();
            assertEquals(2, records.size());
            records.forEach(r -> delivered.add(r.getDynamodb().getNewImage().get("id").getS()));
            CyclicBarrier together = new CyclicBarrier(2);
            List<Future<StreamsEventResponse>> results = new ArrayList<>();
            for (DynamodbEvent.DynamodbStreamRecord record : records) {
                results.add(pool.submit(() -> {
                    together.await();
                    return handler.handleRequest(StreamFixtures.event(List.of(record)), null);
                }));
            }
            for (Future<StreamsEventResponse> result : results) {
                assertEquals(List.of(), failures(result.get()));
            }
            assertEquals(SubscriberStatus.BLOCKLISTED, reload(subscriber).status());
            assertEquals(round + 1, sns.published().size(), "one announcement per subscriber");
        }
    }

    @Test
    void aPoisonRecordIsReportedAloneAndTheRestOfTheBatchIsProcessed() {
        start("{}");
        Subscriber first = subscriber("first@example.com");
        Subscriber second = subscriber("second@example.com");
        record(first, BounceType.HARD);
        record(second, BounceType.HARD);
        List<DynamodbEvent.DynamodbStreamRecord> good = deliverableRecords();
        Map<String, AttributeValue> poisonItem = new HashMap<>(Map.of(
                "pk", AttributeValue.fromS("S#" + first.uuid()), "sk", AttributeValue.fromS("B#weird#x"),
                "kind", AttributeValue.fromS("bounce"), "id", AttributeValue.fromS("POISON"),
                "type", AttributeValue.fromS("weird")));
        DynamodbEvent.DynamodbStreamRecord poison = StreamFixtures.insert(poisonItem);
        StreamsEventResponse response = handler.handleRequest(
                StreamFixtures.event(List.of(good.get(0), poison, good.get(1))), null);
        assertEquals(List.of(poison.getDynamodb().getSequenceNumber()), failures(response));
        assertEquals(SubscriberStatus.BLOCKLISTED, reload(first).status());
        assertEquals(SubscriberStatus.BLOCKLISTED, reload(second).status());
    }

    @Test
    void whenAnnouncingFailsTheRecordIsRetriedAndTheActionAnnouncedExactlyOnce() {
        start("{}");
        Subscriber jane = subscriber("jane@example.com");
        record(jane, BounceType.HARD);
        DynamodbEvent batch = StreamFixtures.event(deliverableRecords());
        sns.failNext(1);
        StreamsEventResponse first = handler.handleRequest(batch, null);
        assertEquals(1, failures(first).size());
        assertEquals(SubscriberStatus.BLOCKLISTED, reload(jane).status());
        assertEquals(0, sns.published().size());

        assertEquals(List.of(), failures(handler.handleRequest(batch, null)));
        assertEquals(List.of(), failures(handler.handleRequest(batch, null)));
        assertEquals(1, sns.published().size());
    }

    @Test
    void onlyBouncesInsideTheCountWindowCount() {
        start("{\"count_window_days\": 30, \"actions\": {\"soft\": {\"count\": 2, \"action\": \"blocklist\"}}}");
        Subscriber jane = subscriber("jane@example.com");
        Instant longAgo = Instant.now().minus(60, ChronoUnit.DAYS);
        services.recorder().record(new BounceEvent(jane.email(), null, null, BounceType.SOFT, "test", longAgo, null,
                "old-" + UUID.randomUUID()));
        record(jane, BounceType.SOFT);
        deliverNew();
        assertEquals(SubscriberStatus.ENABLED, reload(jane).status());
        record(jane, BounceType.SOFT);
        deliverNew();
        assertEquals(SubscriberStatus.BLOCKLISTED, reload(jane).status());
    }

    @Test
    void removalsAndDedupeMarkersAreIgnored() {
        start("{}");
        Subscriber jane = subscriber("jane@example.com");
        record(jane, BounceType.HARD);
        // A deleted bounce leaves a dedupe marker behind.
        services.bounces().delete(services.bounces().listBySubscriber(jane.uuid()).get(0));
        List<Map<String, AttributeValue>> markers = new ArrayList<>(DynamoDbLocal.client()
                .scan(b -> b.tableName(tables.bounces())).items());
        markers.removeIf(item -> item.containsKey("kind"));
        assertEquals(1, markers.size());
        DynamodbEvent.DynamodbStreamRecord markerInsert = StreamFixtures.insert(markers.get(0));
        DynamodbEvent.DynamodbStreamRecord removal = StreamFixtures.insert(markers.get(0));
        removal.setEventName("REMOVE");
        assertEquals(List.of(), failures(handler.handleRequest(StreamFixtures.event(List.of(markerInsert, removal)), null)));
        assertEquals(SubscriberStatus.ENABLED, reload(jane).status());
    }

    @Test
    void aBounceWrittenForASubscriberDeletedMeanwhileIsRemovedByTheStreamStepAndStaysIgnored() {
        start("{}");
        Subscriber jane = subscriber("jane@example.com");
        Bounce raced = new Bounce(BounceIds.next(Instant.now()), jane.uuid(), jane.email(), null, BounceType.HARD, "test", "{}",
                Instant.now(), "raced-" + UUID.randomUUID());
        services.subscribers().delete(jane.uuid());
        // The write does not check her (that would take a transaction): it lands, and the stream step cleans up.
        assertEquals(BounceStore.InsertResult.INSERTED, services.bounces().insert(raced));
        deliverNew();
        assertEquals(List.of(), services.bounces().listBySubscriber(jane.uuid()));
        assertEquals(BounceStore.InsertResult.DUPLICATE, services.bounces().insert(raced), "its redelivery stays ignored");
        assertEquals(List.of(), sns.published());
    }

    @Test
    void aRedeliveryThatRacedItsBouncesDeletionIsRemovedByTheStreamStepAndActsOnNothing() {
        start("{}");
        Subscriber jane = subscriber("jane@example.com");
        Bounce bounce = new Bounce(BounceIds.next(Instant.now()), jane.uuid(), jane.email(), null, BounceType.HARD, "test",
                "{}", Instant.now(), "raced-" + UUID.randomUUID());
        assertEquals(BounceStore.InsertResult.INSERTED, services.bounces().insert(bounce));
        Map<String, AttributeValue> item = DynamoDbLocal.client().scan(b -> b.tableName(tables.bounces())).items().stream()
                .filter(i -> i.containsKey("kind")).findFirst().orElseThrow();
        services.bounces().delete(bounce);
        // The redelivery read no marker just before the deletion left it; its conditional put then finds no item.
        DynamoDbLocal.client().putItem(b -> b.tableName(tables.bounces()).item(item)
                .conditionExpression("attribute_not_exists(pk)"));
        deliverNew();
        assertEquals(List.of(), services.bounces().listBySubscriber(jane.uuid()));
        assertEquals(SubscriberStatus.ENABLED, reload(jane).status());
        assertEquals(List.of(), sns.published());
        assertEquals(BounceStore.InsertResult.DUPLICATE, services.bounces().insert(bounce), "its redeliveries stay ignored");
    }

    private Subscriber subscriber(String email) {
        Instant created = Instant.parse("2026-01-01T00:00:00Z");
        Map<String, SubscriptionStatus> lists = new LinkedHashMap<>();
        lists.put("1", SubscriptionStatus.CONFIRMED);
        lists.put("2", SubscriptionStatus.UNCONFIRMED);
        Subscriber subscriber = new Subscriber(UUID.randomUUID().toString(), email, "name", SubscriberStatus.ENABLED,
                lists, created, created, 1);
        services.subscribers().create(subscriber);
        return subscriber;
    }

    private void record(Subscriber subscriber, BounceType type) {
        BounceRecorder.Result result = services.recorder().record(new BounceEvent(subscriber.email(), null, null, type,
                "test", null, "{}", "test-" + UUID.randomUUID()));
        assertEquals(BounceRecorder.Outcome.RECORDED, result.outcome());
    }

    private Subscriber reload(Subscriber subscriber) {
        return services.subscribers().findByUuid(subscriber.uuid()).orElseThrow();
    }

    /** The stream records of bounces not delivered yet, as the stream would present them. */
    private List<DynamodbEvent.DynamodbStreamRecord> deliverableRecords() {
        List<DynamodbEvent.DynamodbStreamRecord> records = new ArrayList<>(
                StreamFixtures.insertsOfAllBounces(DynamoDbLocal.client(), tables.bounces()).getRecords());
        records.removeIf(r -> delivered.contains(r.getDynamodb().getNewImage().get("id").getS()));
        return records;
    }

    private DynamodbEvent deliverNew() {
        DynamodbEvent event = StreamFixtures.event(deliverableRecords());
        event.getRecords().forEach(r -> delivered.add(r.getDynamodb().getNewImage().get("id").getS()));
        assertEquals(List.of(), failures(handler.handleRequest(event, null)));
        return event;
    }

    private static List<String> failures(StreamsEventResponse response) {
        return response.getBatchItemFailures().stream().map(StreamsEventResponse.BatchItemFailure::getItemIdentifier).toList();
    }
}
