package io.stmails.api;

import io.stmails.domain.ContentionException;
import io.stmails.http.ApiAuthenticator;
import io.stmails.http.BadRequestException;
import io.stmails.http.HttpRequest;
import io.stmails.http.HttpResponse;
import io.stmails.http.Responses;
import io.stmails.store.StorageException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code api} function: finds the route, checks the caller's permission, runs the route. */
public final class ApiRouter {
    private static final Logger LOG = LoggerFactory.getLogger(ApiRouter.class);

    private final List<ApiRoute> routes;
    private final ApiAuthenticator auth;
    private final Responses responses;

    public ApiRouter(List<ApiRoute> routes, ApiAuthenticator auth, Responses responses) {
        this.routes = List.copyOf(routes);
        this.auth = auth;
        this.responses = responses;
    }

    public HttpResponse handle(HttpRequest request) {
        boolean pathKnown = false;
        for (ApiRoute route : routes) {
            Optional<Map<String, String>> params = route.match(request.method(), request.path());
            if (params.isEmpty()) {
                pathKnown |= route.matchPath(request.path()).isPresent();
                continue;
            }
            ApiAuthenticator.Result caller = auth.authorize(request, route.permission());
            if (!caller.allowed()) {
                return caller.refusal();
            }
            try {
                return route.handler().handle(request, params.get());
            } catch (BadRequestException e) {
                return responses.error(400, "Invalid request: " + e.getMessage() + ".");
            } catch (ContentionException e) {
                LOG.warn("{} {}: {}", request.method(), request.path(), e.getMessage());
                return responses.error(503, "The subscriber kept changing while this request ran; please retry.",
                        Map.of("retry-after", "1"));
            } catch (StorageException e) {
                LOG.error("{} {} failed in storage", request.method(), request.path(), e);
                return responses.error(500, "Storage error; please retry.");
            }
        }
        if (pathKnown) {
            return responses.error(405, "Method " + request.method() + " is not allowed on " + request.path() + ".");
        }
        return responses.error(404, "Not found: " + request.path());
    }
}
