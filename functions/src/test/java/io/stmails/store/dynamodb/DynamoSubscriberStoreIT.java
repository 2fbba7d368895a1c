package io.stmails.store.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stmails.domain.BounceType;
import io.stmails.domain.Subscriber;
import io.stmails.domain.SubscriberStatus;
import io.stmails.domain.SubscriptionStatus;
import io.stmails.domain.ThresholdAction;
import io.stmails.domain.ThresholdDecision;
import io.stmails.store.ActionRecord;
import io.stmails.store.EmailTakenException;
import io.stmails.store.SubscriberStore.ApplyResult;
import io.stmails.testing.DynamoDbLocal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DynamoSubscriberStoreIT {
    private final Instant now = Instant.parse("2026-11-22T10:00:00Z");
    private DynamoSubscriberStore subscribers;

    @BeforeEach
    void setUp() {
        subscribers = new DynamoSubscriberStore(DynamoDbLocal.client(), DynamoDbLocal.freshTables(), () -> now);
    }

    @Test
    void findsBySubscriberUuidAndByEmailAndKeepsEveryField() {
        Subscriber jane = subscriber("jane@example.com");
        subscribers.create(jane);
        assertEquals(Optional.of(jane), subscribers.findByUuid(jane.uuid()));
        assertEquals(Optional.of(jane), subscribers.findByEmail("jane@example.com"));
        assertEquals(Optional.empty(), subscribers.findByEmail("other@example.com"));
    }

    @Test
    void emailIsUnique() {
        subscribers.create(subscriber("jane@example.com"));
        assertThrows(EmailTakenException.class, () -> subscribers.create(subscriber("jane@example.com")));
    }

    @Test
    void anActionIsAppliedOnlyOnTheVersionItWasDecidedOnAndOnlyOncePerBounce() {
        Subscriber jane = subscriber("jane@example.com");
        subscribers.create(jane);
        Subscriber blocklisted = jane.withStatus(SubscriberStatus.BLOCKLISTED, now);
        ThresholdDecision decision = new ThresholdDecision(ThresholdAction.BLOCKLIST, ThresholdDecision.Effect.UPDATE,
                blocklisted, 1, 1);
        assertEquals(ApplyResult.APPLIED, subscribers.applyAction(jane, decision, action("b1", false)));
        assertEquals(2, subscribers.findByUuid(jane.uuid()).orElseThrow().version());
        assertEquals(ApplyResult.ALREADY_APPLIED, subscribers.applyAction(jane, decision, action("b1", false)));
        assertEquals(ApplyResult.CONFLICT, subscribers.applyAction(jane, decision, action("b2", false)));
        assertTrue(subscribers.findAction("b2").isEmpty());

        assertFalse(subscribers.findAction("b1").orElseThrow().published());
        subscribers.markActionPublished("b1");
        assertTrue(subscribers.findAction("b1").orElseThrow().published());
    }

    @Test
    void deleteRemovesTheSubscriberAndFreesItsEmail() {
        Subscriber jane = subscriber("jane@example.com");
        subscribers.create(jane);
        assertTrue(subscribers.delete(jane.uuid()));
        assertFalse(subscribers.delete(jane.uuid()));
        assertEquals(Optional.empty(), subscribers.findByEmail("jane@example.com"));
        subscribers.create(subscriber("jane@example.com"));
    }

    private Subscriber subscriber(String email) {
        Map<String, SubscriptionStatus> lists = new LinkedHashMap<>();
        lists.put("7", SubscriptionStatus.CONFIRMED);
        lists.put("9", SubscriptionStatus.UNSUBSCRIBED);
        return new Subscriber(UUID.randomUUID().toString(), email, "Jane", SubscriberStatus.ENABLED, lists, now, now, 1);
    }

    private ActionRecord action(String bounceId, boolean published) {
        return new ActionRecord(bounceId, "s", "jane@example.com", ThresholdAction.BLOCKLIST, BounceType.HARD, 1, 1,
                null, "api", now, published, SubscriberStatus.ENABLED, Map.of("7", SubscriptionStatus.CONFIRMED), false, null);
    }
}
