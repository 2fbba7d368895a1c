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
import io.stmails.domain.BounceEvent;
import io.stmails.domain.BounceType;
import io.stmails.testing.DynamoDbLocal;
import io.stmails.testing.Routing;
import io.stmails.wiring.Components;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiHandlerIT {
    private final ObjectMapper json = new ObjectMapper();
    private Components services;
    private ApiHandler handler;

    @BeforeEach
    void setUp() {
        Secrets secrets = new Secrets(List.of(
                new ApiUser("admin", "adm1n-token", Set.of(ApiUser.ALL)),
                new ApiUser("viewer", "v1ew", Set.of("subscribers:get"))), json.createObjectNode());
        services = DynamoDbLocal.services().secrets(() -> secrets).build();
        handler = new ApiHandler(services);
    }

    @Test
    void createsASubscriberInListmonksShape() throws Exception {
        JsonNode created = data(call(fixture("create-subscriber.json")));
        assertEquals("jane.doe@example.com", created.path("email").asText());
        assertEquals("Jane Doe", created.path("name").asText());
        assertEquals("enabled", created.path("status").asText());
        assertEquals(created.path("uuid").asText(), created.path("id").asText());
        assertEquals("3", created.path("lists").get(0).path("id").asText());
        assertEquals("confirmed", created.path("lists").get(0).path("subscription_status").asText());
    }

    @Test
    void aSecondSubscriberWithTheSameEmailIsAConflict() {
        call(fixture("create-subscriber.json"));
        APIGatewayV2HTTPResponse again = call(fixture("create-subscriber.json"));
        assertEquals(409, again.getStatusCode());
        assertTrue(again.getBody().contains("E-mail already exists."));
    }

    @Test
    void getsASubscriberWithItsBounceCountsAndFindsItByEmail() throws Exception {
        String uuid = data(call(fixture("create-subscriber.json"))).path("uuid").asText();
        services.recorder().record(new BounceEvent("jane.doe@example.com", null, null, BounceType.SOFT, "api", null, null, "k1"));
        services.recorder().record(new BounceEvent("jane.doe@example.com", null, null, BounceType.SOFT, "api", null, null, "k2"));
        JsonNode one = data(call(request("GET", "/api/subscribers/" + uuid, "", null)));
        assertEquals(2, one.path("bounces").path("soft").asInt());
        assertEquals(0, one.path("bounces").path("hard").asInt());

        JsonNode page = data(call(fixture("find-subscriber-by-email.json")));
        assertEquals(1, page.path("total").asInt());
        assertEquals(uuid, page.path("results").get(0).path("uuid").asText());
        assertEquals(0, data(call(request("GET", "/api/subscribers", "email=nobody%40example.com", null))).path("total").asInt());
    }

    @Test
    void deletingASubscriberRemovesItsBounces() throws Exception {
        String uuid = data(call(fixture("create-subscriber.json"))).path("uuid").asText();
        services.recorder().record(new BounceEvent(null, uuid, null, BounceType.HARD, "api", null, null, "k"));
        assertEquals(200, call(request("DELETE", "/api/subscribers/" + uuid, "", null)).getStatusCode());
        assertEquals(0, services.bounces().listBySubscriber(uuid).size());
        assertEquals(404, call(request("GET", "/api/subscribers/" + uuid, "", null)).getStatusCode());
        assertEquals(404, call(request("DELETE", "/api/subscribers/" + uuid, "", null)).getStatusCode());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "{\"email\": \"not an email\"}|400|Invalid email.",
        "{\"email\": \"a@example.com\", \"status\": \"sleeping\"}|400|Invalid status",
        "{\"email\": \"a@example.com\", \"lists\": \"3\"}|400|Invalid lists",
        "{\"email\": \"a@example.com\", \"lists\": [{}]}|400|Invalid lists",
        "nope|400|Invalid JSON"})
    void invalidSubscribersAreRefusedAndNothingIsCreated(String body, int status, String message) {
        APIGatewayV2HTTPResponse response = call(request("POST", "/api/subscribers", "", body));
        assertEquals(status, response.getStatusCode());
        assertTrue(response.getBody().contains(message), response.getBody());
        assertTrue(services.subscribers().findByEmail("a@example.com").isEmpty());
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "GET|/api/subscribers/not-a-uuid||404",
        "GET|/api/subscribers||400",
        "PATCH|/api/subscribers||405",
        "GET|/api/nothing-here||404"})
    void unknownThingsAndWrongMethodsAreClientErrors(String method, String path, String query, int status) {
        assertEquals(status, call(request(method, path, query == null ? "" : query, null)).getStatusCode());
    }

    @Test
    void aMethodThePathDoesNotServeIsA405NamingItAndTheMethodsItDoes() {
        APIGatewayV2HTTPEvent patch = request("PATCH", "/api/subscribers", "", null);
        assertEquals("ANY /api/subscribers", patch.getRouteKey());
        APIGatewayV2HTTPResponse response = call(patch);
        assertEquals(405, response.getStatusCode());
        assertTrue(response.getBody().contains("Method PATCH is not allowed on /api/subscribers."), response.getBody());
        assertEquals("POST, GET", response.getHeaders().get("allow"));
        assertEquals("GET, DELETE", call(request("PUT", "/api/bounces/01ARZ3NDEKTSV4RRFFQ69G5FAV", "", null)).getHeaders().get("allow"));
    }

    @Test
    void permissionsAreCheckedPerRoute() {
        APIGatewayV2HTTPEvent create = fixture("create-subscriber.json");
        withAuthorization(create, "token viewer:v1ew");
        APIGatewayV2HTTPResponse refused = call(create);
        assertEquals(403, refused.getStatusCode());
        assertTrue(refused.getBody().contains("permission denied: subscribers:manage"));
        APIGatewayV2HTTPEvent find = fixture("find-subscriber-by-email.json");
        withAuthorization(find, "token viewer:v1ew");
        assertEquals(200, call(find).getStatusCode());
        withAuthorization(find, "token viewer:wrong");
        assertEquals(401, call(find).getStatusCode());
    }

    private APIGatewayV2HTTPResponse call(APIGatewayV2HTTPEvent event) {
        return handler.handleRequest(event, null);
    }

    private JsonNode data(APIGatewayV2HTTPResponse response) throws Exception {
        assertEquals(200, response.getStatusCode(), response.getBody());
        return json.readTree(response.getBody()).path("data");
    }

    private static APIGatewayV2HTTPEvent fixture(String name) {
        return EventLoader.loadApiGatewayHttpEvent("events/api/" + name);
    }

    private static APIGatewayV2HTTPEvent request(String method, String path, String query, String body) {
        APIGatewayV2HTTPEvent event = fixture("find-subscriber-by-email.json");
        event.getRequestContext().getHttp().setMethod(method);
        event.setRawPath(path);
        event.setRawQueryString(query);
        event.setBody(body);
        return Routing.route(event);
    }

    private static void withAuthorization(APIGatewayV2HTTPEvent event, String authorization) {
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        headers.put("authorization", authorization);
        event.setHeaders(headers);
    }
}
