package io.stmails.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stmails.config.ApiUser;
import io.stmails.config.Secrets;
import io.stmails.config.Settings;
import io.stmails.domain.BounceEvent;
import io.stmails.domain.BounceType;
import io.stmails.store.ScanRecord;
import io.stmails.testing.DynamoDbLocal;
import io.stmails.testing.Routing;
import io.stmails.wiring.Components;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the operator console needs from the {@code api} function beyond listmonk's routes, and the console itself. */
class ConsoleApiIT {
    private final ObjectMapper json = new ObjectMapper();
    private Components services;
    private ApiHandler handler;

    @BeforeEach
    void setUp() {
        Secrets secrets = new Secrets(List.of(
                new ApiUser("admin", "adm1n-token", Set.of(ApiUser.ALL)),
                new ApiUser("viewer", "v1ew", Set.of("bounces:get", "subscribers:get"))), json.createObjectNode());
        Settings settings = Settings.parse("{\"providers\": {\"postmark\": {\"enabled\": true}}, \"mailboxes\": "
                + "[{\"name\": \"main\", \"host\": \"pop.example.com\", \"username\": \"b@example.com\"}]}", json);
        services = DynamoDbLocal.services().settings(settings).secrets(() -> secrets).build();
        handler = new ApiHandler(services);
    }

    @Test
    void theConsoleIsServedByTheApiFunctionWithoutCredentials() {
        APIGatewayV2HTTPResponse index = handler.handleRequest(EventLoader.loadApiGatewayHttpEvent("events/api/console-index.json"), null);
        assertEquals(200, index.getStatusCode());
        assertEquals("DENY", index.getHeaders().get("x-frame-options"));
        assertTrue(index.getHeaders().get("content-security-policy").startsWith("default-src 'self'"));
        assertTrue(index.getBody().contains("<title>stmails console</title>"));
    }

    @Test
    void meNamesTheUserAndEveryPermissionItHoldsOrLacks() throws Exception {
        JsonNode admin = data(call("GET", "/api/me", "", "token admin:adm1n-token"));
        assertEquals("admin", admin.path("username").asText());
        admin.path("permissions").forEach(held -> assertTrue(held.asBoolean()));
        JsonNode viewer = data(call("GET", "/api/me", "", "token viewer:v1ew")).path("permissions");
        assertTrue(viewer.path("bounces:get").asBoolean());
        assertEquals(false, viewer.path("bounces:manage").asBoolean(true));
        assertEquals(false, viewer.path("subscribers:manage").asBoolean(true));
        assertEquals(false, viewer.path("settings:get").asBoolean(true));
        assertEquals(401, call("GET", "/api/me", "", "token viewer:wrong").getStatusCode());
        assertEquals(401, call("GET", "/api/me", "", null).getStatusCode());
    }

    @Test
    void settingsShowWhatIsInEffectWithWebhookUrlsOnTheCallersHostAndNoSecret() throws Exception {
        APIGatewayV2HTTPResponse response = call("GET", "/api/settings", "", "token admin:adm1n-token");
        JsonNode settings = data(response);
        assertEquals("blocklist", settings.path("settings").path("actions").path("hard").path("action").asText());
        Map<String, JsonNode> hooks = new HashMap<>();
        settings.path("webhooks").forEach(h -> hooks.put(h.path("source").asText(), h));
        assertEquals("https://abc123.execute-api.eu-west-1.amazonaws.com/webhooks/service/postmark",
                hooks.get("postmark").path("url").asText());
        assertTrue(hooks.get("postmark").path("enabled").asBoolean());
        assertEquals(false, hooks.get("sendgrid").path("enabled").asBoolean(true));
        assertEquals("https://abc123.execute-api.eu-west-1.amazonaws.com/webhooks/bounce", hooks.get("native").path("url").asText());
        assertEquals("pop.example.com", settings.path("mailboxes").get(0).path("host").asText());
        assertTrue(settings.path("changed_through").asText().contains("CDK context"));
        assertTrue(!response.getBody().contains("adm1n-token") && !response.getBody().contains("password"));
        assertEquals(403, call("GET", "/api/settings", "", "token viewer:v1ew").getStatusCode());
    }

    @Test
    void aSelectionIsBlocklistedByBounceIdAndTheActionIsListedForTheSubscriber() throws Exception {
        services.recorder().record(new BounceEvent("a@example.com", null, null, BounceType.SOFT, "api", null, null, "a1"));
        services.recorder().record(new BounceEvent("b@example.com", null, null, BounceType.SOFT, "api", null, null, "b1"));
        JsonNode listed = data(call("GET", "/api/bounces", "email=a%40example.com", "token admin:adm1n-token"));
        String bounceOfA = listed.path("results").get(0).path("id").asText();
        String a = listed.path("results").get(0).path("subscriber_uuid").asText();

        assertEquals(403, call("PUT", "/api/bounces/blocklist", "id=" + bounceOfA, "token viewer:v1ew").getStatusCode());
        JsonNode done = data(call("PUT", "/api/bounces/blocklist", "id=" + bounceOfA, "token admin:adm1n-token"));
        assertEquals(1, done.path("blocklisted").asInt());
        assertEquals("blocklisted", services.subscribers().findByEmail("a@example.com").orElseThrow().status().wire());
        assertEquals("enabled", services.subscribers().findByEmail("b@example.com").orElseThrow().status().wire());
        assertEquals(400, call("PUT", "/api/bounces/blocklist", "id=not-an-id", "token admin:adm1n-token").getStatusCode());

        JsonNode history = data(call("GET", "/api/subscribers/" + a + "/actions", "", "token viewer:v1ew"));
        assertEquals("blocklist", history.path("actions").get(0).path("action").asText());
        assertTrue(history.path("actions").get(0).path("in_force").asBoolean());
        assertEquals("not_synchronised", history.path("suppression").asText());
    }

    @Test
    void deletingEverythingMatchingAFilterLeavesTheRest() throws Exception {
        services.recorder().record(new BounceEvent("a@example.com", null, null, BounceType.SOFT, "api", null, null, "a1"));
        services.recorder().record(new BounceEvent("a@example.com", null, null, BounceType.HARD, "api", null, null, "a2"));
        services.recorder().record(new BounceEvent("b@example.com", null, null, BounceType.SOFT, "ses", null, null, "b1"));
        assertEquals(200, call("DELETE", "/api/bounces", "all=true&type=soft", "token admin:adm1n-token").getStatusCode());
        JsonNode left = data(call("GET", "/api/bounces", "", "token admin:adm1n-token"));
        assertEquals(1, left.path("results").size());
        assertEquals("hard", left.path("results").get(0).path("type").asText());
        assertEquals(400, call("DELETE", "/api/bounces", "all=true&type=bouncy", "token admin:adm1n-token").getStatusCode());
    }

    @Test
    void mailboxesShowTheirScheduleAndTheirLatestScan() throws Exception {
        JsonNode before = data(call("GET", "/api/mailboxes", "", "token viewer:v1ew"));
        assertEquals("main", before.get(0).path("name").asText());
        assertEquals(15, before.get(0).path("scan_interval_minutes").asInt());
        assertTrue(before.get(0).path("last_scan").isNull());
        services.scanLog().record(new ScanRecord("main", Instant.parse("2026-11-26T08:00:00Z"), "failed",
                "login refused", 0, 0, 0));
        JsonNode scan = data(call("GET", "/api/mailboxes", "", "token viewer:v1ew")).get(0).path("last_scan");
        assertEquals("failed", scan.path("outcome").asText());
        assertEquals("login refused", scan.path("detail").asText());
        assertEquals("2026-11-26T08:00:00Z", scan.path("at").asText());
    }

    private APIGatewayV2HTTPResponse call(String method, String path, String query, String authorization) {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("events/api/find-subscriber-by-email.json");
        event.getRequestContext().getHttp().setMethod(method);
        event.setRawPath(path);
        event.setRawQueryString(query);
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        headers.remove("authorization");
        if (authorization != null) {
            headers.put("authorization", authorization);
        }
        event.setHeaders(headers);
        return handler.handleRequest(Routing.route(event), null);
    }

    private JsonNode data(APIGatewayV2HTTPResponse response) throws Exception {
        assertEquals(200, response.getStatusCode(), response.getBody());
        return json.readTree(response.getBody()).path("data");
    }
}
