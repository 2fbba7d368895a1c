package io.stmails.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stmails.catalog.ApiEndpoint;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which function and route key serves a request: what the local runner asks in place of API Gateway. */
class FunctionCatalogRoutingTest {

    @ParameterizedTest(name = "{0} {1} -> {2} {3}")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
        "GET|/api/bounces/stats|api|GET /api/bounces/stats",
        "GET|/api/bounces/01ARZ3NDEKTSV4RRFFQ69G5FAV|api|GET /api/bounces/{id}",
        "PUT|/api/bounces/blocklist|api|PUT /api/bounces/blocklist",
        "PATCH|/api/subscribers|api|ANY /api/subscribers",
        "POST|/api/subscribers/reactivate|api|POST /api/subscribers/reactivate",
        "POST|/api/subscribers/6f1c4e9a-2b3d-4c5e-8f70-112233445566/reactivate|api|POST /api/subscribers/{uuid}/reactivate",
        "GET|/console/|api|GET /console/{proxy+}",
        "GET|/console|api|GET /console",
        "GET|/webhooks/service/ses|webhook-ses|GET /webhooks/service/ses",
        "POST|/webhooks/service/mailgun|webhook-mailgun|POST /webhooks/service/mailgun",
        "GET|/webhooks/bounce|none|none",
        "GET|/api/nothing-here|none|none",
        "GET|/nowhere|none|none"})
    void theMostSpecificRouteServesARequestAndUnknownPathsHaveNone(String method, String path, String function, String routeKey) {
        Optional<FunctionCatalog.RouteMatch> match = FunctionCatalog.route(method, path);
        assertEquals(Optional.ofNullable(function), match.map(m -> m.function().functionName()));
        assertEquals(Optional.ofNullable(routeKey), match.map(m -> m.route().key()));
    }

    @Test
    void theApiFunctionHasEveryDeclaredRoute() {
        for (ApiEndpoint endpoint : ApiEndpoint.values()) {
            assertEquals(FunctionCatalog.API, FunctionCatalog.route(endpoint.route().method(),
                    endpoint.route().path().replace("{id}", "x").replace("{uuid}", "y")).orElseThrow().function(), endpoint.name());
        }
    }
}
