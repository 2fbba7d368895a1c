package io.stmails.http;

import io.stmails.domain.StrictUtf8;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP request as the services see it, whatever carried it (API Gateway payload v2 in AWS, the
 * local runner on a laptop). Header names are lower-cased; the body is the raw bytes as received.
 * {@code routeKey} and {@code pathParameters} are the route that matched, as API Gateway reports it
 * ({@code "GET /api/bounces/{id}"}, {@code {id=…}}); {@code $default} when no route was matched.
 */
public record HttpRequest(String method, String path, Map<String, String> headers, String rawQuery, byte[] body,
        String routeKey, Map<String, String> pathParameters) {
    public static final String DEFAULT_ROUTE = "$default";

    public HttpRequest {
        Map<String, String> lower = new HashMap<>();
        headers.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
        headers = Map.copyOf(lower);
        rawQuery = rawQuery == null ? "" : rawQuery;
        body = body == null ? new byte[0] : body;
        routeKey = routeKey == null ? DEFAULT_ROUTE : routeKey;
        pathParameters = pathParameters == null ? Map.of() : Map.copyOf(pathParameters);
    }

    /** A request no route was matched for (the webhook functions, which serve one route each). */
    public HttpRequest(String method, String path, Map<String, String> headers, String rawQuery, byte[] body) {
        this(method, path, headers, rawQuery, body, DEFAULT_ROUTE, Map.of());
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /**
     * The body decoded as UTF-8, strictly: a malformed byte sequence is refused rather than turned into
     * U+FFFD (which would alter what is stored). A leading byte order mark is dropped.
     *
     * @throws BadRequestException when the body is not valid UTF-8
     */
    public String bodyText() {
        String text = StrictUtf8.decode(body).orElseThrow(() -> new BadRequestException("the body is not valid UTF-8"));
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** Every value of a query parameter, in order ({@code ?id=1&id=2}). */
    public List<String> queryValues(String name) {
        return QueryString.parse(rawQuery).stream().filter(pair -> pair.getKey().equals(name)).map(Map.Entry::getValue).toList();
    }

    public Optional<String> query(String name) {
        List<String> values = queryValues(name);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
}
