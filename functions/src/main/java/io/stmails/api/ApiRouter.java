package io.stmails.api;

import io.stmails.catalog.ApiEndpoint;
import io.stmails.domain.ContentionException;
import io.stmails.http.ApiAuthenticator;
import io.stmails.http.BadRequestException;
import io.stmails.http.HttpRequest;
import io.stmails.http.HttpResponse;
import io.stmails.http.Responses;
import io.stmails.http.Route;
import io.stmails.store.InvalidCursorException;
import io.stmails.store.StorageException;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code api} function: dispatches on the route key the request was matched to (every
 * {@link ApiEndpoint} must be bound exactly once), checks the caller's permission, runs the route.
 * An {@code ANY} route key is a method the path does not serve: 405 with {@code Allow}.
 */
public final class ApiRouter {
    private static final Logger LOG = LoggerFactory.getLogger(ApiRouter.class);

    private final Map<String, ApiRoute> byRouteKey = new HashMap<>();
    private final ApiAuthenticator auth;
    private final Responses responses;

    public ApiRouter(List<ApiRoute> routes, ApiAuthenticator auth, Responses responses) {
        Map<ApiEndpoint, ApiRoute> bound = new EnumMap<>(ApiEndpoint.class);
        for (ApiRoute route : routes) {
            if (bound.put(route.endpoint(), route) != null) {
                throw new IllegalArgumentException(route.endpoint() + " is bound twice");
            }
            byRouteKey.put(route.endpoint().route().key(), route);
        }
        EnumSet<ApiEndpoint> unbound = EnumSet.allOf(ApiEndpoint.class);
        unbound.removeAll(bound.keySet());
        if (!unbound.isEmpty()) {
            throw new IllegalArgumentException("no handler for " + unbound);
        }
        this.auth = auth;
        this.responses = responses;
    }

    public HttpResponse handle(HttpRequest request) {
        ApiRoute route = byRouteKey.get(request.routeKey());
        if (route == null) {
            return unrouted(request);
        }
        ApiAuthenticator.Result caller = auth.authorize(request, route.permission());
        if (!caller.allowed()) {
            return caller.refusal();
        }
        try {
            return route.handler().handle(request, request.pathParameters());
        } catch (BadRequestException e) {
            return responses.error(400, "Invalid request: " + e.getMessage() + ".");
        } catch (InvalidCursorException e) {
            return responses.error(400, e.getMessage());
        } catch (ContentionException e) {
            LOG.warn("{} {}: {}", request.method(), request.path(), e.getMessage());
            return responses.error(503, "The subscriber kept changing while this request ran; please retry.",
                    Map.of("retry-after", "1"));
        } catch (StorageException e) {
            LOG.error("{} {} failed in storage", request.method(), request.path(), e);
            return responses.error(500, "Storage error; please retry.");
        }
    }

    /** The {@code ANY} route of a declared path, or a route key this function does not serve (never sent by API Gateway). */
    private HttpResponse unrouted(HttpRequest request) {
        if (request.routeKey().startsWith("ANY ")) {
            List<String> allowed = ApiEndpoint.methodsOf(Route.parse(request.routeKey()).path());
            if (!allowed.isEmpty()) {
                return responses.error(405, "Method " + request.method() + " is not allowed on " + request.path() + ".",
                        Map.of("allow", String.join(", ", allowed)));
            }
        }
        return responses.error(404, "Not found: " + request.path());
    }
}
