package io.stmails.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.stmails.handler.FunctionCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local stand-in for API Gateway and the Lambda Invoke API, on 127.0.0.1 only. Each HTTP
 * request becomes the API Gateway payload v2 event the function gets in AWS;
 * {@code POST /2015-03-31/functions/{name}/invocations} passes a raw event to any function.
 */
final class HttpFront implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpFront.class);
    private static final Pattern INVOKE = Pattern.compile("^/2015-03-31/functions/([^/]+)/invocations/?$");
    /** API Gateway HTTP APIs accept at most 10 MB. */
    private static final int MAX_BODY_BYTES = 10 * 1024 * 1024;

    private final HttpServer server;
    private final LocalFunctions functions;
    private final ObjectMapper json;

    HttpFront(int port, LocalFunctions functions, ObjectMapper json) throws IOException {
        // Headers and body go out in separate writes; with Nagle's algorithm each response waits ~40 ms for an ACK.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        this.functions = functions;
        this.json = json;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        this.server.setExecutor(Executors.newFixedThreadPool(8));
        this.server.createContext("/", this::serve);
    }

    void start() {
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = readBody(exchange.getRequestBody());
            if (body == null) {
                send(exchange, 413, Map.of("content-type", "application/json"), "{\"message\":\"Request Entity Too Large\"}");
                return;
            }
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            Matcher invoke = INVOKE.matcher(path);
            if (invoke.matches()) {
                invokeRaw(exchange, method, invoke.group(1), body);
                return;
            }
            Optional<FunctionCatalog> function = FunctionCatalog.forHttp(method, path);
            if (function.isEmpty()) {
                send(exchange, 404, Map.of("content-type", "application/json"), "{\"message\":\"Not Found\"}");
                return;
            }
            String result = functions.invoke(function.get(), apiGatewayEvent(exchange, method, path, body));
            sendApiGatewayResponse(exchange, json.readTree(result));
        } catch (RuntimeException e) {
            LOG.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            send(exchange, 500, Map.of("content-type", "application/json"), "{\"message\":\"Internal Server Error\"}");
        }
    }

    private void invokeRaw(HttpExchange exchange, String method, String name, byte[] body) throws IOException {
        if (!method.equals("POST")) {
            send(exchange, 405, Map.of("content-type", "application/json"), "{\"message\":\"Use POST to invoke a function.\"}");
            return;
        }
        Optional<FunctionCatalog> function = FunctionCatalog.byName(name);
        if (function.isEmpty()) {
            send(exchange, 404, Map.of("content-type", "application/json", "x-amzn-errortype", "ResourceNotFoundException"),
                    "{\"Type\":\"User\",\"message\":\"Function not found: " + name.replace("\"", "") + "\"}");
            return;
        }
        try {
            String result = functions.invoke(function.get(), new String(body, StandardCharsets.UTF_8));
            send(exchange, 200, Map.of("content-type", "application/json"), result);
        } catch (RuntimeException e) {
            // Lambda answers 200 with the error and X-Amz-Function-Error for a failed function.
            LOG.error("function {} failed", name, e);
            ObjectNode error = json.createObjectNode()
                    .put("errorMessage", String.valueOf(e.getMessage()))
                    .put("errorType", e.getClass().getName());
            send(exchange, 200, Map.of("content-type", "application/json", "x-amz-function-error", "Unhandled"),
                    error.toString());
        }
    }

    private String apiGatewayEvent(HttpExchange exchange, String method, String path, byte[] body) {
        String rawQuery = Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse("");
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        Instant now = Instant.now();
        ObjectNode event = json.createObjectNode();
        event.put("version", "2.0");
        String routeKey = FunctionCatalog.forHttp(method, path)
                .flatMap(f -> f.routes().stream().filter(r -> r.matches(method, path)).findFirst())
                .map(r -> r.method() + " " + r.path()).orElse("$default");
        event.put("routeKey", routeKey);
        event.put("rawPath", path);
        event.put("rawQueryString", rawQuery);
        ObjectNode headerNode = event.putObject("headers");
        headers.forEach(headerNode::put);
        if (!rawQuery.isEmpty()) {
            event.set("queryStringParameters", json.valueToTree(queryParameters(rawQuery)));
        }
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", "000000000000");
        context.put("apiId", "local");
        context.put("domainName", "127.0.0.1");
        context.put("domainPrefix", "local");
        context.putObject("http")
                .put("method", method)
                .put("path", path)
                .put("protocol", exchange.getProtocol())
                .put("sourceIp", exchange.getRemoteAddress().getAddress().getHostAddress())
                .put("userAgent", headers.getOrDefault("user-agent", ""));
        context.put("requestId", UUID.randomUUID().toString());
        context.put("routeKey", routeKey);
        context.put("stage", "$default");
        context.put("time", now.toString());
        context.put("timeEpoch", now.toEpochMilli());
        if (body.length > 0) {
            boolean text = isText(headers.get("content-type"));
            event.put("body", text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body));
            event.put("isBase64Encoded", !text);
        } else {
            event.put("isBase64Encoded", false);
        }
        return event.toString();
    }

    /** API Gateway joins repeated parameters with commas in {@code queryStringParameters}. */
    private static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            parameters.merge(name, value, (a, b) -> a + "," + b);
        }
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

    private void sendApiGatewayResponse(HttpExchange exchange, JsonNode response) throws IOException {
        int status = response.path("statusCode").asInt(200);
        Map<String, String> headers = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = response.path("headers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> header = it.next();
            headers.put(header.getKey(), header.getValue().asText());
        }
        String body = response.path("body").isNull() ? "" : response.path("body").asText("");
        byte[] bytes = response.path("isBase64Encoded").asBoolean(false)
                ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
        send(exchange, status, headers, bytes);
    }

    private static void send(HttpExchange exchange, int status, Map<String, String> headers, String body) throws IOException {
        send(exchange, status, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, Map<String, String> headers, byte[] body) throws IOException {
        headers.forEach((name, value) -> exchange.getResponseHeaders().put(name, List.of(value)));
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        return body.length > MAX_BODY_BYTES ? null : body;
    }

    /** Stops accepting requests and waits up to two seconds for the ones in progress to be answered. */
    @Override
    public void close() {
        server.stop(2);
        ((ExecutorService) server.getExecutor()).shutdown();
    }
}
