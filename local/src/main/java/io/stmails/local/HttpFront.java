package io.stmails.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stmails.catalog.FunctionCatalog;
import io.stmails.domain.StrictUtf8;
import io.stmails.http.QueryString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local stand-in for API Gateway and the Lambda Invoke API, on 127.0.0.1 only. Each HTTP
 * request becomes the API Gateway payload v2 event the function gets in AWS;
 * {@code POST /2015-03-31/functions/{name}/invocations} passes a raw event to any function.
 *
 * <p>Jetty reads request lines, headers and bodies without holding a thread, so clients that stall
 * hold only their connection, which the idle timeout closes; a function runs on one of
 * {@link Limits#workers()} threads only once its request has arrived whole.
 */
final class HttpFront implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpFront.class);
    private static final Pattern INVOKE = Pattern.compile("^/2015-03-31/functions/([^/]+)/invocations/?$");
    /** API Gateway HTTP APIs accept at most 10 MB. */
    static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
    /** The Invoke API's limit for a synchronous payload (RequestTooLargeException beyond it). */
    static final int MAX_INVOKE_PAYLOAD_BYTES = 6 * 1024 * 1024;
    private static final String JSON = "application/json";
    /** Headers only a browser sends: a page may POST here, but a page is never a legitimate caller. */
    private static final Set<String> BROWSER_ONLY_HEADERS = Set.of("origin", "sec-fetch-site", "sec-fetch-mode");

    /**
     * @param idleTimeout  a connection that sends or accepts nothing for this long is closed (stalled headers or body)
     * @param maxHeaderBytes request line plus headers; a longer line is answered 414, longer headers 431
     * @param workers      threads that run functions
     */
    record Limits(Duration idleTimeout, int maxHeaderBytes, int workers) {
        static final Limits DEFAULTS = new Limits(Duration.ofSeconds(10), 64 * 1024, 8);
    }

    /** Runs a function on a raw event: {@link LocalFunctions#invoke}. */
    @FunctionalInterface
    interface Invoker {
        String invoke(FunctionCatalog function, String eventJson);
    }

    private record Reply(int status, Map<String, String> headers, byte[] body) {
        static Reply json(int status, String body) {
            return new Reply(status, Map.of("content-type", JSON), body.getBytes(StandardCharsets.UTF_8));
        }
    }

    private final Server server;
    private final ServerConnector connector;
    private final ExecutorService workers;
    private final Invoker functions;
    private final ObjectMapper json;
    private final ObjectReader strictJson;

    HttpFront(int port, Invoker functions, ObjectMapper json) {
        this(port, functions, json, Limits.DEFAULTS);
    }

    HttpFront(int port, Invoker functions, ObjectMapper json, Limits limits) {
        this.functions = functions;
        this.json = json;
        this.strictJson = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.workers = Executors.newFixedThreadPool(limits.workers(), runnable -> {
            Thread thread = new Thread(runnable, "function");
            thread.setDaemon(true);
            return thread;
        });
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("http");
        this.server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(limits.maxHeaderBytes());
        http.setSendServerVersion(false);
        this.connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        server.addConnector(connector);
        server.setHandler(new GracefulHandler(new Front()));
        server.setErrorHandler(HttpFront::jettyError);
        server.setStopTimeout(2000);
    }

    void start() throws IOException {
        try {
            server.start();
        } catch (Exception e) {
            throw new IOException("cannot serve HTTP on 127.0.0.1:" + connector.getPort(), e);
        }
    }

    int port() {
        return connector.getLocalPort();
    }

    private final class Front extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            if (request.getLength() > MAX_BODY_BYTES) {
                write(response, callback, Reply.json(413, "{\"message\":\"Request Entity Too Large\"}"));
                return true;
            }
            new BodyReader(request, response, callback).run();
            return true;
        }
    }

    /**
     * Reads the body as Jetty delivers it, without holding a thread while waiting; once whole, the
     * request goes to a worker. A read that fails (the idle timeout) is answered 408 and the
     * connection closed.
     */
    private final class BodyReader implements Runnable {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();

        BodyReader(Request request, Response response, Callback callback) {
            this.request = request;
            this.response = response;
            this.callback = callback;
        }

        @Override
        public void run() {
            while (true) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    request.demand(this);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    LOG.debug("request body not received", chunk.getFailure());
                    reply(new Reply(408, Map.of("content-type", JSON, "connection", "close"),
                            "{\"message\":\"Request Timeout\"}".getBytes(StandardCharsets.UTF_8)));
                    return;
                }
                ByteBuffer bytes = chunk.getByteBuffer();
                boolean tooLarge = body.size() + bytes.remaining() > MAX_BODY_BYTES;
                if (!tooLarge) {
                    byte[] copy = new byte[bytes.remaining()];
                    bytes.get(copy);
                    body.writeBytes(copy);
                }
                boolean last = chunk.isLast();
                chunk.release();
                if (tooLarge) {
                    reply(new Reply(413, Map.of("content-type", JSON, "connection", "close"),
                            "{\"message\":\"Request Entity Too Large\"}".getBytes(StandardCharsets.UTF_8)));
                    return;
                }
                if (last) {
                    onWorker(() -> write(response, callback, serve(request, body.toByteArray())));
                    return;
                }
            }
        }

        /** Off Jetty's read path: completing the exchange inside it re-enters Jetty. */
        private void reply(Reply reply) {
            onWorker(() -> write(response, callback, reply));
        }

        private void onWorker(Runnable work) {
            try {
                workers.execute(work);
            } catch (RejectedExecutionException stopping) {
                callback.failed(stopping);
            }
        }
    }

    /** Computes the whole reply before anything is written, so an unexpected failure can still be answered 500. */
    private Reply serve(Request request, byte[] body) {
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        String path = request.getHttpURI().getPath();
        try {
            Matcher invoke = INVOKE.matcher(path);
            if (invoke.matches()) {
                return invokeRaw(request, method, invoke.group(1), body);
            }
            // HEAD is served by the GET route, like GET without a body (write leaves the body out).
            Optional<FunctionCatalog.RouteMatch> route = FunctionCatalog.route(method.equals("HEAD") ? "GET" : method, path);
            if (route.isEmpty()) {
                return Reply.json(404, "{\"message\":\"Not Found\"}");
            }
            String result = functions.invoke(route.get().function(), apiGatewayEvent(request, method, route.get(), body));
            return apiGatewayReply(json.readTree(result));
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.error("{} {} failed", method, path, e);
            return Reply.json(500, "{\"message\":\"Internal Server Error\"}");
        }
    }

    /**
     * The Invoke API: 403 for a browser (any {@code Origin}, or a {@code Host} other than this
     * loopback address and port), 400 {@code InvalidRequestContentException} for a body that is not
     * JSON or not the function's event type, 200 with {@code X-Amz-Function-Error} when the function fails.
     */
    private Reply invokeRaw(Request request, String method, String name, byte[] body) {
        Optional<String> browser = browserOriginated(request);
        if (browser.isPresent()) {
            return lambdaError(403, "AccessDeniedException", browser.get());
        }
        if (!method.equals("POST")) {
            return lambdaError(405, "MethodNotAllowedException", "Use POST to invoke a function.");
        }
        Optional<FunctionCatalog> function = FunctionCatalog.byName(name);
        if (function.isEmpty()) {
            return lambdaError(404, "ResourceNotFoundException", "Function not found: " + name);
        }
        if (body.length > MAX_INVOKE_PAYLOAD_BYTES) {
            return lambdaError(413, "RequestTooLargeException",
                    "Request must be smaller than " + MAX_INVOKE_PAYLOAD_BYTES + " bytes for the InvokeFunction operation");
        }
        Optional<String> notJson = notJson(body);
        if (notJson.isPresent()) {
            return lambdaError(400, "InvalidRequestContentException", "Could not parse request body into json: " + notJson.get());
        }
        try {
            return Reply.json(200, functions.invoke(function.get(), new String(body, StandardCharsets.UTF_8)));
        } catch (LocalFunctions.InvalidEventException e) {
            return lambdaError(400, "InvalidRequestContentException", e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("function {} failed", name, e);
            ObjectNode error = json.createObjectNode()
                    .put("errorMessage", String.valueOf(e.getMessage()))
                    .put("errorType", e.getClass().getName());
            return new Reply(200, Map.of("content-type", JSON, "x-amz-function-error", "Unhandled"),
                    error.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    private Optional<String> browserOriginated(Request request) {
        for (HttpField header : request.getHeaders()) {
            if (BROWSER_ONLY_HEADERS.contains(header.getLowerCaseName())) {
                return Optional.of("The invoke API refuses requests from web pages (" + header.getName() + " header).");
            }
        }
        String host = Optional.ofNullable(request.getHeaders().get(HttpHeader.HOST)).orElse("").toLowerCase(Locale.ROOT);
        if (!host.equals("127.0.0.1:" + port()) && !host.equals("localhost:" + port())) {
            return Optional.of("The invoke API answers only Host 127.0.0.1:" + port() + " or localhost:" + port() + ".");
        }
        return Optional.empty();
    }

    private Optional<String> notJson(byte[] body) {
        try {
            JsonNode event = strictJson.readTree(body);
            return event == null || event.isMissingNode() ? Optional.of("the body is empty") : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.of(e.getOriginalMessage());
        } catch (IOException e) {
            return Optional.of(String.valueOf(e.getMessage()));
        }
    }

    private Reply lambdaError(int status, String type, String message) {
        ObjectNode error = json.createObjectNode().put("Type", "User").put("message", message);
        return new Reply(status, Map.of("content-type", JSON, "x-amzn-errortype", type),
                error.toString().getBytes(StandardCharsets.UTF_8));
    }

    private String apiGatewayEvent(Request request, String method, FunctionCatalog.RouteMatch route, byte[] body) {
        String path = request.getHttpURI().getPath();
        String rawQuery = Optional.ofNullable(request.getHttpURI().getQuery()).orElse("");
        Map<String, String> headers = new LinkedHashMap<>();
        for (HttpField header : request.getHeaders()) {
            headers.merge(header.getLowerCaseName(), header.getValue(), (a, b) -> a + "," + b);
        }
        Instant now = Instant.now();
        ObjectNode event = json.createObjectNode();
        event.put("version", "2.0");
        String routeKey = route.route().key();
        event.put("routeKey", routeKey);
        event.put("rawPath", path);
        event.put("rawQueryString", rawQuery);
        ObjectNode headerNode = event.putObject("headers");
        headers.forEach(headerNode::put);
        if (!rawQuery.isEmpty()) {
            event.set("queryStringParameters", json.valueToTree(queryParameters(rawQuery)));
        }
        if (!route.pathParameters().isEmpty()) {
            event.set("pathParameters", json.valueToTree(route.pathParameters()));
        }
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", "000000000000");
        context.put("apiId", "local");
        context.put("domainName", "127.0.0.1");
        context.put("domainPrefix", "local");
        context.putObject("http")
                .put("method", method)
                .put("path", path)
                .put("protocol", request.getConnectionMetaData().getProtocol())
                .put("sourceIp", sourceIp(request.getConnectionMetaData().getRemoteSocketAddress()))
                .put("userAgent", headers.getOrDefault("user-agent", ""));
        context.put("requestId", UUID.randomUUID().toString());
        context.put("routeKey", routeKey);
        context.put("stage", "$default");
        context.put("time", now.toString());
        context.put("timeEpoch", now.toEpochMilli());
        if (body.length > 0) {
            // As text only what is text: invalid UTF-8 travels as base64, so the function refuses it (400)
            // instead of seeing replacement characters.
            boolean text = isText(headers.get("content-type")) && StrictUtf8.decode(body).isPresent();
            event.put("body", text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body));
            event.put("isBase64Encoded", !text);
        } else {
            event.put("isBase64Encoded", false);
        }
        return event.toString();
    }

    private static String sourceIp(SocketAddress address) {
        return address instanceof InetSocketAddress inet ? inet.getAddress().getHostAddress() : "127.0.0.1";
    }

    /**
     * API Gateway joins repeated parameters with commas in {@code queryStringParameters}. The functions
     * read {@code rawQueryString} strictly; a pair that does not decode is left out here, not fatal.
     */
    private static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        QueryString.parseSkippingMalformed(rawQuery).forEach(pair -> parameters.merge(pair.getKey(), pair.getValue(), (a, b) -> a + "," + b));
        return parameters;
    }

    private static boolean isText(String contentType) {
        if (contentType == null) {
            return true;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.contains("json") || type.contains("xml")
                || type.startsWith("application/x-www-form-urlencoded");
    }

    private static Reply apiGatewayReply(JsonNode response) {
        int status = response.path("statusCode").asInt(200);
        Map<String, String> headers = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = response.path("headers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> header = it.next();
            headers.put(header.getKey(), header.getValue().asText());
        }
        String body = response.path("body").isNull() ? "" : response.path("body").asText("");
        byte[] bytes = response.path("isBase64Encoded").asBoolean(false)
                ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
        return new Reply(status, headers, bytes);
    }

    private static void write(Response response, Callback callback, Reply reply) {
        response.setStatus(reply.status());
        reply.headers().forEach((name, value) -> {
            if (!name.equalsIgnoreCase("content-length") && !name.equalsIgnoreCase("transfer-encoding")) {
                response.getHeaders().put(name, value);
            }
        });
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, reply.body().length);
        boolean head = response.getRequest().getMethod().equals("HEAD");
        response.write(true, head ? ByteBuffer.allocate(0) : ByteBuffer.wrap(reply.body()), callback);
    }

    /** Jetty's own refusals (414 request line too long, 431 headers too large, 400 malformed) as JSON, like every other error. */
    private static boolean jettyError(Request request, Response response, Callback callback) {
        int status = request.getAttribute(ErrorHandler.ERROR_STATUS) instanceof Integer code ? code : response.getStatus();
        write(response, callback, Reply.json(status, "{\"message\":\"" + HttpStatus.getMessage(status) + "\"}"));
        return true;
    }

    /** Stops accepting requests and waits up to two seconds for the ones in progress to be answered. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("stopping the HTTP server failed", e);
        }
        workers.shutdown();
        try {
            workers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
