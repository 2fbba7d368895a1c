package io.stmails.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stmails.config.Settings;
import io.stmails.domain.BounceEvent;
import io.stmails.domain.BounceType;
import io.stmails.domain.StatsCounters;
import io.stmails.domain.Subscriber;
import io.stmails.domain.SubscriberStatus;
import io.stmails.wiring.Components;
import io.stmails.store.dynamodb.TableDefinitions;
import io.stmails.store.dynamodb.Tables;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The local stand-in for the stream event source mapping behaves as Lambda's does: a record that
 * cannot be processed is retried, then moved alone to {@code dead-letters.jsonl}; every other record
 * of the burst is processed and counted once.
 */
class StreamPollerIT {
    private static final int GOOD = 15;
    private final ObjectMapper json = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(ints = {0, 7, 15})
    void onePoisonRecordInABurstIsTheOnlyOneDeadLetteredAndTheRestAreCounted(int poisonAt, @TempDir Path dataDir)
            throws Exception {
        try (EmbeddedDynamo dynamo = new EmbeddedDynamo(dataDir)) {
            Tables tables = Tables.withPrefix("stmails-");
            DynamoDbClient client = dynamo.client();
            TableDefinitions.createIfMissing(client, tables);
            Components services = Components.builder().json(json).settings(Settings.defaults()).dynamo(client).tables(tables).build();
            String poisonId = null;
            for (int i = 0; i <= GOOD; i++) {
                if (i == poisonAt) {
                    poisonId = writePoison(client, tables, services);
                } else {
                    services.recorder().record(new BounceEvent("user" + i + "@example.com", null, null, BounceType.HARD,
                            "burst", null, "{}", "burst-" + i));
                }
            }
            String streamArn = client.describeTable(b -> b.tableName(tables.bounces())).table().latestStreamArn();
            try (StreamPoller poller = new StreamPoller(dynamo.streams(), streamArn, new LocalFunctions(services), json, dataDir)) {
                poller.start();
                Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
                while (total(services) < GOOD || !Files.exists(dataDir.resolve("dead-letters.jsonl"))) {
                    assertTrue(Instant.now().isBefore(deadline), "the stream stalled: counted " + total(services));
                    Thread.sleep(50);
                }
                Thread.sleep(500);
            }
            assertEquals(GOOD, total(services));
            List<String> deadLetters = Files.readAllLines(dataDir.resolve("dead-letters.jsonl"), StandardCharsets.UTF_8);
            assertEquals(1, deadLetters.size(), deadLetters.toString());
            assertEquals(poisonId, json.readTree(deadLetters.get(0)).path("Records").get(0)
                    .path("dynamodb").path("NewImage").path("id").path("S").asText());
            for (int i = 0; i <= GOOD; i++) {
                if (i != poisonAt) {
                    assertEquals(SubscriberStatus.BLOCKLISTED,
                            services.subscribers().findByEmail("user" + i + "@example.com").orElseThrow().status());
                }
            }
        }
    }

    private static long total(Components services) {
        return services.stats().read(StatsCounters.ALL).getOrDefault(StatsCounters.TOTAL, 0L);
    }

    /**
     * A bounce item no write path accepts any more (as an older version might have left it), of a real
     * subscriber: its threshold action works, but its time has no calendar day to be counted on.
     */
    private static String writePoison(DynamoDbClient client, Tables tables, Components services) {
        String id = "POISON" + UUID.randomUUID().toString().substring(0, 8);
        String subscriber = UUID.randomUUID().toString();
        Instant now = Instant.now();
        services.subscribers().create(new Subscriber(subscriber, "poison@example.com", "poison", SubscriberStatus.ENABLED,
                Map.of(), now, now, 1));
        String createdAt = "-1000000000-01-01T00:00:00.000Z";
        client.putItem(b -> b.tableName(tables.bounces()).item(Map.of(
                "pk", AttributeValue.fromS("S#" + subscriber), "sk", AttributeValue.fromS("B#hard#" + createdAt + "#" + id),
                "kind", AttributeValue.fromS("bounce"), "id", AttributeValue.fromS(id),
                "subscriber_uuid", AttributeValue.fromS(subscriber), "email", AttributeValue.fromS("poison@example.com"),
                "type", AttributeValue.fromS("hard"), "source", AttributeValue.fromS("legacy"),
                "meta", AttributeValue.fromS("{}"), "created_at", AttributeValue.fromS(createdAt))));
        return id;
    }
}
