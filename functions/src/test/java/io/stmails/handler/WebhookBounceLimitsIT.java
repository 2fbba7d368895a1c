package io.stmails.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stmails.config.ApiUser;
import io.stmails.config.Secrets;
import io.stmails.config.Settings;
import io.stmails.domain.Bounce;
import io.stmails.domain.InputLimits;
import io.stmails.domain.Subscriber;
import io.stmails.domain.SubscriberStatus;
import io.stmails.domain.SubscriptionStatus;
import io.stmails.testing.DynamoDbLocal;
import io.stmails.wiring.Components;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code POST /webhooks/bounce} refuses, with a 400 naming the field, every value it would not store exactly. */
class WebhookBounceLimitsIT {
    private static final String SUBSCRIBER_UUID = "0b0c3f0e-9a47-4e38-8e43-0a1f3c1c2d11";
    private final ObjectMapper json = new ObjectMapper();
    private Components services;
    private WebhookBounceHandler handler;

    @BeforeEach
    void start() {
        Secrets secrets = new Secrets(List.of(new ApiUser("hook", "s3cret-token", Set.of("webhooks:post_bounce"))),
                json.createObjectNode());
        services = DynamoDbLocal.services().settings(Settings.parse("{}", json)).secrets(() -> secrets).build();
        handler = new WebhookBounceHandler(services);
        Instant created = Instant.parse("2026-01-01T00:00:00Z");
        services.subscribers().create(new Subscriber(SUBSCRIBER_UUID, "jane.doe@example.com", "Jane",
                SubscriberStatus.ENABLED, Map.of("1", SubscriptionStatus.CONFIRMED), created, created, 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-999999999-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "0000-12-31T23:30:00-01:00",
            "+10000-01-01T00:00:00Z", "9999-12-31T23:59:59-01:00"})
    void timesOutsideYearsOneToNineThousandNineHundredNinetyNineAreRefused(String time) {
        APIGatewayV2HTTPResponse response = post(bounce("\"created_at\": \"" + time + "\""));
        assertRefused(response, "created_at");
    }

    @Test
    void theFirstAndLastAcceptedYearsAreStoredAsSent() {
        assertEquals(200, post(bounce("\"created_at\": \"0001-01-01T00:00:00Z\"")).getStatusCode());
        assertEquals(200, post(bounce("\"created_at\": \"9999-12-31T23:59:59.999Z\"")).getStatusCode());
        List<Instant> stored = services.bounces().listBySubscriber(SUBSCRIBER_UUID).stream().map(Bounce::createdAt).toList();
        assertEquals(List.of(Instant.parse("9999-12-31T23:59:59.999Z"), Instant.parse("0001-01-01T00:00:00Z")), stored);
    }

    @Test
    void aSourceLongerThanTheIndexKeyAllowsIsA400NamingTheLimit() {
        String fits = "s".repeat(InputLimits.MAX_INDEXED_BYTES);
        assertEquals(200, post(bounce("\"source\": \"" + fits + "\"")).getStatusCode());
        APIGatewayV2HTTPResponse response = post(bounce("\"source\": \"" + "s".repeat(1000) + "\""));
        assertEquals(400, response.getStatusCode());
        assertTrue(message(response).contains("source") && message(response).contains(InputLimits.MAX_INDEXED_BYTES + " bytes"),
                message(response));
        assertEquals(1, services.bounces().listBySubscriber(SUBSCRIBER_UUID).size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\\u0001zz", "tab\\there", "line\\nbreak", "del\\u007f", "c1\\u0085"})
    void controlCharactersInASourceAreRefusedNotStripped(String source) {
        assertRefused(post(bounce("\"source\": \"" + source + "\"")), "source");
    }

    @Test
    void aLoneSurrogateAnywhereIsRefusedRatherThanStoredAsAQuestionMark() {
        assertRefused(post(bounce("\"source\": \"a\\ud800b\"")), "lone surrogate");
        assertRefused(post(bounce("\"meta\": {\"note\": \"\\udc00\"}")), "lone surrogate");
        assertRefused(post(bounce("\"meta\": {\"\\ud83d\": 1}")), "surrogate");
        // A pair is one character, and fine.
        assertEquals(200, post(bounce("\"source\": \"smile \\ud83d\\ude00\"")).getStatusCode());
    }

    @Test
    void trailingDataAfterTheBodyIsRefused() {
        assertRefused(post(bounce("") + " {\"type\": \"soft\"}"), "Invalid data");
        assertRefused(post(bounce("") + "garbage"), "Invalid data");
    }

    @Test
    void invalidUtf8IsRefusedRatherThanReplaced() {
        byte[] body = bounce("\"source\": \"XX\"").getBytes(StandardCharsets.UTF_8);
        String text = new String(body, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("XX");
        body[at] = (byte) 0xC3;
        body[at + 1] = (byte) 0x28;
        APIGatewayV2HTTPEvent event = event("");
        event.setBody(Base64.getEncoder().encodeToString(body));
        event.setIsBase64Encoded(true);
        assertRefused(handler.handleRequest(event, null), "UTF-8");
    }

    @Test
    void metaBeyondItsDepthOrSizeIsA400NamingMetaAndTheLimit() {
        int depth = InputLimits.MAX_META_DEPTH;
        assertEquals(200, post(bounce("\"meta\": " + "[".repeat(depth) + "]".repeat(depth))).getStatusCode());
        APIGatewayV2HTTPResponse deep = post(bounce("\"meta\": " + "[".repeat(999) + "]".repeat(999)));
        assertRefused(deep, "meta");
        assertTrue(message(deep).contains(depth + " levels"), message(deep));

        String big = "x".repeat(InputLimits.MAX_META_BYTES);
        APIGatewayV2HTTPResponse large = post(bounce("\"meta\": {\"x\": \"" + big + "\"}"));
        assertRefused(large, "meta");
        assertTrue(message(large).contains(InputLimits.MAX_META_BYTES + " bytes"), message(large));
        assertEquals(1, services.bounces().listBySubscriber(SUBSCRIBER_UUID).size());
    }

    @Test
    void anIdempotencyKeyLongerThanAnIdMayBeIsRefused() {
        APIGatewayV2HTTPEvent event = event(bounce(""));
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        headers.put("idempotency-key", "k".repeat(InputLimits.MAX_ID_BYTES + 1));
        event.setHeaders(headers);
        assertRefused(handler.handleRequest(event, null), "Idempotency-Key");
    }

    private void assertRefused(APIGatewayV2HTTPResponse response, String named) {
        assertEquals(400, response.getStatusCode(), response.getBody());
        assertTrue(message(response).contains(named), message(response));
        assertTrue(services.bounces().listBySubscriber(SUBSCRIBER_UUID).stream()
                .noneMatch(b -> b.source().contains("\u0001") || b.source().contains("?")));
    }

    private static String bounce(String extra) {
        return "{\"email\": \"jane.doe@example.com\", \"type\": \"soft\"" + (extra.isEmpty() ? "" : ", " + extra) + "}";
    }

    private APIGatewayV2HTTPResponse post(String body) {
        return handler.handleRequest(event(body), null);
    }

    private static APIGatewayV2HTTPEvent event(String body) {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("events/webhook/bounce-hard-by-email.json");
        event.setBody(body);
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        headers.remove("idempotency-key");
        event.setHeaders(headers);
        return event;
    }

    private String message(APIGatewayV2HTTPResponse response) {
        try {
            return json.readTree(response.getBody()).path("message").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
