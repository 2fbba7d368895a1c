package io.stmails.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stmails.config.ApiUser;
import io.stmails.config.Secrets;
import io.stmails.config.Settings;
import io.stmails.domain.BounceEvent;
import io.stmails.domain.BounceType;
import io.stmails.handler.BounceActionsHandler;
import io.stmails.wiring.ApiWiring;
import io.stmails.wiring.Components;
import io.stmails.http.HttpRequest;
import io.stmails.http.HttpResponse;
import io.stmails.testing.Routing;
import io.stmails.store.dynamodb.Tables;
import io.stmails.testing.DynamoDbLocal;
import io.stmails.testing.TableStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/bounces/stats?campaign_uuid=}: a campaign's bounces and complaints by type and by
 * day with its top reasons, from counters kept off the real stream, exact when a batch comes twice.
 */
class CampaignStatsIT {
    private static final String NEWS = "6f2b7c1e-2d3a-4b5c-9d8e-7f6a5b4c3d2e";
    private static final String PROMO = "0d9e8f7a-6b5c-4d3e-8f2a-1b0c9d8e7f6a";
    private final ObjectMapper json = new ObjectMapper();
    private Components services;
    private ApiRouter api;
    private BounceActionsHandler handler;
    private TableStream stream;
    private int sequence;

    @BeforeEach
    void start() {
        Tables tables = DynamoDbLocal.freshTables();
        Secrets secrets = new Secrets(List.of(new ApiUser("admin", "a", Set.of(ApiUser.ALL))), json.createObjectNode());
        services = Components.builder().dynamo(DynamoDbLocal.client()).tables(tables).secrets(() -> secrets)
                .settings(Settings.parse("{\"actions\": {\"hard\": {\"action\": \"none\"}, \"complaint\": {\"action\": \"none\"}}}", json))
                .build();
        api = ApiWiring.router(services);
        handler = new BounceActionsHandler(services);
        stream = new TableStream(tables.bounces());
    }

    @Test
    void aCampaignsBouncesAndComplaintsByTypeAndDayWithTheTopReasonsExactUnderRedelivery() throws Exception {
        record(NEWS, BounceType.HARD, "2026-11-20T08:00:00Z", "Permanent/General");
        record(NEWS, BounceType.HARD, "2026-11-20T09:00:00Z", "Permanent/General");
        record(NEWS, BounceType.HARD, "2026-11-21T09:00:00Z", "userunknown");
        record(NEWS, BounceType.SOFT, "2026-11-21T10:00:00Z", "Transient/MailboxFull");
        record(NEWS, BounceType.COMPLAINT, "2026-11-21T11:00:00Z", "abuse");
        record(NEWS, BounceType.COMPLAINT, "2026-11-21T12:00:00Z", "abuse");
        record(PROMO, BounceType.HARD, "2026-11-21T09:00:00Z", "Permanent/NoEmail");
        DynamodbEvent batch = stream.drain();
        deliver(batch);
        deliver(batch);

        JsonNode news = stats(NEWS, "");
        assertEquals(NEWS, news.path("campaign_uuid").asText());
        assertEquals(6, news.path("total").asLong());
        assertEquals(json.readTree("{\"hard\": 3, \"soft\": 1, \"complaint\": 2}"), news.path("by_type"));
        assertEquals(json.readTree("""
                [{"date": "2026-11-20", "count": 2, "hard": 2, "soft": 0, "complaint": 0},
                 {"date": "2026-11-21", "count": 4, "hard": 1, "soft": 1, "complaint": 2}]"""), news.path("by_day"));
        assertEquals(json.readTree("""
                {"hard": [{"reason": "Permanent/General", "count": 2}, {"reason": "userunknown", "count": 1}],
                 "soft": [{"reason": "Transient/MailboxFull", "count": 1}],
                 "complaint": [{"reason": "abuse", "count": 2}]}"""), news.path("top_reasons"));
        assertEquals(1, stats(NEWS, "&from=2026-11-21").path("by_day").size());
        assertEquals(json.readTree("[{\"reason\": \"Permanent/NoEmail\", \"count\": 1}]"),
                stats(PROMO, "").path("top_reasons").path("hard"));

        String removed = data(call("/api/bounces", "campaign_uuid=" + NEWS + "&type=complaint")).path("results").get(0)
                .path("id").asText();
        assertEquals(200, api.handle(request("DELETE", "/api/bounces/" + removed, "")).status());
        deliver(stream.drain());
        JsonNode after = stats(NEWS, "");
        assertEquals(1, after.path("by_type").path("complaint").asLong());
        assertEquals(1, after.path("by_day").get(1).path("complaint").asLong());
        assertEquals(1, after.path("top_reasons").path("complaint").get(0).path("count").asLong());
    }

    @Test
    void anUnknownCampaignHasNothingAndAMalformedOneIsRefused() throws Exception {
        JsonNode none = stats(PROMO, "");
        assertEquals(0, none.path("total").asLong());
        assertEquals(json.readTree("{\"hard\": [], \"soft\": [], \"complaint\": []}"), none.path("top_reasons"));
        HttpResponse bad = call("/api/bounces/stats", "campaign_uuid=nope");
        assertEquals(400, bad.status());
    }

    private JsonNode stats(String campaign, String more) throws Exception {
        return data(call("/api/bounces/stats", "campaign_uuid=" + campaign + more));
    }

    private void record(String campaign, BounceType type, String at, String reason) {
        sequence++;
        services.recorder().record(new BounceEvent("user" + sequence + "@example.com", null, campaign, type, "test",
                Instant.parse(at), "{}", "stats-" + sequence).classified(reason, null));
    }

    private void deliver(DynamodbEvent batch) {
        assertEquals(List.of(), handler.handleRequest(batch, null).getBatchItemFailures());
    }

    private HttpResponse call(String path, String query) {
        return api.handle(request("GET", path, query));
    }

    private static HttpRequest request(String method, String path, String query) {
        return Routing.request(method, path, Map.of("authorization", "token admin:a"), query, new byte[0]);
    }

    private JsonNode data(HttpResponse response) throws Exception {
        assertEquals(200, response.status(), response.body());
        return json.readTree(response.body()).path("data");
    }
}
