package io.stmails.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stmails.config.ApiUser;
import io.stmails.config.Secrets;
import io.stmails.config.Settings;
import io.stmails.domain.Bounce;
import io.stmails.domain.BounceType;
import io.stmails.domain.Subscriber;
import io.stmails.domain.SubscriberStatus;
import io.stmails.domain.SubscriptionStatus;
import io.stmails.store.dynamodb.Tables;
import io.stmails.testing.DynamoDbLocal;
import io.stmails.wiring.Components;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class WebhookBounceHandlerIT {
    private static final String SUBSCRIBER_UUID = "0b0c3f0e-9a47-4e38-8e43-0a1f3c1c2d11";
    private final ObjectMapper json = new ObjectMapper();
    private Components services;
    private WebhookBounceHandler handler;

    private void start(String settings) {
        Secrets secrets = new Secrets(List.of(
                new ApiUser("hook", "s3cret-token", Set.of("webhooks:post_bounce")),
                new ApiUser("reader", "r3ad", Set.of("bounces:get"))), json.createObjectNode());
        services = DynamoDbLocal.services().settings(Settings.parse(settings, json)).secrets(() -> secrets).build();
        handler = new WebhookBounceHandler(services);
        Instant created = Instant.parse("2026-01-01T00:00:00Z");
        services.subscribers().create(new Subscriber(SUBSCRIBER_UUID, "jane.doe@example.com", "Jane",
                SubscriberStatus.ENABLED, Map.of("1", SubscriptionStatus.CONFIRMED), created, created, 1));
    }

    @ParameterizedTest
    @Event(value = "events/webhook/bounce-hard-by-email.json", type = APIGatewayV2HTTPEvent.class)
    void recordsAHardBounceWithEverythingListmonkSends(APIGatewayV2HTTPEvent event) throws Exception {
        start("{}");
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
        assertEquals(200, response.getStatusCode());
        assertEquals("{\"data\":true}", response.getBody());
        List<Bounce> bounces = services.bounces().listBySubscriber(SUBSCRIBER_UUID);
        assertEquals(1, bounces.size());
        Bounce bounce = bounces.get(0);
        assertEquals(BounceType.HARD, bounce.type());
        assertEquals("postfix-relay", bounce.source());
        assertEquals("6f2b7c1e-2d3a-4b5c-9d8e-7f6a5b4c3d2e", bounce.campaignUuid());
        assertEquals(Instant.parse("2026-11-22T10:15:00Z"), bounce.createdAt());
        // listmonk stores an escaped JSON string as a JSON string, not as an object.
        assertEquals("\"{\\\"diagnostic\\\": \\\"550 5.1.1 user unknown\\\"}\"", bounce.metaJson());
    }

    @ParameterizedTest
    @Event(value = "events/webhook/bounce-soft-by-uuid.json", type = APIGatewayV2HTTPEvent.class)
    void recordsBySubscriberUuidWithObjectMetaAndDefaultTime(APIGatewayV2HTTPEvent event) throws Exception {
        start("{}");
        assertEquals(200, handler.handleRequest(event, null).getStatusCode());
        Bounce bounce = services.bounces().listBySubscriber(SUBSCRIBER_UUID).get(0);
        assertEquals(BounceType.SOFT, bounce.type());
        assertEquals("{\"smtp\":\"452 4.2.2 mailbox full\"}", bounce.metaJson());
        assertTrue(bounce.createdAt().isAfter(Instant.now().minusSeconds(60)));
    }

    @ParameterizedTest
    @Event(value = "events/webhook/complaint-base64-body.json", type = APIGatewayV2HTTPEvent.class)
    void decodesABase64Body(APIGatewayV2HTTPEvent event) {
        start("{}");
        assertEquals(200, handler.handleRequest(event, null).getStatusCode());
        assertEquals(BounceType.COMPLAINT, services.bounces().listBySubscriber(SUBSCRIBER_UUID).get(0).type());
    }

    @Test
    void theSameIdempotencyKeyRecordsOnceAndRequestsWithoutOneRecordEachTime() {
        start("{}");
        APIGatewayV2HTTPEvent keyed = fixture("bounce-hard-by-email.json");
        assertEquals(200, handler.handleRequest(keyed, null).getStatusCode());
        assertEquals(200, handler.handleRequest(keyed, null).getStatusCode());
        assertEquals(1, services.bounces().listBySubscriber(SUBSCRIBER_UUID).size());

        APIGatewayV2HTTPEvent unkeyed = fixture("bounce-soft-by-uuid.json");
        handler.handleRequest(unkeyed, null);
        handler.handleRequest(unkeyed, null);
        assertEquals(3, services.bounces().listBySubscriber(SUBSCRIBER_UUID).size());
    }

    @Test
    void keysMatchCaseInsensitivelyAndUnknownKeysAreIgnored() {
        start("{}");
        APIGatewayV2HTTPResponse response = post("{\"EMAIL\": \"jane.doe@example.com\", \"Type\": \"soft\", \"id\": 7, \"extra\": [1]}");
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals(1, services.bounces().listBySubscriber(SUBSCRIBER_UUID).size());
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', value = {
        "not json|400|Invalid data:",
        "[1, 2]|400|Invalid data:the body must be a JSON object",
        "{\"email\": \"jane.doe@example.com\", \"type\": \"hard\", \"meta\": {oops}}|400|Invalid data:",
        "{\"email\": \"jane.doe@example.com\", \"type\": \"hard\", \"created_at\": \"yesterday\"}|400|Invalid data:created_at \"yesterday\" is not an RFC 3339 timestamp",
        "{\"email\": \"jane.doe@example.com\", \"type\": 1}|400|Invalid data:field type must be a string",
        "{\"type\": \"hard\"}|400|Invalid fields: email / subscriber_uuid",
        "{\"email\": \"\", \"subscriber_uuid\": \"\", \"type\": \"hard\"}|400|Invalid fields: email / subscriber_uuid",
        "{\"subscriber_uuid\": \"not-a-uuid\", \"type\": \"hard\"}|400|Invalid fields: subscriber_uuid",
        "{\"subscriber_uuid\": \"0b0c3f0e-9a47-4e38-8e43-0a1f3c1c2d11\", \"email\": \"bad\", \"type\": \"hard\"}|400|Invalid email.",
        "{\"email\": \"Jane <jane.doe@example.com>\", \"type\": \"hard\"}|400|Invalid email.",
        "{\"email\": \"x@blocked.example\", \"type\": \"hard\"}|400|The e-mail domain is blocklisted.",
        "{\"email\": \"jane.doe@example.com\", \"type\": \"Hard\"}|400|Invalid fields: type",
        "{\"email\": \"jane.doe@example.com\"}|400|Invalid fields: type",
        "{\"email\": \"jane.doe@example.com\", \"type\": \"hard\", \"campaign_uuid\": \"42\"}|400|Invalid fields: campaign_uuid"})
    void badInputIsRefusedWithListmonksMessageAndChangesNothing(String body, int status, String message) {
        start("{\"domain_blocklist\": [\"blocked.example\"]}");
        APIGatewayV2HTTPResponse response = post(body);
        assertEquals(status, response.getStatusCode(), response.getBody());
        assertTrue(message(response).startsWith(message), message(response));
        assertNothingRecorded();
    }

    @Test
    void validationRunsInListmonksOrder() {
        start("{}");
        // Both a bad UUID and a bad type: the UUID is reported first.
        assertEquals("Invalid fields: subscriber_uuid", message(post("{\"subscriber_uuid\": \"x\", \"type\": \"x\"}")));
        // A bad e-mail is reported before a bad type, even next to a valid UUID.
        assertEquals("Invalid email.", message(post(
                "{\"subscriber_uuid\": \"" + SUBSCRIBER_UUID + "\", \"email\": \"x\", \"type\": \"x\"}")));
    }

    @Test
    void oversizedBodiesAreRefusedBeforeParsing() {
        start("{}");
        String padding = "x".repeat(256 * 1024);
        APIGatewayV2HTTPResponse response = post("{\"email\": \"jane.doe@example.com\", \"type\": \"hard\", \"meta\": \"" + padding + "\"}");
        assertEquals(413, response.getStatusCode());
        assertNothingRecorded();
    }

    @Test
    void unknownSubscriberIsCreatedUnderPolicyCreate() {
        start("{}");
        assertEquals(200, post("{\"email\": \"new.person@example.net\", \"type\": \"soft\"}").getStatusCode());
        Subscriber created = services.subscribers().findByEmail("new.person@example.net").orElseThrow();
        assertEquals(SubscriberStatus.ENABLED, created.status());
        assertEquals(1, services.bounces().listBySubscriber(created.uuid()).size());
    }

    @Test
    void unknownSubscriberIsA404UnderPolicyIgnore() {
        start("{\"unknown_subscriber\": \"ignore\"}");
        APIGatewayV2HTTPResponse response = post("{\"email\": \"stranger@example.net\", \"type\": \"hard\"}");
        assertEquals(404, response.getStatusCode());
        assertEquals("Subscriber not found.", message(response));
        assertEquals(Optional.empty(), services.subscribers().findByEmail("stranger@example.net"));
    }

    @Test
    void unknownUuidWithoutEmailIsA404EvenUnderPolicyCreate() {
        start("{}");
        assertEquals(404, post("{\"subscriber_uuid\": \"11111111-2222-3333-4444-555555555555\", \"type\": \"hard\"}")
                .getStatusCode());
    }

    @Test
    void disabledProcessingAnswers503AndDisabledWebhooks404() {
        start("{\"enabled\": false}");
        assertEquals(503, post("{\"email\": \"jane.doe@example.com\", \"type\": \"hard\"}").getStatusCode());
        assertNothingRecorded();
        start("{\"webhooks_enabled\": false}");
        assertEquals(404, post("{\"email\": \"jane.doe@example.com\", \"type\": \"hard\"}").getStatusCode());
        assertNothingRecorded();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "|401",
        "token hook:wrong|401",
        "Digest abc|401",
        "token reader:r3ad|403"})
    void authFailuresRecordNothing(String authorization, int status) {
        start("{}");
        APIGatewayV2HTTPEvent event = fixture("bounce-hard-by-email.json");
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        headers.remove("authorization");
        if (authorization != null) {
            headers.put("authorization", authorization);
        }
        event.setHeaders(headers);
        assertEquals(status, handler.handleRequest(event, null).getStatusCode());
        assertNothingRecorded();
    }

    @Test
    void aStorageFailureIsA500SoTheCallerRetries() {
        Secrets secrets = new Secrets(List.of(new ApiUser("hook", "s3cret-token", Set.of("webhooks:post_bounce"))),
                json.createObjectNode());
        Components unreachable = Components.builder()
                .dynamo(DynamoDbLocal.clientFor("http://127.0.0.1:1"))
                .tables(Tables.withPrefix("none-"))
                .secrets(() -> secrets)
                .build();
        APIGatewayV2HTTPResponse response = new WebhookBounceHandler(unreachable)
                .handleRequest(fixture("bounce-hard-by-email.json"), null);
        assertEquals(500, response.getStatusCode());
        assertEquals("Error recording bounce; please retry.", message(response));
    }

    private APIGatewayV2HTTPResponse post(String body) {
        APIGatewayV2HTTPEvent event = fixture("bounce-hard-by-email.json");
        event.setBody(body);
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        headers.remove("idempotency-key");
        event.setHeaders(headers);
        return handler.handleRequest(event, null);
    }

    private static APIGatewayV2HTTPEvent fixture(String name) {
        return EventLoader.loadApiGatewayHttpEvent("events/webhook/" + name);
    }

    private String message(APIGatewayV2HTTPResponse response) {
        try {
            return json.readTree(response.getBody()).path("message").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void assertNothingRecorded() {
        assertEquals(0, services.bounces().listBySubscriber(SUBSCRIBER_UUID).size());
        assertEquals(Optional.empty(), services.subscribers().findByEmail("x@blocked.example"));
    }
}
