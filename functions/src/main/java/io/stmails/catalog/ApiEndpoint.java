package io.stmails.catalog;

import io.stmails.http.Route;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The API's route table: every route of {@code /api}, declared once with the permission it needs (null:
 * any authenticated user). The stack creates one API Gateway route per entry, plus one {@code ANY} route per
 * path so that a wrong method is answered 405 by the {@code api} function; the router dispatches on the route key
 * API Gateway (or the local runner) reports.
 */
public enum ApiEndpoint {
    BOUNCE_STATS("GET /api/bounces/stats", "bounces:get"),
    BOUNCE_EXPORT("GET /api/bounces/export", "bounces:get"),
    BOUNCE_BLOCKLIST("PUT /api/bounces/blocklist", "bounces:manage"),
    BOUNCE_LIST("GET /api/bounces", "bounces:get"),
    BOUNCE_DELETE_MANY("DELETE /api/bounces", "bounces:manage"),
    BOUNCE_GET("GET /api/bounces/{id}", "bounces:get"),
    BOUNCE_DELETE("DELETE /api/bounces/{id}", "bounces:manage"),
    SUBSCRIBER_BOUNCES("GET /api/subscribers/{uuid}/bounces", "bounces:get"),
    SUBSCRIBER_BOUNCES_DELETE("DELETE /api/subscribers/{uuid}/bounces", "bounces:manage"),
    SUBSCRIBER_CREATE("POST /api/subscribers", "subscribers:manage"),
    SUBSCRIBER_FIND("GET /api/subscribers", "subscribers:get"),
    SUBSCRIBER_GET("GET /api/subscribers/{uuid}", "subscribers:get"),
    SUBSCRIBER_DELETE("DELETE /api/subscribers/{uuid}", "subscribers:manage"),
    SUBSCRIBER_ACTIONS("GET /api/subscribers/{uuid}/actions", "subscribers:get"),
    REACTIVATE_MANY("POST /api/subscribers/reactivate", "subscribers:manage"),
    REACTIVATE("POST /api/subscribers/{uuid}/reactivate", "subscribers:manage"),
    SUPPRESSIONS("GET /api/suppressions", "subscribers:get"),
    SUPPRESSIONS_IMPORT("POST /api/suppressions/import", "subscribers:manage"),
    SETTINGS("GET /api/settings", "settings:get"),
    MAILBOXES("GET /api/mailboxes", "bounces:get"),
    ME("GET /api/me", null);

    private final Route route;
    private final String permission;

    ApiEndpoint(String routeKey, String permission) {
        this.route = Route.parse(routeKey);
        this.permission = permission;
    }

    public Route route() {
        return route;
    }

    /** null: any authenticated user. */
    public String permission() {
        return permission;
    }

    /** Every declared route, then one {@code ANY} route per declared path (a method the path does not serve: 405). */
    public static List<Route> gatewayRoutes() {
        Set<String> paths = new LinkedHashSet<>();
        Arrays.stream(values()).forEach(endpoint -> paths.add(endpoint.route.path()));
        return Stream.concat(Arrays.stream(values()).map(ApiEndpoint::route),
                paths.stream().map(path -> new Route("ANY", path))).toList();
    }

    /** The methods declared for {@code path}, for a 405's {@code Allow}. */
    public static List<String> methodsOf(String path) {
        return Arrays.stream(values()).map(ApiEndpoint::route).filter(r -> r.path().equals(path)).map(Route::method).toList();
    }
}
