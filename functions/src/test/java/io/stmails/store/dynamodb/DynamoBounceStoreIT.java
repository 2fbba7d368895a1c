package io.stmails.store.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.stmails.domain.Bounce;
import io.stmails.domain.BounceIds;
import io.stmails.domain.BounceType;
import io.stmails.domain.Subscriber;
import io.stmails.domain.SubscriberStatus;
import io.stmails.domain.SubscriptionStatus;
import io.stmails.store.BounceStore.InsertResult;
import io.stmails.testing.DynamoDbLocal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DynamoBounceStoreIT {
    private final Instant now = Instant.parse("2026-11-22T10:00:00Z");
    private DynamoBounceStore bounces;
    private DynamoSubscriberStore subscribers;
    private Tables tables;

    @BeforeEach
    void setUp() {
        tables = DynamoDbLocal.freshTables();
        bounces = new DynamoBounceStore(DynamoDbLocal.client(), tables, () -> now);
        subscribers = new DynamoSubscriberStore(DynamoDbLocal.client(), tables, () -> now);
    }

    @Test
    void sameDedupeKeyTwiceGivesOneItem() {
        Subscriber subscriber = subscriber("a@example.com");
        assertEquals(InsertResult.INSERTED, bounces.insert(bounce(subscriber, BounceType.HARD, "key-1", now)));
        assertEquals(InsertResult.DUPLICATE, bounces.insert(bounce(subscriber, BounceType.HARD, "key-1", now.plusSeconds(5))));
        assertEquals(1, bounces.listBySubscriber(subscriber.uuid()).size());
    }

    @Test
    void aDedupeKeyStaysUsedAfterItsBounceIsDeleted() {
        Subscriber subscriber = subscriber("a@example.com");
        Bounce bounce = bounce(subscriber, BounceType.SOFT, "redelivered", now);
        bounces.insert(bounce);
        bounces.delete(bounce);
        assertEquals(InsertResult.DUPLICATE, bounces.insert(bounce(subscriber, BounceType.SOFT, "redelivered", now)));
    }

    @Test
    void aBounceIsOneItemKeyedByItsDedupeKeyWithItsEvidenceOnItUnlessLargeEvenCompressed() {
        Subscriber subscriber = subscriber("a@example.com");
        Bounce small = bounce(subscriber, BounceType.HARD, "small", now).withEvidence("{\"status\":\"5.1.1\"}");
        Bounce repetitive = bounce(subscriber, BounceType.HARD, "repetitive", now)
                .withEvidence("{\"m\":\"" + "550 5.1.1 user unknown ".repeat(200) + "\"}");
        StringBuilder noise = new StringBuilder();
        while (noise.length() < 5000) {
            noise.append(UUID.randomUUID());
        }
        Bounce large = bounce(subscriber, BounceType.HARD, "large", now).withEvidence("{\"m\":\"" + noise + "\"}");
        for (Bounce bounce : List.of(small, repetitive, large)) {
            bounces.insert(bounce);
        }
        List<Map<String, AttributeValue>> items = DynamoDbLocal.client().query(b -> b.tableName(tables.bounces())
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("S#" + subscriber.uuid())))).items();
        assertEquals(List.of("B#", "B#", "B#", "E#"), items.stream().map(i -> i.get("sk").s().substring(0, 2)).sorted().toList(),
                "only the evidence too large even compressed has an item of its own");
        for (Bounce bounce : List.of(small, repetitive, large)) {
            assertEquals(bounce.evidence(), bounces.findById(bounce.id()).orElseThrow().evidence());
        }
        assertNull(bounces.listBySubscriber(subscriber.uuid()).get(0).evidence(), "listings never carry evidence");
    }

    @Test
    void countsOneTypeOfOneSubscriberOptionallySinceATime() {
        Subscriber a = subscriber("a@example.com");
        Subscriber b = subscriber("b@example.com");
        bounces.insert(bounce(a, BounceType.SOFT, "1", now.minusSeconds(86_400 * 40)));
        bounces.insert(bounce(a, BounceType.SOFT, "2", now.minusSeconds(60)));
        bounces.insert(bounce(a, BounceType.HARD, "3", now));
        bounces.insert(bounce(b, BounceType.SOFT, "4", now));
        assertEquals(List.of(now.minusSeconds(86_400 * 40), now.minusSeconds(60)),
                sorted(bounces.countableTimes(a.uuid(), BounceType.SOFT, null, now)));
        assertEquals(List.of(now.minusSeconds(60)),
                bounces.countableTimes(a.uuid(), BounceType.SOFT, now.minusSeconds(86_400 * 30), now));
        assertEquals(1, bounces.countableTimes(a.uuid(), BounceType.HARD, null, now).size());
        assertEquals(0, bounces.countableTimes(a.uuid(), BounceType.COMPLAINT, null, now).size());
        assertEquals(Map.of(BounceType.SOFT, 2L, BounceType.HARD, 1L, BounceType.COMPLAINT, 0L), bounces.countsByType(a.uuid()));
    }

    @Test
    void countingPagesThroughMoreThanOneQueryPage() {
        Subscriber a = subscriber("many@example.com");
        String padding = "x".repeat(20_000);
        for (int i = 0; i < 60; i++) {
            Bounce bounce = bounce(a, BounceType.SOFT, "p" + i, now.plusMillis(i));
            bounces.insert(new Bounce(bounce.id(), bounce.subscriberUuid(), bounce.email(), null, bounce.type(),
                    bounce.source(), "\"" + padding + "\"", bounce.createdAt(), bounce.dedupeKey()));
        }
        assertEquals(60, bounces.countableTimes(a.uuid(), BounceType.SOFT, null, now).size());
        assertEquals(60, bounces.listBySubscriber(a.uuid()).size());
    }

    @Test
    void listsNewestFirstAndDeletesEverythingOfOneSubscriber() {
        Subscriber a = subscriber("a@example.com");
        Subscriber b = subscriber("b@example.com");
        Bounce older = bounce(a, BounceType.HARD, "o", now.minusSeconds(10));
        Bounce newer = bounce(a, BounceType.SOFT, "n", now);
        bounces.insert(older);
        bounces.insert(newer);
        bounces.insert(bounce(b, BounceType.SOFT, "b", now));
        List<Bounce> listed = bounces.listBySubscriber(a.uuid());
        assertEquals(List.of(newer.id(), older.id()), listed.stream().map(Bounce::id).toList());
        assertEquals(newer, listed.get(0));
        assertEquals(2, bounces.deleteAllOfSubscriber(a.uuid()));
        assertEquals(0, bounces.listBySubscriber(a.uuid()).size());
        assertEquals(1, bounces.listBySubscriber(b.uuid()).size());
    }

    private static List<Instant> sorted(List<Instant> times) {
        return times.stream().sorted().toList();
    }

    private Subscriber subscriber(String email) {
        Subscriber subscriber = new Subscriber(UUID.randomUUID().toString(), email, "a", SubscriberStatus.ENABLED,
                Map.of("1", SubscriptionStatus.CONFIRMED), now, now, 1);
        subscribers.create(subscriber);
        return subscriber;
    }

    private Bounce bounce(Subscriber subscriber, BounceType type, String dedupeKey, Instant at) {
        return new Bounce(BounceIds.next(at), subscriber.uuid(), subscriber.email(),
                "6f2b7c1e-2d3a-4b5c-9d8e-7f6a5b4c3d2e", type, "api", "{\"k\":1}", at, dedupeKey);
    }
}
