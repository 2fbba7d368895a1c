package io.stmails.priming;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stmails.domain.Bounce;
import io.stmails.domain.BounceIds;
import io.stmails.domain.BounceType;
import io.stmails.domain.Subscriber;
import io.stmails.domain.SubscriberStatus;
import io.stmails.handler.WebhookBounceHandler;
import io.stmails.store.dynamodb.Tables;
import io.stmails.testing.DynamoDbLocal;
import io.stmails.wiring.AwsClients;
import io.stmails.wiring.Components;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Each function's SnapStart priming against DynamoDB Local writes nothing, and without credentials or endpoint it still never throws. */
class PrimingIT {
    private static final Map<String, Function<Components, Priming>> HOOKS = Map.of(
            "http", services -> Priming.http("webhook-bounce", services, new WebhookBounceHandler(services)::request),
            "ses", services -> Priming.ses("ses-notifications", services),
            "bounce-actions", Priming::bounceActions,
            "pop3-scanner", Priming::pop3Scanner);

    @Test
    void everyHookRunsEveryStepAndWritesNothing() {
        Tables tables = DynamoDbLocal.freshTables();
        Components services = Components.builder().dynamo(DynamoDbLocal.client()).tables(tables).build();
        Instant now = Instant.parse("2026-03-02T10:00:00Z");
        Subscriber subscriber = new Subscriber("3b0b1e7a-5f2c-4d1e-9a8b-7c6d5e4f3a2b", "ann@example.com", "Ann",
                SubscriberStatus.ENABLED, Map.of(), now, now, 1);
        services.subscribers().create(subscriber);
        services.bounces().insert(new Bounce(BounceIds.next(now), subscriber.uuid(), subscriber.email(), null, BounceType.HARD,
                "test", "{}", now, "priming-it-1"));
        long before = items(tables);
        HOOKS.forEach((name, hook) -> {
            List<String> failed = hook.apply(services).prime();
            assertEquals(List.of(), failed, name + ": every step succeeds against DynamoDB Local");
        });
        assertEquals(before, items(tables), "priming wrote nothing");
    }

    @Test
    void withoutCredentialsAndWithoutAnEndpointTheHooksStillReturn() throws IOException {
        DynamoDbClient unreachable = new AwsClients(Region.US_EAST_1, () -> {
            throw SdkClientException.create("no credentials at snapshot time");
        }, URI.create("http://127.0.0.1:" + closedPort()), List.of()).dynamo();
        Components services = Components.builder().dynamo(unreachable).tables(Tables.withPrefix("absent-")).build();
        HOOKS.forEach((name, hook) -> {
            Priming priming = hook.apply(services);
            assertDoesNotThrow(() -> priming.beforeCheckpoint(null), name);
            List<String> failed = priming.prime();
            assertTrue(failed.stream().allMatch(step -> step.startsWith("dynamodb-")),
                    name + ": only the DynamoDB steps fail, got " + failed);
            assertTrue(failed.contains("dynamodb-get"), name + ": the DynamoDB request was attempted and failed");
        });
    }

    private static long items(Tables tables) {
        DynamoDbClient client = DynamoDbLocal.client();
        return List.of(tables.bounces(), tables.subscribers(), tables.stats()).stream()
                .mapToLong(table -> client.scan(b -> b.tableName(table)).count())
                .sum();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
