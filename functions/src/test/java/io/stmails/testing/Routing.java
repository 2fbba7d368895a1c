package io.stmails.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.stmails.catalog.FunctionCatalog.RouteMatch;
import io.stmails.catalog.FunctionCatalog;
import io.stmails.http.HttpRequest;
import java.util.Map;
import java.util.Optional;

/** Requests as API Gateway delivers them: with the route key and path parameters of the route they match ({@code $default}: none). */
public final class Routing {
    private Routing() {
    }

    public static HttpRequest request(String method, String path, Map<String, String> headers, String rawQuery, byte[] body) {
        Optional<RouteMatch> match = FunctionCatalog.route(method, path);
        return new HttpRequest(method, path, headers, rawQuery, body, routeKey(match), match.map(RouteMatch::pathParameters).orElse(Map.of()));
    }

    /** Sets {@code event}'s route key and path parameters from its method and raw path. */
    public static APIGatewayV2HTTPEvent route(APIGatewayV2HTTPEvent event) {
        Optional<RouteMatch> match = FunctionCatalog.route(event.getRequestContext().getHttp().getMethod(), event.getRawPath());
        event.setRouteKey(routeKey(match));
        event.getRequestContext().setRouteKey(routeKey(match));
        event.setPathParameters(match.map(RouteMatch::pathParameters).filter(p -> !p.isEmpty()).orElse(null));
        return event;
    }

    private static String routeKey(Optional<RouteMatch> match) {
        return match.map(m -> m.route().key()).orElse(HttpRequest.DEFAULT_ROUTE);
    }
}
