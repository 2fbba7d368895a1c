package io.stmails.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stmails.config.ApiUser;
import io.stmails.config.Secrets;
import io.stmails.config.Settings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's "Try it: the loop on the local runner", over HTTP against the runner with the
 * suppression list's stand-in, plus the {@code import-suppressions} command against it.
 */
class SuppressionLoopRunnerIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String AUTH = "token admin:adm1n-token";
    private static LocalRunner runner;

    @BeforeAll
    static void start() throws Exception {
        Settings settings = Settings.parse("""
                {"actions": {"soft": {"count": 2, "action": "blocklist"}},
                 "ses": {"enabled": true, "suppression_sync": true, "certificate_dir": "../events/ses/certificates",
                         "topic_arns": ["arn:aws:sns:us-east-1:123456789012:stmails-ses-feedback"]}}""", JSON);
        Secrets secrets = new Secrets(List.of(new ApiUser("admin", "adm1n-token", Set.of(ApiUser.ALL))),
                JSON.createObjectNode());
        runner = LocalRunner.start(new LocalRunner.Config(0, null, settings, secrets));
    }

    @AfterAll
    static void stop() {
        runner.close();
    }

    @Test
    void theLoopOfTheReadme() throws Exception {
        String jane = data(send("POST", "/api/subscribers", "{\"email\": \"jane@example.com\", \"name\": \"Jane\","
                + " \"lists\": [1, 2], \"preconfirm_subscriptions\": true}")).path("id").asText();
        bounce("jane@example.com", "soft");
        bounce("jane@example.com", "hard");
        awaitStatus(jane, "blocklisted");
        assertEquals(List.of("jane@example.com=BOUNCE"), suppressed());

        JsonNode reactivated = data(send("POST", "/api/subscribers/" + jane + "/reactivate", ""));
        assertTrue(reactivated.path("reactivated").asBoolean());
        assertEquals(2, reactivated.path("bounces_cleared").asInt());
        JsonNode after = data(send("GET", "/api/subscribers/" + jane, null));
        assertEquals("enabled", after.path("status").asText());
        after.path("lists").forEach(list -> assertEquals("confirmed", list.path("subscription_status").asText()));
        assertEquals(List.of(), suppressed());

        bounce("jane@example.com", "soft");
        assertEquals("enabled", data(send("GET", "/api/subscribers/" + jane, null)).path("status").asText(),
                "one soft bounce after the reactivation");

        bounce("jane@example.com", "complaint");
        awaitStatus(jane, "blocklisted");
        assertEquals(List.of("jane@example.com=COMPLAINT"), suppressed());
        HttpResponse<String> refused = send("POST", "/api/subscribers/" + jane + "/reactivate", "");
        assertEquals(409, refused.statusCode());
        assertTrue(JSON.readTree(refused.body()).path("message").asText().contains("complaint"));
        assertTrue(data(send("POST", "/api/subscribers/" + jane + "/reactivate", "{\"force\": true}"))
                .path("forced").asBoolean());

        long counted = counted();
        String fixture = Files.readString(Path.of("../events/ses/sns/suppressed-bounce.json"));
        assertEquals(200, HTTP.send(HttpRequest.newBuilder(uri("/2015-03-31/functions/ses-notifications/invocations"))
                .POST(HttpRequest.BodyPublishers.ofString(fixture)).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode());
        awaitCounted(counted + 1);
        JsonNode gone = data(send("GET", "/api/subscribers?email=gone@example.org", null)).path("results").get(0);
        assertEquals("enabled", gone.path("status").asText(), "an OnAccountSuppressionList bounce triggers nothing");
        assertEquals(List.of(), suppressed());

        long beforeErasure = counted();
        JsonNode removed = data(send("DELETE", "/api/subscribers/" + jane + "?erase=true", null)).path("removed");
        assertEquals(Map.of("subscriber", 1, "bounces", 4, "action_records", 4, "suppression_entries", 0),
                JSON.convertValue(removed, Map.class));
        assertEquals(404, send("GET", "/api/subscribers/" + jane, null).statusCode());
        assertEquals(0, data(send("GET", "/api/bounces?email=jane@example.com", null)).path("total").asInt());
        // The stream uncounts the erased bounces after the answer; the other test counts from here.
        awaitCountedExactly(beforeErasure - 4);
    }

    @Test
    void theImportCommandRecordsWhatIsOnTheListAndNothingTwice() throws Exception {
        String joe = data(send("POST", "/api/subscribers", "{\"email\": \"joe@example.com\"}")).path("id").asText();
        bounce("joe@example.com", "hard");
        awaitStatus(joe, "blocklisted");
        long beforeDeletion = counted();
        assertEquals(200, send("DELETE", "/api/subscribers/" + joe, null).statusCode());
        assertEquals(404, send("GET", "/api/subscribers/" + joe, null).statusCode());
        awaitCountedExactly(beforeDeletion - 1);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(List.of("import-suppressions", "--url", "http://127.0.0.1:" + runner.port(),
                "--user", "admin", "--token", "adm1n-token"), Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("import complete"), out.toString(StandardCharsets.UTF_8));

        JsonNode imported = data(send("GET", "/api/subscribers?email=joe@example.com", null)).path("results").get(0);
        assertEquals("blocklisted", imported.path("status").asText(), "back, as the list says, blocklisted");
        assertEquals(2, Main.run(List.of("import-suppressions"), Map.of(), new PrintStream(out), new PrintStream(err)),
                "--url is required");
    }

    /** Posts a bounce and waits until the stream has handled it (its threshold step runs before it is counted). */
    private static void bounce(String email, String type) throws Exception {
        long before = counted();
        assertEquals(200, send("POST", "/webhooks/bounce",
                "{\"email\": \"" + email + "\", \"type\": \"" + type + "\", \"source\": \"api\"}").statusCode());
        awaitCounted(before + 1);
    }

    private static long counted() throws Exception {
        return data(send("GET", "/api/bounces/stats", null)).path("total").asLong();
    }

    private static void awaitCounted(long total) throws Exception {
        awaitTotal(counted -> counted >= total, "the stream never counted " + total + " bounces");
    }

    private static void awaitCountedExactly(long total) throws Exception {
        awaitTotal(counted -> counted == total, "the stream's total never came to " + total + " bounces");
    }

    private static void awaitTotal(LongPredicate reached, String failure) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!reached.test(counted())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(failure);
            }
            Thread.sleep(50);
        }
    }

    private static List<String> suppressed() throws Exception {
        List<String> entries = new ArrayList<>();
        data(send("GET", "/api/suppressions", null)).path("results")
                .forEach(r -> entries.add(r.path("email").asText() + "=" + r.path("reason").asText()));
        return entries.stream().filter(e -> e.startsWith("jane@")).sorted().toList();
    }

    private static void awaitStatus(String uuid, String status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode subscriber;
        do {
            subscriber = data(send("GET", "/api/subscribers/" + uuid, null));
            if (status.equals(subscriber.path("status").asText())) {
                return;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("subscriber never became " + status + ": " + subscriber);
    }

    private static JsonNode data(HttpResponse<String> response) throws Exception {
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body()).path("data");
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Authorization", AUTH)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + runner.port() + path);
    }
}
