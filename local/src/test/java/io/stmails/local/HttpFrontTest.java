package io.stmails.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP front on its own, with a stand-in for the functions: error answers and the invoke path's rules. */
class HttpFrontTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INVOKE = "/2015-03-31/functions/ses-events/invocations";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> invoked = new CopyOnWriteArrayList<>();
    private volatile HttpFront.Invoker behaviour = (function, event) -> "{\"statusCode\":200,\"body\":\"ok\"}";
    private HttpFront front;

    @BeforeEach
    void start() throws Exception {
        front = new HttpFront(0, (function, event) -> {
            invoked.add(function.functionName());
            return behaviour.invoke(function, event);
        }, JSON);
        front.start();
    }

    @AfterEach
    void stop() {
        front.close();
    }

    @Test
    void anUnexpectedFailureIsAnswered500WithAMessage() throws Exception {
        behaviour = (function, event) -> {
            throw new IllegalStateException("boom");
        };
        HttpResponse<String> failed = get("/api/bounces");
        assertEquals(500, failed.statusCode());
        assertEquals("Internal Server Error", JSON.readTree(failed.body()).path("message").asText());
        assertEquals(List.of("api"), invoked);

        behaviour = (function, event) -> "not json";
        assertEquals(500, get("/api/bounces").statusCode());
    }

    @Test
    void theInvokePathRefusesRequestsFromWebPages() throws Exception {
        HttpResponse<String> fromPage = http.send(HttpRequest.newBuilder(uri(INVOKE))
                .header("Origin", "http://evil.example").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, fromPage.statusCode());
        assertEquals("AccessDeniedException", fromPage.headers().firstValue("x-amzn-errortype").orElse(""));
        assertTrue(JSON.readTree(fromPage.body()).path("message").asText().contains("Origin"), fromPage.body());

        HttpResponse<String> fetchMetadata = http.send(HttpRequest.newBuilder(uri(INVOKE)).header("Sec-Fetch-Site", "cross-site")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, fetchMetadata.statusCode());

        assertEquals(403, statusWithHost("evil.example:" + front.port()));
        assertEquals(403, statusWithHost("127.0.0.1:" + (front.port() + 1)));
        assertEquals(403, statusWithHost("127.0.0.1.evil.example:" + front.port()));
        assertEquals(List.of(), invoked, "a refused request must not reach the function");

        assertEquals(200, statusWithHost("127.0.0.1:" + front.port()));
        assertEquals(200, statusWithHost("localhost:" + front.port()));
    }

    @Test
    void malformedEventsAreInvalidRequestContent() throws Exception {
        for (String body : List.of("", "{", "{\"a\": 1} trailing", "\u0000")) {
            HttpResponse<String> response = invoke(body);
            assertEquals(400, response.statusCode(), body);
            assertEquals("InvalidRequestContentException", response.headers().firstValue("x-amzn-errortype").orElse(""));
            JsonNode error = JSON.readTree(response.body());
            assertEquals("User", error.path("Type").asText());
            assertTrue(error.path("message").asText().startsWith("Could not parse request body into json"), response.body());
        }
        assertEquals(List.of(), invoked);

        behaviour = (function, event) -> {
            throw new LocalFunctions.InvalidEventException("the event is not a valid input for ses-events: bad", null);
        };
        HttpResponse<String> wrongShape = invoke("{\"detail\": 7}");
        assertEquals(400, wrongShape.statusCode());
        assertEquals("InvalidRequestContentException", wrongShape.headers().firstValue("x-amzn-errortype").orElse(""));
    }

    @Test
    void aFunctionThatFailsIsAFunctionErrorAsInLambda() throws Exception {
        behaviour = (function, event) -> {
            throw new IllegalArgumentException("no such thing");
        };
        HttpResponse<String> response = invoke("{}");
        assertEquals(200, response.statusCode());
        assertEquals("Unhandled", response.headers().firstValue("x-amz-function-error").orElse(""));
        assertEquals("no such thing", JSON.readTree(response.body()).path("errorMessage").asText());
    }

    @Test
    void aBodyThatIsNotUtf8ReachesTheFunctionAsBase64AndAMalformedQueryAsItsRawText() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        behaviour = (function, event) -> {
            events.add(event);
            return "{\"statusCode\":200,\"body\":\"ok\"}";
        };
        byte[] invalid = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        HttpResponse<String> posted = http.send(HttpRequest.newBuilder(uri("/webhooks/bounce"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(invalid)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, posted.statusCode());
        JsonNode event = JSON.readTree(events.get(0));
        assertTrue(event.path("isBase64Encoded").asBoolean(), events.get(0));
        assertEquals(java.util.Arrays.toString(invalid),
                java.util.Arrays.toString(java.util.Base64.getDecoder().decode(event.path("body").asText())));

        assertEquals(200, rawGetStatus("/api/bounces?source=%zz&type=hard"));
        JsonNode query = JSON.readTree(events.get(1));
        assertEquals("source=%zz&type=hard", query.path("rawQueryString").asText());
        assertEquals("hard", query.path("queryStringParameters").path("type").asText());
    }

    @Test
    void theEventCarriesTheRouteKeyAndPathParametersOfTheMostSpecificRoute() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        behaviour = (function, event) -> {
            events.add(event);
            return "{\"statusCode\":200,\"body\":\"ok\"}";
        };
        get("/api/bounces/stats");
        get("/api/subscribers/6f1c4e9a-2b3d-4c5e-8f70-112233445566/bounces");
        http.send(HttpRequest.newBuilder(uri("/api/bounces/7")).method("PATCH", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        List<JsonNode> sent = events.stream().map(HttpFrontTest::tree).toList();
        assertEquals(List.of("GET /api/bounces/stats", "GET /api/subscribers/{uuid}/bounces", "ANY /api/bounces/{id}"),
                sent.stream().map(e -> e.path("routeKey").asText()).toList());
        assertEquals(sent.get(1).path("routeKey"), sent.get(1).path("requestContext").path("routeKey"));
        assertTrue(sent.get(0).path("pathParameters").isMissingNode(), "no path parameters: none sent, as API Gateway does");
        assertEquals("6f1c4e9a-2b3d-4c5e-8f70-112233445566", sent.get(1).path("pathParameters").path("uuid").asText());
        assertEquals("7", sent.get(2).path("pathParameters").path("id").asText());

        assertEquals(404, get("/api/nothing-here").statusCode());
        assertEquals(404, get("/api/bounces/").statusCode(), "a trailing slash is another path, as in API Gateway");
        assertEquals(3, events.size(), "API Gateway answers unknown paths itself");
    }

    @Test
    void headIsAnsweredLikeGetWithoutABody() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        behaviour = (function, event) -> {
            events.add(event);
            return "{\"statusCode\":200,\"headers\":{\"content-type\":\"text/html\"},\"body\":\"<html>console</html>\"}";
        };
        HttpResponse<String> head = http.send(HttpRequest.newBuilder(uri("/console/")).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
        assertEquals("text/html", head.headers().firstValue("content-type").orElse(""));
        assertEquals(Long.toString("<html>console</html>".length()), head.headers().firstValue("content-length").orElse(""));
        JsonNode event = tree(events.get(0));
        assertEquals("GET /console/{proxy+}", event.path("routeKey").asText());
        assertEquals("HEAD", event.path("requestContext").path("http").path("method").asText());
        assertEquals("<html>console</html>", get("/console/").body());
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private HttpResponse<String> invoke(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(INVOKE)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** HttpClient will not send a malformed URL: a raw request does. */
    private int rawGetStatus(String pathAndQuery) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", front.port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1:" + front.port()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String statusLine = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(statusLine.substring(9, 12));
        }
    }

    /** HttpClient will not send a Host of our choosing: a raw request does. */
    private int statusWithHost(String host) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", front.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + INVOKE + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 2\r\nConnection: close\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(statusLine.substring(9, 12));
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + front.port() + path);
    }
}
