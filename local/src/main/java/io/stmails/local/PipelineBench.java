package io.stmails.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stmails.domain.StatsCounters;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * {@code bench-pipeline [--bounces N] [--clients C] [--repo DIR]}: hard bounces posted to
 * {@code POST /webhooks/bounce} of an in-memory local runner (ephemeral port on 127.0.0.1) by C
 * concurrent clients; the rate at which they are acknowledged (HTTP 200, bounce durable) and the
 * rate at which they are fully processed (threshold action applied and counted by
 * {@code bounce-actions} from the stream), beside the raw {@code PutItem} rate of the same
 * DynamoDB Local, with the same concurrency, in the same run.
 */
final class PipelineBench {
    private PipelineBench() {
    }

    static int run(List<String> args, PrintStream out) throws Exception {
        int bounces = BenchWorld.intOption(args, "--bounces", 2000);
        int clients = BenchWorld.intOption(args, "--clients", 4);
        ObjectMapper json = new ObjectMapper();
        BenchWorld world = new BenchWorld(BenchWorld.repo(args), json);
        try (LocalRunner runner = LocalRunner.start(new LocalRunner.Config(0, null, world.settings(false), world.secrets()))) {
            BenchWorld.seed(runner.components().subscribers(), "pipeline", bounces);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            URI uri = URI.create("http://127.0.0.1:" + runner.port() + "/webhooks/bounce");
            String authorization = "Basic " + Base64.getEncoder().encodeToString(
                    (BenchWorld.API_USER + ":" + BenchWorld.API_TOKEN).getBytes(StandardCharsets.UTF_8));
            long start = System.nanoTime();
            parallel(bounces, clients, n -> {
                HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", authorization)
                        .header("Content-Type", "application/json").header("Idempotency-Key", "bench-pipeline-" + n)
                        .POST(HttpRequest.BodyPublishers.ofString(world.webhookBody("pipeline", n))).build();
                try {
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("bounce " + n + " answered " + response.statusCode() + ": " + response.body());
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            });
            double acknowledged = seconds(start);
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (counted(runner) < bounces) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the stream counted " + counted(runner) + " of " + bounces + " in 5 minutes");
                }
                Thread.sleep(20);
            }
            double processed = seconds(start);
            double raw = rawPutItems(runner.dynamoClient(), bounces, clients);
            out.printf("bench-pipeline (%d bounces, %d clients): %.0f bounces/s acknowledged (HTTP 200), %.0f bounces/s"
                    + " to action applied and counted; raw PutItem %.0f items/s (same DynamoDB Local, same run)%n",
                    bounces, clients, bounces / acknowledged, bounces / processed, raw);
            out.printf("%-40s %10s %12s%n", "stage", "seconds", "per second");
            out.printf("%-40s %10.2f %12.0f%n", "HTTP 200 (bounce durable)", acknowledged, bounces / acknowledged);
            out.printf("%-40s %10.2f %12.0f%n", "action applied + counted (stream)", processed, bounces / processed);
            out.printf("%-40s %10.2f %12.0f%n", "raw PutItem (1 item, no index)", bounces / raw, raw);
        }
        return 0;
    }

    private static long counted(LocalRunner runner) {
        return runner.components().stats().read(StatsCounters.ALL).getOrDefault(StatsCounters.TOTAL, 0L);
    }

    /** Items per second of plain PutItem calls of a bounce-sized item into a table without index or stream. */
    private static double rawPutItems(DynamoDbClient client, int count, int clients) throws Exception {
        String table = "bench-raw-puts";
        client.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build()));
        String payload = "x".repeat(600);
        long start = System.nanoTime();
        parallel(count, clients, n -> client.putItem(b -> b.tableName(table).item(Map.of(
                "pk", AttributeValue.fromS("raw-" + n), "meta", AttributeValue.fromS(payload)))));
        return count / seconds(start);
    }

    private static void parallel(int count, int threads, IntConsumer work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                parts.add(pool.submit(() -> {
                    for (int n = first; n < count; n += threads) {
                        work.accept(n);
                    }
                }));
            }
            for (Future<?> part : parts) {
                part.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
