package io.stmails.handler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stmails.http.HttpRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The HTTP functions bind their events and write their responses themselves; what they read and
 * what API Gateway gets back must be what the Lambda runtime's serializer gave before.
 */
class HttpApiHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyHttpEventFixtureBindsAsTheLambdaRuntimeBindsIt() throws Exception {
        List<Path> fixtures = httpEventFixtures();
        assertTrue(fixtures.size() >= 20, "HTTP event fixtures found: " + fixtures.size());
        for (Path fixture : fixtures) {
            byte[] json = Files.readAllBytes(fixture);
            APIGatewayV2HTTPEvent runtime = LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class,
                    getClass().getClassLoader()).fromJson(new ByteArrayInputStream(json));
            Echo handler = new Echo(APIGatewayV2HTTPResponse.builder().withStatusCode(200).build());
            handler.handleRequest(new ByteArrayInputStream(json), new ByteArrayOutputStream(), null);
            HttpRequest expected = ApiGatewayHttp.toRequest(runtime);
            HttpRequest actual = ApiGatewayHttp.toRequest(handler.received);
            String name = fixture.getFileName().toString();
            assertEquals(expected.method(), actual.method(), name);
            assertEquals(expected.path(), actual.path(), name);
            assertEquals(expected.headers(), actual.headers(), name);
            assertEquals(expected.rawQuery(), actual.rawQuery(), name);
            assertArrayEquals(expected.body(), actual.body(), name);
            assertEquals(expected.routeKey(), actual.routeKey(), name);
            assertEquals(expected.pathParameters(), actual.pathParameters(), name);
            assertEquals(Invocation.requestId(runtime), Invocation.requestId(handler.received), name);
        }
    }

    @Test
    void theResponseIsWhatTheLambdaRuntimeWouldHaveWritten() throws IOException {
        for (APIGatewayV2HTTPResponse response : List.of(
                ApiGatewayHttp.toResponse(new io.stmails.http.HttpResponse(200,
                        Map.of("Content-Type", "application/json"), "{\"data\":true}")),
                ApiGatewayHttp.toResponse(new io.stmails.http.HttpResponse(400,
                        Map.of("Content-Type", "application/json"), "{\"message\":\"Invalid email: \\\"é\\\"\"}")),
                APIGatewayV2HTTPResponse.builder().withStatusCode(204).withIsBase64Encoded(false).build())) {
            ByteArrayOutputStream ours = new ByteArrayOutputStream();
            new Echo(response).handleRequest(new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)), ours, null);
            ByteArrayOutputStream runtime = new ByteArrayOutputStream();
            LambdaEventSerializers.serializerFor(APIGatewayV2HTTPResponse.class, getClass().getClassLoader())
                    .toJson(response, runtime);
            assertEquals(withoutNulls(JSON.readTree(runtime.toByteArray())), JSON.readTree(ours.toByteArray()),
                    runtime.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void aPayloadThatIsNotAnEventIsRefusedBeforeTheFunctionRuns() {
        Echo handler = new Echo(APIGatewayV2HTTPResponse.builder().withStatusCode(200).build());
        for (String payload : List.of("[]", "\"text\"", "{\"headers\": 3}", "{", "null")) {
            assertThrows(UnreadableEventException.class, () -> handler.handleRequest(
                    new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), null),
                    payload);
            assertEquals(null, handler.received, payload);
        }
    }

    @Test
    void fieldsApiGatewayAddsLaterAreIgnored() throws IOException {
        Echo handler = new Echo(APIGatewayV2HTTPResponse.builder().withStatusCode(200).build());
        String event = "{\"version\":\"2.0\",\"rawPath\":\"/webhooks/bounce\",\"somethingNew\":{\"a\":1},"
                + "\"requestContext\":{\"requestId\":\"r-1\",\"newer\":true,\"http\":{\"method\":\"POST\",\"newest\":[1]}}}";
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), null);
        assertEquals("POST", ApiGatewayHttp.toRequest(handler.received).method());
        assertEquals("r-1", Invocation.requestId(handler.received));
    }

    private static List<Path> httpEventFixtures() throws IOException, URISyntaxException {
        Path events = Path.of(HttpApiHandlerTest.class.getClassLoader().getResource("events").toURI());
        try (Stream<Path> files = Files.walk(events)) {
            return files.filter(file -> file.toString().endsWith(".json")).filter(HttpApiHandlerTest::isHttpEvent).toList();
        }
    }

    private static boolean isHttpEvent(Path file) {
        try {
            JsonNode event = JSON.readTree(file.toFile());
            return event.has("routeKey") && event.path("requestContext").has("http");
        } catch (IOException e) {
            return false;
        }
    }

    /** The runtime's serializer writes unset fields as null; API Gateway reads an absent field the same. */
    private static JsonNode withoutNulls(JsonNode node) {
        if (node instanceof ObjectNode object) {
            ObjectNode copy = JSON.createObjectNode();
            object.fields().forEachRemaining(field -> {
                if (!field.getValue().isNull()) {
                    copy.set(field.getKey(), withoutNulls(field.getValue()));
                }
            });
            return copy;
        }
        return node;
    }

    private static final class Echo extends HttpApiHandler {
        private final APIGatewayV2HTTPResponse response;
        private APIGatewayV2HTTPEvent received;

        Echo(APIGatewayV2HTTPResponse response) {
            super(JSON);
            this.response = response;
        }

        @Override
        public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
            received = event;
            return response;
        }
    }
}
