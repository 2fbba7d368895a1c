package io.stmails.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator sees, on the runner's standard output as {@code java -jar} starts it: a bounce
 * makes one JSON log line with the invocation's and the bounce's keys, and an embedded-metric-format
 * blob counting it, the same lines Lambda sends to CloudWatch.
 */
class ObservabilityIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String AUTH = "token admin:observe-token";
    @TempDir
    static Path dir;
    private static RunnerProcess runner;

    @BeforeAll
    static void start() throws Exception {
        Path settings = Files.writeString(dir.resolve("settings.json"), "{\"providers\": {\"postmark\": {\"enabled\": true}}}");
        Path secrets = Files.writeString(dir.resolve("secrets.json"),
                "{\"providers\": {\"postmark\": {\"username\": \"postmark-hook\", \"password\": \"test-password-1\"}}}");
        runner = RunnerProcess.start(Map.of("STMAILS_API_USER", "admin", "STMAILS_API_TOKEN", "observe-token"),
                "--in-memory", "--settings", settings.toString(), "--secrets", secrets.toString());
    }

    @AfterAll
    static void stop() {
        runner.kill();
    }

    @Test
    void aBouncePostedToTheWebhookMakesOneLogLineAndOneMetricBlob() throws Exception {
        int before = runner.output().size();
        HttpResponse<String> response = post("/webhooks/bounce", AUTH,
                "{\"email\": \"observed@example.com\", \"type\": \"hard\", \"source\": \"relay-7\"}");
        assertEquals(200, response.statusCode(), response.body());

        JsonNode blob = await(before, line -> line.has("_aws") && line.path("Channel").asText().equals("webhook")
                && line.has("BouncesRecorded"));
        List<JsonNode> bounceLines = since(before, line -> line.path("logger").asText().endsWith("BounceRecorder"));
        assertEquals(1, bounceLines.size(), bounceLines.toString());
        JsonNode line = bounceLines.get(0);
        assertEquals("INFO", line.path("level").asText());
        assertEquals("webhook-bounce", line.path("function_name").asText());
        assertFalse(line.path("function_request_id").asText().isEmpty(), line.toString());
        assertFalse(line.path("correlation_id").asText().isEmpty(), "API Gateway's request id: " + line);
        assertEquals("webhook", line.path("channel").asText());
        assertEquals("relay-7", line.path("source").asText());
        assertEquals("hard", line.path("type").asText());
        assertEquals("recorded", line.path("outcome").asText());
        assertTrue(line.path("subscriber_uuid").asText().matches("[0-9a-f-]{36}"), line.toString());
        assertFalse(line.toString().contains("observed@example.com"), "no address in the logs: " + line);

        assertEquals(1, blob.path("BouncesRecorded").asInt());
        assertEquals("hard", blob.path("Type").asText());
        JsonNode directive = blob.path("_aws").path("CloudWatchMetrics").get(0);
        assertEquals("stmails", directive.path("Namespace").asText());
        assertTrue(directive.path("Dimensions").toString().contains("[\"Service\"]"),
                "the total, for alarms: " + directive);
    }

    @Test
    void aProviderBounceCarriesTheProvidersMessageId() throws Exception {
        int before = runner.output().size();
        String body = JSON.readTree(Files.readString(Path.of("../events/postmark/bounce-hard.json"))).path("body").asText();
        HttpResponse<String> response = post("/webhooks/service/postmark", "Basic cG9zdG1hcmstaG9vazp0ZXN0LXBhc3N3b3JkLTE=", body);
        assertEquals(200, response.statusCode(), response.body());

        JsonNode blob = await(before, line -> line.has("_aws") && line.path("Channel").asText().equals("postmark"));
        List<JsonNode> bounceLines = since(before, line -> line.path("logger").asText().endsWith("BounceRecorder"));
        assertEquals(1, bounceLines.size(), bounceLines.toString());
        assertEquals("webhook-postmark", bounceLines.get(0).path("function_name").asText());
        assertEquals("883953f4-6105-42a2-a16a-77a8eac79483", bounceLines.get(0).path("message_id").asText());
        assertEquals("postmark", bounceLines.get(0).path("source").asText());
        assertEquals(1, blob.path("BouncesRecorded").asInt());
    }

    @Test
    void aForgedRequestIsLoggedAndCountedAsARejection() throws Exception {
        int before = runner.output().size();
        HttpResponse<String> response = post("/webhooks/service/postmark", "Basic cG9zdG1hcmstaG9vazp3cm9uZw==", "{}");
        assertEquals(401, response.statusCode(), response.body());

        JsonNode blob = await(before, line -> line.has("WebhookRejections"));
        assertEquals("postmark", blob.path("Channel").asText());
        assertEquals("auth", blob.path("Reason").asText());
        Optional<JsonNode> warning = since(before, line -> line.path("rejection").asText().equals("auth")).stream().findFirst();
        assertTrue(warning.isPresent(), runner.output().subList(before, runner.output().size()).toString());
        assertEquals("WARN", warning.get().path("level").asText());
    }

    private static HttpResponse<String> post(String path, String authorization, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(runner.uri(path)).header("Authorization", authorization)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The first JSON line printed since {@code from} that matches; the metrics come at the end of the invocation. */
    private static JsonNode await(int from, Predicate<JsonNode> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<JsonNode> found = since(from, wanted).stream().findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no such line within 10 s in " + runner.output().subList(from, runner.output().size()));
    }

    private static List<JsonNode> since(int from, Predicate<JsonNode> wanted) {
        List<String> lines = runner.output();
        return lines.subList(from, lines.size()).stream().map(ObservabilityIT::parse).flatMap(Optional::stream)
                .filter(wanted).toList();
    }

    private static Optional<JsonNode> parse(String line) {
        if (!line.startsWith("{")) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(line));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
