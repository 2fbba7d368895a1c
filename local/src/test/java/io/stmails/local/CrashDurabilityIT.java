package io.stmails.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 against the runner as {@code java -jar} starts it: every bounce answered 200 before the
 * kill must be listed after a restart on the same data directory. Each restart that checks one
 * trial is the runner the next trial kills.
 */
class CrashDurabilityIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER = "admin";
    private static final String TOKEN = "crash-test-token";
    private static final int INSTANT_TRIALS = 4;
    private static final int LOAD_TRIALS = 3;
    private static final int LOAD_CLIENTS = 8;
    private static final int IN_FLIGHT_AT_AN_INSTANT = 4;

    @TempDir
    Path dataDir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private RunnerProcess runner;

    @AfterEach
    void stop() throws Exception {
        if (runner != null) {
            runner.kill();
        }
    }

    @Test
    void everyAcknowledgedBounceSurvivesKillNine() throws Exception {
        assertTrue(Files.isRegularFile(RunnerProcess.JAR), RunnerProcess.JAR + " is built by `mvn package`, before failsafe runs");
        long started = System.nanoTime();
        List<Trial> trials = new ArrayList<>();
        long startingNanos = System.nanoTime();
        runner = start(dataDir);
        startingNanos = System.nanoTime() - startingNanos;
        for (int i = 0; i < INSTANT_TRIALS + LOAD_TRIALS; i++) {
            boolean instant = i < INSTANT_TRIALS;
            String source = (instant ? "instant-" : "load-") + i;
            Set<String> acknowledged = instant ? killOnFirstAcknowledgement(source)
                    : killUnderLoad(source, Duration.ofMillis(1000 + 750L * (i - INSTANT_TRIALS)));
            long restart = System.nanoTime();
            runner = start(dataDir);
            startingNanos += System.nanoTime() - restart;
            Set<String> stored = storedEmails(source);
            trials.add(new Trial(source, acknowledged.size(), stored.size(), lost(acknowledged, stored)));
        }
        System.out.printf("kill -9 trials (%d ms in all, %d ms of it starting %d runners):%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), TimeUnit.NANOSECONDS.toMillis(startingNanos), trials.size() + 1);
        trials.forEach(t -> System.out.printf("  %-8s acknowledged %4d, stored %4d, lost %d%n",
                t.source, t.acknowledged, t.stored, t.lost.size()));
        for (Trial trial : trials) {
            assertTrue(trial.acknowledged > 0, trial.source + ": nothing was acknowledged before the kill");
            assertEquals(Set.of(), trial.lost, trial.source + ": acknowledged but not stored after kill -9");
        }
    }

    private static RunnerProcess start(Path dataDir) throws Exception {
        return RunnerProcess.start(Map.of("STMAILS_API_USER", USER, "STMAILS_API_TOKEN", TOKEN), "--data", dataDir.toString());
    }

    private record Trial(String source, int acknowledged, int stored, Set<String> lost) {
    }

    /** A few bounces in flight; the process is killed from the thread that reads the first 200. */
    private Set<String> killOnFirstAcknowledgement(String source) throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        for (int i = 0; i < IN_FLIGHT_AT_AN_INSTANT; i++) {
            String email = source + "-" + i + "@example.com";
            inFlight.add(http.sendAsync(bounce(email, source), HttpResponse.BodyHandlers.ofString())
                    .thenAccept(response -> {
                        if (response.statusCode() == 200) {
                            runner.kill();
                            acknowledged.add(email);
                        }
                    }));
        }
        awaitQuietly(inFlight);
        return acknowledged;
    }

    /** {@code LOAD_CLIENTS} clients send bounces back to back; the kill comes {@code after} the first acknowledgement. */
    private Set<String> killUnderLoad(String source, Duration after) throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger next = new AtomicInteger();
        CompletableFuture<Void> firstAcknowledgement = new CompletableFuture<>();
        List<CompletableFuture<?>> clients = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(LOAD_CLIENTS);
        for (int c = 0; c < LOAD_CLIENTS; c++) {
            clients.add(CompletableFuture.runAsync(() -> {
                while (runner.alive()) {
                    String email = source + "-" + next.getAndIncrement() + "@example.com";
                    try {
                        HttpResponse<String> response = http.send(bounce(email, source), HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() == 200) {
                            acknowledged.add(email);
                            firstAcknowledgement.complete(null);
                        }
                    } catch (IOException | InterruptedException e) {
                        return;
                    }
                }
            }, threads));
        }
        try {
            firstAcknowledgement.get(30, TimeUnit.SECONDS);
            Thread.sleep(after.toMillis());
        } finally {
            runner.kill();
            threads.shutdown();
        }
        awaitQuietly(clients);
        return acknowledged;
    }

    private HttpRequest bounce(String email, String source) {
        String body = "{\"email\": \"" + email + "\", \"type\": \"hard\", \"source\": \"" + source + "\"}";
        return HttpRequest.newBuilder(runner.uri("/webhooks/bounce"))
                .header("Authorization", "token " + USER + ":" + TOKEN)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private Set<String> storedEmails(String source) throws Exception {
        Set<String> emails = new HashSet<>();
        String cursor = null;
        do {
            String query = "/api/bounces?per_page=all&source=" + source
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(runner.uri(query))
                    .header("Authorization", "token " + USER + ":" + TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            JsonNode data = JSON.readTree(response.body()).path("data");
            data.path("results").forEach(row -> emails.add(row.path("email").asText()));
            cursor = data.path("next_cursor").isTextual() && !data.path("next_cursor").asText().isEmpty()
                    ? data.path("next_cursor").asText() : null;
        } while (cursor != null);
        return emails;
    }

    private static Set<String> lost(Set<String> acknowledged, Set<String> stored) {
        Set<String> lost = new HashSet<>(acknowledged);
        lost.removeAll(stored);
        return lost;
    }

    private static void awaitQuietly(List<CompletableFuture<?>> futures) throws Exception {
        CompletableFuture.allOf(futures.stream().map(f -> f.exceptionally(e -> null)).toArray(CompletableFuture[]::new))
                .get(30, TimeUnit.SECONDS);
    }
}
