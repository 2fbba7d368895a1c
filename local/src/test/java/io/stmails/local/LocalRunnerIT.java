package io.stmails.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stmails.config.ApiUser;
import io.stmails.config.Secrets;
import io.stmails.config.Settings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's walk-through, over HTTP, against the runner as {@code java -jar} starts it. */
class LocalRunnerIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String AUTH = "token admin:adm1n-token";
    @TempDir
    static Path dataDir;
    private static LocalRunner runner;

    @BeforeAll
    static void start() throws Exception {
        Secrets secrets = new Secrets(List.of(
                new ApiUser("admin", "adm1n-token", Set.of(ApiUser.ALL)),
                new ApiUser("hook", "s3cret-token", Set.of("webhooks:post_bounce"))), JSON.createObjectNode());
        runner = LocalRunner.start(new LocalRunner.Config(0, dataDir, Settings.defaults(), secrets));
    }

    @AfterAll
    static void stop() {
        runner.close();
    }

    @Test
    void aHardBounceBlocklistsTheSubscriber() throws Exception {
        JsonNode created = send("POST", "/api/subscribers",
                "{\"email\": \"walk@example.com\", \"name\": \"Walk\", \"lists\": [1], \"preconfirm_subscriptions\": true}");
        String uuid = created.path("data").path("uuid").asText();
        JsonNode accepted = send("POST", "/webhooks/bounce", "{\"email\": \"walk@example.com\", \"type\": \"hard\", \"source\": \"api\"}");
        assertTrue(accepted.path("data").asBoolean());

        JsonNode subscriber = awaitStatus(uuid, "blocklisted", Duration.ofSeconds(10));
        assertEquals("unsubscribed", subscriber.path("lists").get(0).path("subscription_status").asText());
        assertEquals(1, subscriber.path("bounces").path("hard").asInt());
    }

    @Test
    void theInvokeApiRunsAnyFunctionOnARawEvent() throws Exception {
        send("POST", "/api/subscribers", "{\"email\": \"jane.doe@example.com\"}");
        String event = Files.readString(Path.of("../events/webhook/bounce-hard-by-email.json"));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/2015-03-31/functions/webhook-bounce/invocations"))
                .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        JsonNode result = JSON.readTree(response.body());
        assertEquals(200, result.path("statusCode").asInt(), response.body());
        assertEquals("{\"data\":true}", result.path("body").asText());

        HttpResponse<String> unknown = HTTP.send(HttpRequest.newBuilder(uri("/2015-03-31/functions/nope/invocations"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, unknown.statusCode());
    }

    @Test
    void theInvokeApiRefusesWebPagesAndAnswersMalformedEventsAsLambdaDoes() throws Exception {
        String sesBounce = Files.readString(Path.of("../events/ses/eventbridge/configuration-set-bounce.json"));
        HttpResponse<String> fromPage = HTTP.send(HttpRequest.newBuilder(uri("/2015-03-31/functions/ses-events/invocations"))
                .header("Origin", "http://evil.example").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(sesBounce)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, fromPage.statusCode(), fromPage.body());
        assertEquals(0, send("GET", "/api/bounces?email=sam@example.com", null).path("data").path("results").size(),
                "a refused invocation recorded a bounce");

        HttpResponse<String> forged = HTTP.send(HttpRequest.newBuilder(uri("/2015-03-31/functions/bounce-actions/invocations"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"Records\": 7}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, forged.statusCode(), forged.body());
        assertEquals("InvalidRequestContentException", forged.headers().firstValue("x-amzn-errortype").orElse(""));
        assertTrue(JSON.readTree(forged.body()).path("message").asText().contains("bounce-actions"), forged.body());
    }

    @Test
    void errorsKeepListmonksEnvelopeAndUnknownRoutesAre404() throws Exception {
        HttpResponse<String> unauthenticated = HTTP.send(HttpRequest.newBuilder(uri("/webhooks/bounce"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, unauthenticated.statusCode());
        assertTrue(JSON.readTree(unauthenticated.body()).has("message"));
        HttpResponse<String> nowhere = HTTP.send(HttpRequest.newBuilder(uri("/nowhere")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, nowhere.statusCode());
    }

    private static JsonNode awaitStatus(String uuid, String status, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        JsonNode subscriber;
        do {
            subscriber = send("GET", "/api/subscribers/" + uuid, null).path("data");
            if (status.equals(subscriber.path("status").asText())) {
                return subscriber;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("subscriber never became " + status + ": " + subscriber);
    }

    private static JsonNode send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Authorization", AUTH)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), method + " " + path + ": " + response.body());
        return JSON.readTree(response.body());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + runner.port() + path);
    }
}
