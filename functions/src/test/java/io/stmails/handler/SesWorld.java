package io.stmails.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stmails.config.Settings;
import io.stmails.domain.Bounce;
import io.stmails.domain.Subscriber;
import io.stmails.domain.SubscriberStatus;
import io.stmails.domain.SubscriptionStatus;
import io.stmails.sns.SnsTestKeys;
import io.stmails.sns.SubscriptionConfirmer;
import io.stmails.store.dynamodb.Tables;
import io.stmails.testing.DynamoDbLocal;
import io.stmails.wiring.Components;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Components on fresh DynamoDB Local tables with SES enabled for the test topic, the test
 * certificate directory and {@code campaign} as the campaign tag; plus the SES fixtures.
 */
final class SesWorld {
    static final String CAMPAIGN = "5e1f2a3b-6c7d-4e8f-9a0b-1c2d3e4f5a6b";
    static final String TAGGED_CAMPAIGN = "9a4c7e21-3b5d-4f60-8e1a-2c3b4d5e6f70";
    static final String JANE = "0b7d1c55-2d0c-4f8e-8a55-3f1e9b6c2a10";

    final Components services;
    final Tables tables;
    final RecordingConfirmer confirmer = new RecordingConfirmer();

    private SesWorld(Consumer<ObjectNode> settingsChange, boolean missingTables) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode settings = json.createObjectNode();
        settings.putObject("ses").put("enabled", true).put("campaign_tag", "campaign")
                .put("certificate_dir", SnsTestKeys.certificateDir().toString())
                .putArray("topic_arns").add(SnsTestKeys.TOPIC);
        settingsChange.accept(settings);
        tables = missingTables ? Tables.withPrefix("never-created-") : DynamoDbLocal.freshTables();
        services = Components.builder().json(json).dynamo(DynamoDbLocal.client()).tables(tables)
                .settings(Settings.parse(settings.toString(), json))
                .clock(() -> Instant.parse("2026-03-02T12:00:00Z"))
                .subscriptionConfirmer(confirmer)
                .build();
    }

    static SesWorld create() {
        return new SesWorld(settings -> { }, false);
    }

    /** Changes the settings document before it is parsed; {@code settings.get("ses")} is the SES section. */
    static SesWorld create(Consumer<ObjectNode> settingsChange) {
        return new SesWorld(settingsChange, false);
    }

    /** Components whose tables do not exist, so every write fails like an unavailable DynamoDB. */
    static SesWorld withBrokenStorage() {
        return new SesWorld(settings -> { }, true);
    }

    static ObjectNode ses(ObjectNode settings) {
        return (ObjectNode) settings.get("ses");
    }

    static SNSEvent sns(String name) {
        return EventLoader.loadSNSEvent("events/ses/sns/" + name + ".json");
    }

    static APIGatewayV2HTTPEvent https(String name) {
        return EventLoader.loadApiGatewayHttpEvent("events/ses/https/" + name + ".json");
    }

    static ScheduledEvent eventBridge(String name) {
        return EventLoader.loadScheduledEvent("events/ses/eventbridge/" + name + ".json");
    }

    Subscriber subscribe(String uuid, String email) {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        Subscriber subscriber = new Subscriber(uuid, email, "s", SubscriberStatus.ENABLED,
                Map.of("1", SubscriptionStatus.CONFIRMED), now, now, 1);
        services.subscribers().create(subscriber);
        return subscriber;
    }

    /** The bounces recorded for an address (empty when it has no subscriber). */
    List<Bounce> bouncesOf(String email) {
        return services.subscribers().findByEmail(email)
                .map(s -> services.bounces().listBySubscriber(s.uuid()))
                .orElse(List.of());
    }

    /** Every item in both tables: bounces, dedupe markers, subscribers, action records. */
    int storedItems() {
        return DynamoDbLocal.client().scan(r -> r.tableName(tables.bounces())).count()
                + DynamoDbLocal.client().scan(r -> r.tableName(tables.subscribers())).count();
    }

    /** Remembers every confirmation; fails when told to. */
    static final class RecordingConfirmer implements SubscriptionConfirmer {
        final List<List<String>> confirmed = new CopyOnWriteArrayList<>();
        volatile RuntimeException failure;

        @Override
        public void confirm(String topicArn, String token) {
            if (failure != null) {
                throw failure;
            }
            confirmed.add(List.of(topicArn, token));
        }
    }
}
