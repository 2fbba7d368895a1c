package io.stmails.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stmails.config.Settings;
import io.stmails.domain.BounceEvent;
import io.stmails.domain.BounceType;
import io.stmails.domain.Subscriber;
import io.stmails.domain.SubscriberStatus;
import io.stmails.domain.SubscriptionStatus;
import io.stmails.handler.BounceActionsHandler;
import io.stmails.wiring.Components;
import io.stmails.record.BounceRecorder;
import io.stmails.store.dynamodb.Tables;
import io.stmails.testing.DynamoDbLocal;
import io.stmails.testing.Subscribers;
import io.stmails.testing.TableStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Counting that ages, end to end: the recorder, DynamoDB Local's real stream, the stream handler. */
class AgeingCountIT {
    private final ObjectMapper json = new ObjectMapper();
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private Components services;
    private BounceActionsHandler handler;
    private TableStream stream;

    private void start(String settings) {
        Tables tables = DynamoDbLocal.freshTables();
        services = Components.builder().dynamo(DynamoDbLocal.client()).tables(tables)
                .settings(Settings.parse(settings, json)).build();
        handler = new BounceActionsHandler(services);
        stream = new TableStream(tables.bounces());
    }

    @Test
    void threeSoftBouncesWithinThirtyDaysUnsubscribe() {
        start("""
                {"actions": {"soft": {"count": 3, "action": "unsubscribe", "count_window_days": 30}}}""");
        Subscriber jane = subscriber("jane@example.com");
        softBounce(jane, daysAgo(40));
        softBounce(jane, daysAgo(20));
        softBounce(jane, now);
        deliver();
        assertEquals(SubscriptionStatus.CONFIRMED, reload(jane).lists().get("1"), "only two are within 30 days");

        softBounce(jane, now.plusSeconds(1));
        deliver();
        assertEquals(SubscriptionStatus.UNSUBSCRIBED, reload(jane).lists().get("1"));
        assertEquals(SubscriberStatus.ENABLED, reload(jane).status());
    }

    @Test
    void afterAQuietGapOfResetAfterDaysTheCountStartsFromZero() {
        start("""
                {"actions": {"soft": {"count": 2, "action": "blocklist", "reset_after_days": 30}}}""");
        Subscriber jane = subscriber("jane@example.com");
        softBounce(jane, daysAgo(45));
        softBounce(jane, now);
        deliver();
        assertEquals(SubscriberStatus.ENABLED, reload(jane).status(), "45 quiet days: the old bounce no longer counts");

        softBounce(jane, now.plusSeconds(1));
        deliver();
        assertEquals(SubscriberStatus.BLOCKLISTED, reload(jane).status());
    }

    @Test
    void aTypesOwnWindowWinsOverTheGlobalOne() {
        start("""
                {"count_window_days": 1, "actions": {"soft": {"count": 2, "action": "blocklist", "count_window_days": 30}}}""");
        Subscriber jane = subscriber("jane@example.com");
        softBounce(jane, daysAgo(10));
        softBounce(jane, now);
        deliver();
        assertEquals(SubscriberStatus.BLOCKLISTED, reload(jane).status());

        Subscriber joe = subscriber("joe@example.com");
        services.recorder().record(event(joe, BounceType.HARD, daysAgo(10)));
        deliver();
        assertEquals(SubscriberStatus.ENABLED, reload(joe).status(), "hard keeps the global one-day window");
    }

    @Test
    void aBouncePastItsRetentionNoLongerCountsBeforeExpiryRemovesIt() {
        start("""
                {"actions": {"soft": {"count": 2, "action": "blocklist", "retention_days": 35}}}""");
        Subscriber jane = subscriber("jane@example.com");
        softBounce(jane, daysAgo(40));
        softBounce(jane, now);
        deliver();
        assertEquals(2, services.bounces().listBySubscriber(jane.uuid()).size(), "DynamoDB removes expired items lazily");
        assertEquals(SubscriberStatus.ENABLED, reload(jane).status());
    }

    private Instant daysAgo(int days) {
        return now.minus(Duration.ofDays(days));
    }

    private void softBounce(Subscriber subscriber, Instant at) {
        assertEquals(BounceRecorder.Outcome.RECORDED, services.recorder().record(event(subscriber, BounceType.SOFT, at)).outcome());
    }

    private static BounceEvent event(Subscriber subscriber, BounceType type, Instant at) {
        return new BounceEvent(subscriber.email(), null, null, type, "test", at, "{}", "test-" + UUID.randomUUID());
    }

    private void deliver() {
        assertEquals(List.of(), handler.handleRequest(stream.drain(), null).getBatchItemFailures());
    }

    private Subscriber subscriber(String email) {
        return Subscribers.createEnabled(services.subscribers(), email);
    }

    private Subscriber reload(Subscriber subscriber) {
        return services.subscribers().findByUuid(subscriber.uuid()).orElseThrow();
    }
}
