package io.stmails.store.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stmails.domain.Bounce;
import io.stmails.domain.BounceIds;
import io.stmails.domain.BounceType;
import io.stmails.domain.Subscriber;
import io.stmails.domain.SubscriberStatus;
import io.stmails.store.BounceStore.InsertResult;
import io.stmails.testing.DynamoDbLocal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DynamoBounceStoreIT {
    private final Instant now = Instant.parse("2026-11-22T10:00:00Z");
    private DynamoBounceStore bounces;
    private DynamoSubscriberStore subscribers;

    @BeforeEach
    void setUp() {
        Tables tables = DynamoDbLocal.freshTables();
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

    private Subscriber subscriber(String email) {
        Subscriber subscriber = new Subscriber(UUID.randomUUID().toString(), email, "a", SubscriberStatus.ENABLED,
                Map.of("1", io.stmails.domain.SubscriptionStatus.CONFIRMED), now, now, 1);
        subscribers.create(subscriber);
        return subscriber;
    }

    private Bounce bounce(Subscriber subscriber, BounceType type, String dedupeKey, Instant at) {
        return new Bounce(BounceIds.next(at), subscriber.uuid(), subscriber.email(), null, type, "api", "{}", at, dedupeKey);
    }
}
