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

    private HttpResponse<String> invoke(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(INVOKE)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
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
