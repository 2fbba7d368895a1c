package io.stmails.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stmails.config.Settings;
import io.stmails.domain.Bounce;
import io.stmails.domain.BounceEvent;
import io.stmails.domain.BounceType;
import io.stmails.domain.StatsCounters;
import io.stmails.domain.Subscriber;
import io.stmails.handler.BounceActionsHandler;
import io.stmails.wiring.Components;
import io.stmails.record.BounceRecorder;
import io.stmails.store.dynamodb.Tables;
import io.stmails.testing.DynamoDbLocal;
import io.stmails.testing.Subscribers;
import io.stmails.testing.StreamFixtures;
import io.stmails.testing.TableStream;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Retention: the recorder gives bounces of a type with {@code retention_days} an expiry, and the
 * removal DynamoDB's TTL makes of an expired bounce (a stream REMOVE by {@code dynamodb.amazonaws.com})
 * takes it out of the statistics exactly once.
 */
class RetentionIT {
    private static final String CAMPAIGN = "8b7a6c5d-4e3f-4a2b-9c1d-0e9f8a7b6c5d";
    private final ObjectMapper json = new ObjectMapper();
    private Tables tables;
    private Components services;
    private BounceActionsHandler handler;
    private TableStream stream;

    @BeforeEach
    void start() {
        tables = DynamoDbLocal.freshTables();
        services = Components.builder().dynamo(DynamoDbLocal.client()).tables(tables).settings(Settings.parse("""
                {"actions": {"soft": {"retention_days": 90}, "hard": {"action": "none"}}}""", json)).build();
        handler = new BounceActionsHandler(services);
        stream = new TableStream(tables.bounces());
    }

    @Test
    void aBounceOfATypeWithRetentionExpiresWithItsEvidenceTheOthersDoNot() {
        Subscriber jane = subscriber("jane@example.com");
        Instant at = Instant.parse("2026-08-20T09:15:02.481Z");
        record(jane, BounceType.SOFT, at);
        record(jane, BounceType.HARD, at);
        List<Map<String, AttributeValue>> items = DynamoDbLocal.client()
                .query(b -> b.tableName(tables.bounces()).keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("S#" + jane.uuid())))).items();
        long expected = at.plus(Duration.ofDays(90)).getEpochSecond();
        Bounce soft = services.bounces().listBySubscriber(jane.uuid()).stream()
                .filter(b -> b.type() == BounceType.SOFT).findFirst().orElseThrow();
        assertEquals(Instant.parse("2026-11-18T09:15:02Z"), soft.expiresAt());
        // A bounce is "B#<key hash>"; its evidence travels on it, or (when large) in "E#<the same hash>".
        Map<String, String> typeByHash = new java.util.HashMap<>();
        items.stream().filter(item -> item.get("sk").s().startsWith("B#"))
                .forEach(item -> typeByHash.put(item.get("sk").s().substring(2), item.get("type").s()));
        assertEquals(2, typeByHash.size(), "two bounces");
        for (Map<String, AttributeValue> item : items) {
            String sk = item.get("sk").s();
            if (BounceType.SOFT.wire().equals(typeByHash.get(sk.substring(2)))) {
                assertEquals(Long.toString(expected), item.get(Tables.TTL).n(), sk);
            } else {
                assertFalse(item.containsKey(Tables.TTL), sk);
            }
        }
    }

    @Test
    void anExpiredBounceRemovedByTtlDecrementsItsCountersExactlyOnce() {
        Subscriber jane = subscriber("jane@example.com");
        record(jane, BounceType.SOFT, Instant.parse("2026-08-20T09:15:02.481Z"));
        deliver(stream.drain());
        Map<String, Long> counted = services.stats().read(StatsCounters.campaignScope(CAMPAIGN));
        assertEquals(1L, counted.get("total"));
        assertEquals(1L, counted.get("reason#soft#Transient/MailboxFull"));
        assertEquals(1L, counted.get("type_day#soft#2026-08-20"));

        Bounce bounce = services.bounces().listBySubscriber(jane.uuid()).get(0);
        // What TTL does once expires_at has passed (DynamoDB Local never expires items itself).
        Map<String, AttributeValue> item = DynamoDbLocal.client().query(b -> b.tableName(tables.bounces())
                .keyConditionExpression("pk = :pk AND begins_with(sk, :b)").expressionAttributeValues(Map.of(
                        ":pk", AttributeValue.fromS("S#" + jane.uuid()), ":b", AttributeValue.fromS("B#")))).items().get(0);
        assertEquals(bounce.id(), item.get("id").s());
        DynamoDbLocal.client().deleteItem(b -> b.tableName(tables.bounces()).key(Map.of("pk", item.get("pk"), "sk", item.get("sk"))));
        DynamodbEvent removal = stream.drain();
        assertEquals(1, removal.getRecords().size());
        removal.getRecords().forEach(r -> r.setUserIdentity(new Identity().withType("Service")
                .withPrincipalId("dynamodb.amazonaws.com")));
        deliver(removal);
        deliver(removal);

        for (String scope : List.of(StatsCounters.ALL, StatsCounters.campaignScope(CAMPAIGN))) {
            Map<String, Long> after = services.stats().read(scope);
            assertFalse(after.isEmpty());
            after.forEach((dimension, count) -> assertEquals(0L, count, scope + " " + dimension));
        }
    }

    @Test
    void theRemovalAsTtlDeliversItIsCountedOutOnce() {
        DynamodbEvent removal = EventLoader.loadDynamoDbEvent("events/dynamodb/ttl-expired-bounce-removed.json");
        DynamodbEvent.DynamodbStreamRecord remove = removal.getRecords().get(0);
        assertEquals("dynamodb.amazonaws.com", remove.getUserIdentity().getPrincipalId());
        deliver(StreamFixtures.event(List.of(insertOf(remove))));
        assertEquals(1L, services.stats().read(StatsCounters.campaignScope(CAMPAIGN)).get("reason#soft#Transient/MailboxFull"));

        deliver(removal);
        deliver(removal);
        Map<String, Long> after = services.stats().read(StatsCounters.campaignScope(CAMPAIGN));
        assertTrue(after.size() >= 6, after.toString());
        after.forEach((dimension, count) -> assertEquals(0L, count, dimension));
    }

    /** The INSERT that preceded a REMOVE: its old image as the new one, earlier in the stream. */
    private static DynamodbEvent.DynamodbStreamRecord insertOf(DynamodbEvent.DynamodbStreamRecord remove) {
        StreamRecord stream = new StreamRecord();
        stream.setNewImage(remove.getDynamodb().getOldImage());
        stream.setKeys(remove.getDynamodb().getKeys());
        stream.setSequenceNumber(new BigInteger(remove.getDynamodb().getSequenceNumber())
                .subtract(BigInteger.valueOf(1000)).toString());
        DynamodbEvent.DynamodbStreamRecord insert = new DynamodbEvent.DynamodbStreamRecord();
        insert.setEventName("INSERT");
        insert.setEventSource("aws:dynamodb");
        insert.setDynamodb(stream);
        return insert;
    }

    private void deliver(DynamodbEvent event) {
        assertEquals(List.of(), handler.handleRequest(event, null).getBatchItemFailures());
    }

    private void record(Subscriber subscriber, BounceType type, Instant at) {
        BounceEvent event = new BounceEvent(subscriber.email(), null, CAMPAIGN, type, "ses", at, "{}",
                "test-" + UUID.randomUUID())
                .classified("Transient/MailboxFull", "{\"bounce\":{\"bounceType\":\"" + type.wire() + "\"}}");
        assertEquals(BounceRecorder.Outcome.RECORDED, services.recorder().record(event).outcome());
    }

    private Subscriber subscriber(String email) {
        return Subscribers.createEnabled(services.subscribers(), email);
    }
}
