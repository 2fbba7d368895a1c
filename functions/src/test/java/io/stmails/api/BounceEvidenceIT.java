package io.stmails.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stmails.config.ApiUser;
import io.stmails.config.Secrets;
import io.stmails.config.Settings;
import io.stmails.domain.Bounce;
import io.stmails.domain.BounceEvent;
import io.stmails.domain.BounceType;
import io.stmails.wiring.ApiWiring;
import io.stmails.wiring.Components;
import io.stmails.handler.SesEventsHandler;
import io.stmails.http.HttpRequest;
import io.stmails.http.HttpResponse;
import io.stmails.testing.Routing;
import io.stmails.store.dynamodb.Tables;
import io.stmails.testing.DynamoDbLocal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@code GET /api/bounces/{id}} answers with what a bounce was decided from; listings stay light. */
class BounceEvidenceIT {
    private final ObjectMapper json = new ObjectMapper();
    private Tables tables;
    private Components services;
    private ApiRouter api;

    @BeforeEach
    void start() {
        Secrets secrets = new Secrets(List.of(new ApiUser("admin", "a", Set.of(ApiUser.ALL))), json.createObjectNode());
        tables = DynamoDbLocal.freshTables();
        services = Components.builder().dynamo(DynamoDbLocal.client()).tables(tables)
                .secrets(() -> secrets)
                .settings(Settings.parse("{\"ses\": {\"enabled\": true, \"campaign_tag\": \"campaign\"}}", json))
                .build();
        api = ApiWiring.router(services);
    }

    @Test
    void anSesBounceKeepsSesBounceObjectAndSaysWhySesClassifiedIt() throws Exception {
        new SesEventsHandler(services).handleRequest(
                EventLoader.loadScheduledEvent("events/ses/eventbridge/configuration-set-bounce.json"), null);
        Bounce bounce = only("sam@example.com");

        JsonNode found = data(call("GET", "/api/bounces/" + bounce.id(), ""));
        assertEquals("Permanent/General", found.path("reason").asText());
        JsonNode sesBounce = found.path("evidence").path("bounce");
        assertEquals("Permanent", sesBounce.path("bounceType").asText());
        assertEquals("General", sesBounce.path("bounceSubType").asText());
        assertEquals("sam@example.com", sesBounce.path("bouncedRecipients").get(0).path("emailAddress").asText());
        assertEquals("hard", found.path("type").asText());
    }

    @Test
    void listingsAndExportsCarryTheReasonButNeverTheEvidence() throws Exception {
        new SesEventsHandler(services).handleRequest(
                EventLoader.loadScheduledEvent("events/ses/eventbridge/configuration-set-bounce.json"), null);
        JsonNode row = data(call("GET", "/api/bounces", "")).path("results").get(0);
        assertEquals("Permanent/General", row.path("reason").asText());
        assertFalse(row.has("evidence"), row.toString());
        HttpResponse export = call("GET", "/api/bounces/export", "format=jsonl");
        assertEquals(200, export.status());
        assertFalse(export.body().contains("evidence"), export.body());
        assertFalse(data(call("GET", "/api/subscribers/" + only("sam@example.com").subscriberUuid() + "/bounces", ""))
                .get(0).has("evidence"));
    }

    @Test
    void aBounceWhoseSourceSaidNothingMoreHasAnUnspecifiedReasonAndNoEvidence() throws Exception {
        services.recorder().record(new BounceEvent("joe@example.com", null, null, BounceType.SOFT, "api", null,
                "{\"note\":\"from listmonk\"}", "api-1"));
        JsonNode found = data(call("GET", "/api/bounces/" + only("joe@example.com").id(), ""));
        assertEquals("unspecified", found.path("reason").asText());
        assertTrue(found.path("evidence").isNull(), found.toString());
        assertEquals("from listmonk", found.path("meta").path("note").asText());
    }

    @Test
    void deletingABounceDeletesItsEvidence() {
        new SesEventsHandler(services).handleRequest(
                EventLoader.loadScheduledEvent("events/ses/eventbridge/configuration-set-bounce.json"), null);
        Bounce bounce = only("sam@example.com");
        assertEquals(200, call("DELETE", "/api/bounces/" + bounce.id(), "").status());
        assertEquals(0, DynamoDbLocal.client().query(b -> b.tableName(tables.bounces())
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("S#" + bounce.subscriberUuid())))).count(),
                "neither the bounce nor its evidence is left");
        assertEquals(404, call("GET", "/api/bounces/" + bounce.id(), "").status());
    }

    private Bounce only(String email) {
        List<Bounce> bounces = services.bounces().listBySubscriber(services.subscribers().findByEmail(email).orElseThrow().uuid());
        assertEquals(1, bounces.size());
        return bounces.get(0);
    }

    private HttpResponse call(String method, String path, String query) {
        return api.handle(Routing.request(method, path, Map.of("authorization", "token admin:a"), query, new byte[0]));
    }

    private JsonNode data(HttpResponse response) throws Exception {
        assertEquals(200, response.status(), response.body());
        return json.readTree(response.body()).path("data");
    }
}
