package io.stmails.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stmails.domain.Bounce;
import io.stmails.handler.ApiHandler;
import io.stmails.handler.BounceActionsHandler;
import io.stmails.wiring.Components;
import io.stmails.store.dynamodb.BounceItems;
import io.stmails.store.dynamodb.Tables;
import io.stmails.testing.DynamoDbLocal;
import io.stmails.testing.TableStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * The second half of every fuzzing property: whatever an entry point acknowledged can afterwards be
 * counted (the stream processes it without a reported failure and the statistics agree with the
 * table), listed (by id, e-mail, source and subscriber, each filter returning only what matches) and
 * exported (CSV that parses, with no cell a spreadsheet would run as a formula, and JSONL that keeps
 * {@code meta} exact) — all through the real {@code bounce-actions} and {@code api} functions.
 */
public final class Aftermath {
    public static final String ADMIN = "fuzz-admin";
    public static final String ADMIN_TOKEN = "fuzz-admin-token";
    private static final String AUTHORIZATION = "token " + ADMIN + ":" + ADMIN_TOKEN;
    private static final String LIST = "api (listing after fuzzing)";
    private static final String STREAM = "bounce-actions (stream after fuzzing)";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FILTERED = 1;

    private final Tables tables;
    private final ApiHandler api;
    private final BounceActionsHandler actions;
    private final TableStream stream;
    private final Set<String> checked = new HashSet<>();

    /** {@code services} must know the API user {@link #ADMIN} with every permission. */
    public Aftermath(Components services, Tables tables) {
        this.tables = tables;
        this.api = new ApiHandler(services);
        this.actions = new BounceActionsHandler(services);
        this.stream = new TableStream(tables.bounces());
    }

    /** After the tables were emptied: skips their stream so far and starts checking afresh. */
    void forget() {
        while (!stream.drain().getRecords().isEmpty()) {
            // The deletions' REMOVE records: nothing to count, the stats table was emptied too.
        }
        checked.clear();
    }

    /**
     * Checks every bounce stored since the previous call; returns how many there were. Every new bounce
     * is read by id and must be in the full listing and both exports; the filters (e-mail with source, and
     * subscriber) are checked for {@link #FILTERED} of them per call, as each filtered listing reads and
     * counts all sixteen index shards.
     */
    public int check() {
        deliverStream();
        Map<String, Bounce> stored = storedBounces();
        List<Bounce> fresh = stored.values().stream().filter(b -> checked.add(b.id())).toList();
        JsonNode stats = data(get("/api/bounces/stats", ""));
        assertEquals(stored.size(), stats.path("total").asLong(), "stats total against the bounces stored: " + stats);
        if (fresh.isEmpty()) {
            return 0;
        }
        for (Bounce bounce : fresh.subList(0, Math.min(fresh.size(), 10))) {
            assertEquals(bounce.id(), data(get("/api/bounces/" + bounce.id(), "")).path("id").asText(), name(bounce));
        }
        Set<String> listed = new HashSet<>();
        String cursor = null;
        do {
            JsonNode page = data(get("/api/bounces", "per_page=50" + (cursor == null ? "" : "&cursor=" + encode(cursor))));
            listed.addAll(ids(page.path("results")));
            cursor = page.path("next_cursor").textValue();
        } while (cursor != null);
        exportable(fresh);
        Map<String, Bounce> byEmail = new LinkedHashMap<>();
        fresh.forEach(b -> byEmail.putIfAbsent(b.email(), b));
        byEmail.values().stream().limit(FILTERED).forEach(this::filterable);
        for (Bounce bounce : fresh) {
            assertTrue(listed.contains(bounce.id()), name(bounce) + " missing from the full listing");
        }
        return fresh.size();
    }

    private static String name(Bounce bounce) {
        return "bounce " + bounce.id() + " (source " + Answers.abbreviated(bounce.source()) + ", email "
                + Answers.abbreviated(bounce.email()) + ")";
    }

    private void deliverStream() {
        for (int round = 0; round < 3; round++) {
            DynamodbEvent batch = stream.drain();
            if (batch.getRecords().isEmpty()) {
                return;
            }
            StreamsEventResponse response = Bounded.call(STREAM, () -> actions.handleRequest(batch, null));
            Figures.answer(STREAM, response.getBatchItemFailures().isEmpty() ? 200 : 500);
            assertEquals(List.of(), response.getBatchItemFailures().stream()
                            .map(StreamsEventResponse.BatchItemFailure::getItemIdentifier).toList(),
                    "the stream reported records of acknowledged bounces as failed");
        }
    }

    /** Found by its e-mail and source, and under its subscriber; each filter returns only what matches. */
    private void filterable(Bounce bounce) {
        String name = name(bounce);
        assertListed(bounce, name, "email=" + encode(bounce.email()) + "&per_page=50"
                + (bounce.source().isEmpty() ? "" : "&source=" + encode(bounce.source())));
        JsonNode ofSubscriber = data(get("/api/subscribers/" + bounce.subscriberUuid() + "/bounces", ""));
        assertTrue(ids(ofSubscriber).contains(bounce.id()), name + " missing from its subscriber's bounces");
    }

    private void assertListed(Bounce bounce, String name, String query) {
        JsonNode page = data(get("/api/bounces", query));
        assertTrue(ids(page.path("results")).contains(bounce.id()), name + " missing from ?" + query);
        for (JsonNode result : page.path("results")) {
            assertEquals(bounce.email(), result.path("email").asText(), "?" + query + " returned another e-mail");
            if (query.contains("&source=")) {
                assertEquals(bounce.source(), result.path("source").asText(), "?" + query + " returned another source");
            }
        }
        assertTrue(page.path("total").asLong() >= page.path("results").size(),
                "?" + query + " reports total " + page.path("total") + " for " + page.path("results").size() + " results");
    }

    /** Each bounce is in the CSV export (which parses, runs no formula) and in the JSONL export with its exact meta. */
    private void exportable(List<Bounce> bounces) {
        APIGatewayV2HTTPResponse csv = get("/api/bounces/export", "format=csv");
        assertEquals(200, csv.getStatusCode(), csv.getBody());
        List<List<String>> rows = Csv.parse(csv.getBody());
        Set<String> inCsv = new HashSet<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            assertEquals(rows.get(0).size(), row.size(), "CSV row with another number of cells: " + row);
            for (String cell : row) {
                assertTrue(cell.isEmpty() || "=+-@\t\r".indexOf(cell.charAt(0)) < 0,
                        "CSV cell a spreadsheet would run as a formula: " + Answers.abbreviated(cell));
            }
            inCsv.add(row.get(0));
        }
        APIGatewayV2HTTPResponse jsonl = get("/api/bounces/export", "format=jsonl");
        assertEquals(200, jsonl.getStatusCode(), jsonl.getBody());
        Map<String, JsonNode> inJsonl = new HashMap<>();
        for (String line : jsonl.getBody().split("\n")) {
            if (!line.isEmpty()) {
                JsonNode row = parse(line, "JSONL line");
                inJsonl.put(row.path("id").asText(), row);
            }
        }
        for (Bounce bounce : bounces) {
            assertTrue(inCsv.contains(bounce.id()), name(bounce) + " missing from the CSV export");
            JsonNode row = inJsonl.get(bounce.id());
            assertTrue(row != null, name(bounce) + " missing from the JSONL export");
            assertEquals(parse(bounce.metaJson(), "stored meta"), row.get("meta"), name(bounce) + ": meta not exact in JSONL");
            assertEquals(bounce.source(), row.path("source").asText(), name(bounce) + ": source not exact in JSONL");
        }
    }

    private Map<String, Bounce> storedBounces() {
        Map<String, Bounce> bounces = new HashMap<>();
        Map<String, AttributeValue> start = null;
        do {
            ScanResponse page = DynamoDbLocal.client().scan(ScanRequest.builder().tableName(tables.bounces())
                    .consistentRead(true).exclusiveStartKey(start).build());
            page.items().stream().filter(BounceItems::isBounce).map(BounceItems::fromItem)
                    .forEach(b -> bounces.put(b.id(), b));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return bounces;
    }

    private APIGatewayV2HTTPResponse get(String path, String query) {
        APIGatewayV2HTTPResponse response = Bounded.call(LIST, () -> api.handleRequest(Requests.http("GET", path, query,
                Map.of("authorization", AUTHORIZATION), null), null));
        Figures.answer(LIST, response.getStatusCode());
        return response;
    }

    private static JsonNode data(APIGatewayV2HTTPResponse response) {
        assertEquals(200, response.getStatusCode(), "listing after fuzzing: " + Answers.abbreviated(response.getBody()));
        return parse(response.getBody(), "API answer").path("data");
    }

    private static Set<String> ids(JsonNode results) {
        Set<String> ids = new HashSet<>();
        results.forEach(r -> ids.add(r.path("id").asText()));
        return ids;
    }

    private static JsonNode parse(String text, String what) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(what + " is not JSON: " + Answers.abbreviated(text), e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
